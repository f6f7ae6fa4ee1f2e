/**
 * Versioned indicator definitions (20261209100100_definition_versions.sql): a change of which answers count as
 * positive is noted (when, by whom, before and after; one change per save), the trend lists it with wording
 * changes, and the figures returned before the change are returned again, exactly, for the earlier definition:
 * for staff, forum, scrutiny and the public alike, for a one-answer and a several-answer question, on both
 * engines. Decisions under the indicator's strategy priority come with those that cite it.
 */
import { beforeAll, expect, it } from 'vitest';
import { ApiError, call, type Client as ApiClient } from '$lib/server/api';
import { forEachEngine, type Organisation, type Survey } from './engines';

type Row = Record<string, unknown> & {
	wave_id: string;
	n: number | null;
	positive: number | null;
	share: number | null;
	not_counted: boolean;
	definition: number;
	latest_definition: number;
	definition_changes: {
		kind: string;
		version: number | null;
		before: string[];
		after: string[];
		words: string;
	}[];
};

/** A row's figures, without what says which definition they are counted by. */
function figures(rows: Row[]) {
	return rows.map((r) => {
		const copy: Record<string, unknown> = { ...r };
		for (const key of ['definition', 'latest_definition', 'definition_changes', 'as_of']) delete copy[key];
		return copy;
	});
}

forEachEngine('versioned indicator definitions', (engine) => {
	let org: Organisation;
	let survey: Survey;
	let priority: string;
	let lead: ApiClient;
	let leadId: string;
	let readers: [string, ApiClient][];

	const signedIn = async (role: 'admin' | 'lead' | 'officer' | 'forum' | 'scrutiny' | 'safeguarding') =>
		(await engine.signInAs(await engine.createMember(org, role))) as unknown as ApiClient;
	const trend = async (client: ApiClient, questionId: string, definition?: number) =>
		(await call(client, 'indicator_trend', {
			p_question_id: questionId,
			...(definition === undefined ? {} : { p_definition: definition })
		})) as unknown as Row[];

	/** The builder's save of the question "feel" with these answers counted as positive. */
	const saveFeel = (client: ApiClient, positive: string[], prompt = 'I feel listened to.') =>
		call(client, 'update_question', {
			p_question_id: survey.questions.feel.id,
			p_prompt: prompt,
			p_required: true,
			p_priority_id: priority,
			p_options: Object.entries(survey.questions.feel.options).map(([value, id]) => ({
				id,
				label: LABELS[value]!,
				is_positive: positive.includes(value)
			}))
		});
	const LABELS: Record<string, string> = {
		strongly_agree: 'Strongly agree',
		agree: 'Agree',
		neither: 'Neither agree nor disagree',
		disagree: 'Disagree',
		strongly_disagree: 'Strongly disagree'
	};

	beforeAll(async () => {
		org = await engine.createOrganisation();
		priority = await engine.createPriority(org, 'Families are heard');
		survey = await engine.createSurvey(org, { waves: ['closed', 'open'], priorityId: priority });
		const leadUser = await engine.createMember(org, 'lead');
		leadId = leadUser.id;
		lead = (await engine.signInAs(leadUser)) as unknown as ApiClient;
		// services: health counts as positive before anyone answers (no change to note then)
		await engine.db.query(`update app.question_options set is_positive = true where id = $1`, [
			survey.questions.services.options.health
		]);
		const closed = survey.waves.closed!;
		const open = survey.waves.open!;
		await engine.addResponses(survey, closed, 20, { feel: 'strongly_agree', services: ['health'] });
		await engine.addResponses(survey, closed, 15, { feel: 'agree', services: ['education'] });
		await engine.addResponses(survey, closed, 25, { feel: 'disagree', services: ['social_care'] });
		await engine.addResponses(survey, open, 12, {
			feel: 'strongly_agree',
			services: ['health', 'education']
		});
		await engine.addResponses(survey, open, 18, { feel: 'agree', services: ['education'] });
		await engine.addResponses(survey, open, 20, { feel: 'neither', services: ['social_care'] });
		await call(lead, 'set_public_indicator', { p_question_id: survey.questions.feel.id, p_public: true });
		await call(lead, 'set_public_indicator', { p_question_id: survey.questions.services.id, p_public: true });
		readers = [
			['lead', lead],
			['officer', await signedIn('officer')],
			['forum', await signedIn('forum')],
			['scrutiny', await signedIn('scrutiny')],
			['public', engine.anon() as unknown as ApiClient]
		];
	});

	it(`${engine.label} reproduces, for every reader, the figures returned before the positive answers changed`, async () => {
		const before = new Map<string, Row[]>();
		for (const [who, client] of readers) {
			for (const question of [survey.questions.feel, survey.questions.services]) {
				const rows = await trend(client, question.id);
				expect(
					rows.every((r) => r.definition === 1 && r.latest_definition === 1),
					who
				).toBe(true);
				expect(rows[0]!.definition_changes, who).toEqual([]);
				before.set(`${who} ${question.key}`, rows);
			}
		}
		// staff see exact figures, forum and the public the published ones: both are reproduced
		expect(figures(before.get('lead feel')!)[0]).toMatchObject({ n: 60, positive: 35 });
		expect(figures(before.get('lead services')!)[0]).toMatchObject({ n: 60, positive: 20 });

		// the builder: "Agree" no longer counts; education counts too for services (several answers)
		await saveFeel(lead, ['strongly_agree']);
		await engine.db.query(`update app.question_options set is_positive = true where id = $1`, [
			survey.questions.services.options.education
		]);

		for (const [who, client] of readers) {
			for (const question of [survey.questions.feel, survey.questions.services]) {
				const now = await trend(client, question.id);
				expect(
					now.every((r) => r.definition === 2 && r.latest_definition === 2),
					who
				).toBe(true);
				const earlier = await trend(client, question.id, 1);
				expect(
					earlier.every((r) => r.definition === 1 && r.latest_definition === 2),
					who
				).toBe(true);
				expect(figures(earlier), `${who} ${question.key}`).toEqual(
					figures(before.get(`${who} ${question.key}`)!)
				);
			}
		}
		// and the figures in force are counted the new way
		const feelNow = await trend(lead, survey.questions.feel.id);
		expect(feelNow[0]).toMatchObject({ n: 60, positive: 20 });
		const servicesNow = await trend(lead, survey.questions.services.id);
		expect(servicesNow[0]).toMatchObject({ n: 60, positive: 35 });
		expect(servicesNow[1]).toMatchObject({ n: 50, positive: 30 });
	});

	it(`${engine.label} notes the change once per save, by whom, and lists it on the trend in words`, async () => {
		const changes = await engine.db.query<{
			version: number;
			changed_by: string;
			labels_before: string[];
			labels_after: string[];
		}>(
			`select version, changed_by, labels_before, labels_after from app.positive_answer_changes where question_id = $1`,
			[survey.questions.feel.id]
		);
		// the builder saves option by option: still one change
		expect(changes).toEqual([
			{
				version: 2,
				changed_by: leadId,
				labels_before: ['Strongly agree', 'Agree'],
				labels_after: ['Strongly agree']
			}
		]);
		const [row] = await trend(readers[4]![1], survey.questions.feel.id);
		expect(row!.definition_changes).toEqual([
			expect.objectContaining({
				kind: 'positive answers',
				version: 2,
				before: ['Strongly agree', 'Agree'],
				after: ['Strongly agree'],
				words: 'The answers counted as positive changed from “Strongly agree” or “Agree” to “Strongly agree”.'
			})
		]);
		const audit = await engine.db.query<{ action: string; detail: { before: string[]; after: string[] } }>(
			`select action, detail from app.audit_log where subject_id = $1 and action like 'indicator.positive%'`,
			[survey.questions.feel.id]
		);
		expect(audit).toEqual([
			{
				action: 'indicator.positive_answers_changed',
				detail: expect.objectContaining({ before: ['Strongly agree', 'Agree'], after: ['Strongly agree'] })
			}
		]);
		// saving without changing which answers count notes nothing more
		await saveFeel(lead, ['strongly_agree']);
		const [again] = await engine.db.query<{ n: number }>(
			`select count(*)::int as n from app.positive_answer_changes where question_id = $1`,
			[survey.questions.feel.id]
		);
		expect(again!.n).toBe(1);
	});

	it(`${engine.label} lists a change of wording with the changes of positive answers, in time order`, async () => {
		await saveFeel(lead, ['strongly_agree'], 'I feel listened to by the council.');
		const [row] = await trend(lead, survey.questions.feel.id);
		expect(row!.definition_changes.map((c) => [c.kind, c.version])).toEqual([
			['positive answers', 2],
			['wording', null]
		]);
		expect(row!.definition_changes[1]!.words).toBe(
			'The question’s wording changed from “I feel listened to.” to “I feel listened to by the council.”.'.replace(
				'’',
				"'"
			)
		);
		// a change of wording alone does not start a new definition of what counts
		expect(row!.latest_definition).toBe(2);
	});

	it(`${engine.label} says a wave answered since an earlier definition was never counted by it (several answers)`, async () => {
		await engine.addResponses(survey, survey.waves.open!, 3, { services: ['education'], feel: 'agree' });
		const [closed, open] = await trend(lead, survey.questions.services.id, 1);
		expect(closed).toMatchObject({ n: 60, positive: 20, not_counted: false });
		expect(open).toMatchObject({ n: 53, positive: null, share: null, not_counted: true });
		// one answer: its answers' counts do not depend on the definition, so the wave is counted the earlier way
		const [, feelOpen] = await trend(lead, survey.questions.feel.id, 1);
		expect(feelOpen).toMatchObject({ n: 53, positive: 33, not_counted: false });
	});

	it(`${engine.label} refuses a definition the indicator never had`, async () => {
		for (const definition of [0, 3]) {
			const e = await trend(lead, survey.questions.feel.id, definition).then(
				() => null,
				(error: unknown) => error
			);
			expect(e).toBeInstanceOf(ApiError);
			expect((e as ApiError).hint).toBe('invalid_request');
		}
	});

	it(`${engine.label} lets members read the changes and survey staff alone the kept counts`, async () => {
		const read = async (role: 'anon' | 'authenticated', userId: string | null, table: string) =>
			engine
				.queryAs<{ n: number }>(
					role,
					userId,
					`select count(*)::int as n from app.${table} where organisation_id = $1`,
					[org.id]
				)
				.then((rows) => rows[0]!.n);
		const forum = await engine.createMember(org, 'forum');
		const stranger = await engine.createMember(await engine.createOrganisation(), 'lead');
		expect(await read('authenticated', leadId, 'positive_answer_changes')).toBeGreaterThan(0);
		expect(await read('authenticated', forum.id, 'positive_answer_changes')).toBeGreaterThan(0);
		expect(await read('authenticated', stranger.id, 'positive_answer_changes')).toBe(0);
		expect(await read('authenticated', leadId, 'kept_positive_counts')).toBeGreaterThan(0);
		expect(await read('authenticated', forum.id, 'kept_positive_counts')).toBe(0);
		await expect(read('anon', null, 'positive_answer_changes')).rejects.toThrow(/permission denied/);
		// nobody writes them but the trigger
		await expect(
			engine.queryAs(
				'authenticated',
				leadId,
				`delete from app.positive_answer_changes where organisation_id = $1`,
				[org.id]
			)
		).rejects.toThrow(/permission denied/);
		await expect(
			engine.queryAs('authenticated', leadId, `update app.kept_positive_counts set positive = 0`)
		).rejects.toThrow(/permission denied/);
	});

	it(`${engine.label} marks the decisions filed under the indicator's priority, not only those citing it`, async () => {
		const other = await engine.createPriority(org, 'Something else');
		const [filed, elsewhere, citing] = await Promise.all(
			[
				[priority, 'Filed under the priority', '2024-09-01'],
				[other, 'Under another priority', '2024-10-01'],
				[other, 'Cites the indicator', '2024-11-01']
			].map(([p, said, on]) =>
				engine.db
					.query<{ id: string }>(
						`insert into app.decisions (organisation_id, priority_id, you_said, we_did, decided_on, published, published_at)
						 values ($1, $2, $3, 'We acted', $4, true, now()) returning id`,
						[org.id, p, said, on]
					)
					.then((rows) => rows[0]!.id)
			)
		);
		await engine.db.query(
			`insert into app.decision_evidence (organisation_id, decision_id, kind, question_id) values ($1, $2, 'indicator', $3)`,
			[org.id, citing, survey.questions.feel.id]
		);
		for (const [who, client] of readers.slice(0, 3)) {
			const decisions = await call(client, 'indicator_decisions', {
				p_question_id: survey.questions.feel.id
			});
			expect(
				decisions.map((d) => [d.id, d.cites, d.same_priority]),
				who
			).toEqual([
				[filed, false, true],
				[citing, true, false]
			]);
			expect(decisions.some((d) => d.id === elsewhere)).toBe(false);
		}
	});
});
