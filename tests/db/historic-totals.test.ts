/**
 * Historic totals (issue 13): api.import_aggregate requires the number who answered every question imported
 * (the denominator), takes published percentages with their base and says the figure was reconstructed, and
 * moves the baseline to an earlier wave; api.delete_wave deletes a mistaken wave with the reason in the audit
 * log. On both engines.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AGGREGATE_EXAMPLE, readAggregateFile } from '$lib/imports/csv';
import {
	forEachEngine,
	parseDetails,
	suffix,
	type Client,
	type Engine,
	type MemberRole,
	type Organisation,
	type Survey
} from './engines';

interface TrendRow {
	wave_id: string;
	wave_kind: string;
	n: number | null;
	positive: number | null;
	share: number | null;
	suppressed: boolean;
	reconstructed: boolean;
}

interface Problems {
	fields: Record<string, string>;
	rows: { row: number | null; message: string }[];
}

function wave(extra: Record<string, string> = {}) {
	return {
		label: 'Survey 2019',
		kind: 'repeat',
		opens_at: '2019-03-01T00:00:00Z',
		closes_at: '2019-04-01T00:00:00Z',
		slug: `historic-${suffix()}`,
		...extra
	};
}

function importTotals(client: Client, survey: Survey, counts: unknown[], extra: Record<string, string> = {}) {
	return client.rpc('import_aggregate', { p_survey_id: survey.id, p_wave: wave(extra), p_counts: counts });
}

async function trend(client: Client, survey: Survey, group: Record<string, string> = {}) {
	const { data, error } = await client.rpc('indicator_trend', {
		p_question_id: survey.questions.feel.id,
		...group
	});
	expect(error).toBeNull();
	return (data as TrendRow[]).map((r) => ({ ...r, share: r.share === null ? null : Number(r.share) }));
}

async function wavesOf(engine: Engine, survey: Survey) {
	return engine.db.query<{ id: string; label: string; kind: string }>(
		`select id, label, kind::text from app.waves where survey_id = $1 order by opens_at`,
		[survey.id]
	);
}

async function auditOf(engine: Engine, org: Organisation, action: string) {
	return engine.db.query<{ actor: string | null; subject_id: string; detail: Record<string, unknown> }>(
		`select actor::text, subject_id, detail from app.audit_log where organisation_id = $1 and action = $2 order by id`,
		[org.id, action]
	);
}

/** "85 answered, 64 agreed", as a council published it. */
const EIGHTY_FIVE = [
	{ n: 85 },
	{ question_key: 'feel', n: 85 },
	{ question_key: 'feel', option_value: 'agree', n: 64 },
	{ question_key: 'feel', option_value: 'disagree', n: 21 }
];

forEachEngine('historic totals', (engine) => {
	async function world(waves?: ('closed' | 'open' | 'future')[]) {
		const org = await engine.createOrganisation();
		const survey = await engine.createSurvey(org, waves ? { waves } : {});
		const leadUser = await engine.createMember(org, 'lead');
		const lead = await engine.signInAs(leadUser);
		return { org, survey, lead, leadUser };
	}

	describe('the number who answered is the denominator', () => {
		it('refuses answers imported without the number who answered, naming the row and the question', async () => {
			const { survey, lead } = await world(['open']);
			// the bug: without its question row, "64 agreed" read as 64 of 64 (100%)
			const { error } = await importTotals(lead, survey, [
				{ n: 85 },
				{ question_key: 'feel', option_value: 'agree', n: 64 },
				{ dimension: 'phase', category: 'primary', n: 30 },
				{ question_key: 'feel', n: 25, dimension: 'phase', category: 'primary' },
				{ question_key: 'feel', option_value: 'agree', n: 25, dimension: 'phase', category: 'primary' },
				{ question_key: 'services', option_value: 'health', n: 20, dimension: 'phase', category: 'primary' }
			]);
			expect(error?.hint).toBe('invalid_aggregate');
			const { rows } = parseDetails(error?.details) as unknown as Problems;
			expect(rows).toEqual([
				{
					row: 2,
					message: expect.stringMatching(
						/^Give how many answered feel: a row with question_key feel, no option_value, and n\./
					)
				},
				{
					row: 6,
					message: expect.stringMatching(
						/^Give how many answered services in phase primary: a row with question_key services, dimension phase, category primary, no option_value, and n\./
					)
				}
			]);
			expect(await wavesOf(engine, survey)).toHaveLength(1);
		});

		it('shows 64 of 85, not 100% of 64, once the number who answered is given', async () => {
			const { survey, lead } = await world(['open']);
			const { error } = await importTotals(lead, survey, EIGHTY_FIVE, { kind: 'baseline' });
			expect(error).toBeNull();
			const [imported] = await trend(lead, survey);
			expect(imported).toMatchObject({
				wave_kind: 'baseline',
				n: 85,
				positive: 64,
				share: 0.7529,
				reconstructed: false
			});
		});
	});

	describe('share and base', () => {
		it('stores a published percentage as whole people, rounded half up, and the trend says it was reconstructed', async () => {
			const { org, survey, lead } = await world(['open']);
			const { data, error } = await importTotals(
				lead,
				survey,
				[
					{ n: 85 },
					{ question_key: 'feel', n: 85 },
					// 75% of 85 is 63.75: 64 people; 10% is 8.5: 9 (half up); 15% is 12.75: 13
					{ question_key: 'feel', option_value: 'agree', share: 75, base: 85 },
					{ question_key: 'feel', option_value: 'disagree', share: '10', base: '85' },
					{ question_key: 'feel', option_value: 'neither', share: '15%', base: 85 }
				],
				{ kind: 'baseline' }
			);
			expect(error).toBeNull();
			expect(data).toMatchObject({ respondents: 85, counts: 5, reconstructed: 3, previous_baseline: null });
			const waveId = (data as { wave_id: string }).wave_id;
			const counts = await engine.db.query<{ value: string; n: number; published_share: string | null }>(
				`select o.value, c.n, c.published_share::text from app.option_counts c join app.question_options o on o.id = c.option_id
				  where c.wave_id = $1 order by o.position`,
				[waveId]
			);
			expect(counts).toEqual([
				{ value: 'agree', n: 64, published_share: '75' },
				{ value: 'neither', n: 13, published_share: '15' },
				{ value: 'disagree', n: 9, published_share: '10' }
			]);

			await engine.addResponses(survey, survey.waves.open!, 40, { feel: 'agree' });
			const rows = await trend(lead, survey);
			expect(
				rows.map((r) => ({ kind: r.wave_kind, n: r.n, positive: r.positive, reconstructed: r.reconstructed }))
			).toEqual([
				{ kind: 'baseline', n: 85, positive: 64, reconstructed: true },
				{ kind: 'repeat', n: 40, positive: 40, reconstructed: false }
			]);

			// forum reads it too, under the disclosure rule: the flag says where the figure came from, nothing more
			const forum = await engine.signInAs(await engine.createMember(org, 'forum'));
			const [published] = await trend(forum, survey);
			expect(published).toMatchObject({ n: 85, positive: 64, suppressed: false, reconstructed: true });
		});

		it('says which groups were reconstructed: a group given as counts is not', async () => {
			const { survey, lead } = await world(['open']);
			const { error } = await importTotals(lead, survey, [
				{ n: 85 },
				{ question_key: 'feel', n: 85 },
				{ question_key: 'feel', option_value: 'agree', share: 75, base: 85 },
				{ question_key: 'feel', option_value: 'disagree', share: 25, base: 85 },
				{ dimension: 'phase', category: 'primary', n: 40 },
				{ question_key: 'feel', n: 40, dimension: 'phase', category: 'primary' },
				{ question_key: 'feel', option_value: 'agree', n: 30, dimension: 'phase', category: 'primary' },
				{ question_key: 'feel', option_value: 'disagree', n: 10, dimension: 'phase', category: 'primary' }
			]);
			expect(error).toBeNull();
			const [everyone] = await trend(lead, survey);
			const [primary] = await trend(lead, survey, { p_dimension: 'phase', p_category: 'primary' });
			expect(everyone).toMatchObject({ positive: 64, reconstructed: true });
			expect(primary).toMatchObject({ n: 40, positive: 30, reconstructed: false });
		});

		it('refuses bad shares and bases, a message for each row, and imports nothing', async () => {
			const { survey, lead } = await world(['open']);
			const { error } = await importTotals(lead, survey, [
				{ n: 85 },
				{ question_key: 'feel', n: 85 },
				{ question_key: 'feel', option_value: 'strongly_agree', share: 120, base: 85 },
				{ question_key: 'feel', option_value: 'agree', share: -5, base: 85 },
				{ question_key: 'feel', option_value: 'neither', share: 'most', base: 85 },
				{ question_key: 'feel', option_value: 'disagree', n: 5, share: 10, base: 85 },
				{ question_key: 'feel', option_value: 'strongly_disagree', share: 10 },
				{ question_key: 'services', share: 50, base: 85 },
				{ question_key: 'services', option_value: 'health', base: 85 },
				{ question_key: 'services', option_value: 'education', share: 10, base: 0 },
				{ question_key: 'services', option_value: 'social_care', share: 10, base: 2.5 }
			]);
			expect(error?.hint).toBe('invalid_aggregate');
			const { rows } = parseDetails(error?.details) as unknown as Problems;
			expect(rows).toEqual([
				{ row: 3, message: 'share must be from 0 to 100; it is 120.' },
				{ row: 4, message: 'share must be from 0 to 100; it is -5.' },
				{ row: 5, message: 'share must be a percentage from 0 to 100, like 75 or 75.5; it is “most”.' },
				{ row: 6, message: 'Give either n or share and base, not both.' },
				{ row: 7, message: expect.stringMatching(/^A share needs its base/) },
				{ row: 8, message: expect.stringMatching(/^share and base are for the rows of answers/) },
				{ row: 9, message: expect.stringMatching(/^A base needs its share/) },
				{ row: 10, message: 'base must be a whole number of people, from 1 to 10,000,000.' },
				{ row: 11, message: 'base must be a whole number of people, 1 or more; it is “2.5”.' }
			]);

			// a base that is not the number who answered
			const other = await importTotals(lead, survey, [
				{ n: 85 },
				{ question_key: 'feel', n: 85 },
				{ question_key: 'feel', option_value: 'agree', share: 75, base: 80 },
				{ question_key: 'feel', option_value: 'disagree', share: 25, base: 85 }
			]);
			expect((parseDetails(other.error?.details) as unknown as Problems).rows).toEqual([
				{
					row: 3,
					message:
						'The base (80) is not the number who answered feel (85, on row 2). A share is of the people who answered the question.'
				}
			]);

			// percentages that do not add up, beyond what rounding explains
			const sums = await importTotals(lead, survey, [
				{ n: 85 },
				{ question_key: 'feel', n: 85 },
				{ question_key: 'feel', option_value: 'agree', share: 75, base: 85 },
				{ question_key: 'feel', option_value: 'disagree', share: 35, base: 85 }
			]);
			expect((parseDetails(sums.error?.details) as unknown as Problems).rows).toEqual([
				{
					row: 2,
					message:
						'The answers to feel add up to 94, not the 85 who answered it. Rounding the percentages explains a difference of 1 at most.'
				}
			]);
			expect(await wavesOf(engine, survey)).toHaveLength(1);
		});
	});

	it('imports the example file the import page offers', async () => {
		const { survey, lead } = await world(['open']);
		const parsed = readAggregateFile(new TextEncoder().encode(AGGREGATE_EXAMPLE));
		if (!parsed.ok) throw new Error(parsed.message);
		const { data, error } = await importTotals(lead, survey, parsed.value);
		expect(error).toBeNull();
		expect(data).toMatchObject({ respondents: 120, reconstructed: 2 });
		const [example] = await trend(lead, survey);
		expect(example).toMatchObject({ n: 85, positive: 64, reconstructed: false });
	});

	describe('moving the baseline', () => {
		it('makes an earlier wave the baseline, the old one a repeat, and keeps it in the audit log', async () => {
			const { org, survey, lead, leadUser } = await world(['closed', 'open']);
			const { data, error } = await importTotals(lead, survey, EIGHTY_FIVE, {
				kind: 'baseline',
				label: 'Baseline 2019 (previous tool)'
			});
			expect(error).toBeNull();
			expect(data).toMatchObject({ previous_baseline: 'Wave closed' });
			expect((await wavesOf(engine, survey)).map((w) => [w.label, w.kind])).toEqual([
				['Baseline 2019 (previous tool)', 'baseline'],
				['Wave closed', 'repeat'],
				['Wave open', 'repeat']
			]);
			expect((await trend(lead, survey)).map((r) => r.wave_kind)).toEqual(['baseline', 'repeat', 'repeat']);
			const [entry] = await auditOf(engine, org, 'wave.imported');
			expect(entry).toMatchObject({
				actor: leadUser.id,
				subject_id: (data as { wave_id: string }).wave_id,
				detail: {
					kind: 'baseline',
					reconstructed: 0,
					baseline_moved_from: { id: survey.waves.closed!.id, label: 'Wave closed' }
				}
			});
		});

		it('refuses a baseline that is not earlier, and an officer moving it', async () => {
			const { org, survey, lead } = await world(['closed', 'open']);
			const later = await importTotals(lead, survey, EIGHTY_FIVE, {
				kind: 'baseline',
				opens_at: '2024-02-01T00:00:00Z',
				closes_at: '2024-03-01T00:00:00Z'
			});
			expect((parseDetails(later.error?.details) as unknown as Problems).fields).toEqual({
				kind: 'A new baseline must come before the current one, “Wave closed”, which opened on 10 January 2024. Import this wave as a repeat.'
			});
			const officer = await engine.signInAs(await engine.createMember(org, 'officer'));
			const moved = await importTotals(officer, survey, EIGHTY_FIVE, { kind: 'baseline' });
			expect((parseDetails(moved.error?.details) as unknown as Problems).fields.kind).toMatch(
				/^This survey has a baseline already, “Wave closed”\. Only an administrator or lead can move the baseline/
			);
			// an officer still imports a repeat
			expect((await importTotals(officer, survey, EIGHTY_FIVE)).error).toBeNull();
			expect((await wavesOf(engine, survey)).map((w) => w.kind)).toEqual(['repeat', 'baseline', 'repeat']);
		});
	});

	describe('deleting a mistaken wave', () => {
		async function withResponses() {
			const w = await world(['closed', 'open']);
			await engine.addResponses(w.survey, w.survey.waves.open!, 3, {
				feel: 'agree',
				services: ['health'],
				comment: 'Mistaken',
				age: 7
			});
			return w;
		}

		async function remaining(waveId: string) {
			const [row] = await engine.db.query<Record<string, number>>(
				`select (select count(*)::int from app.waves where id = $1) as waves,
				        (select count(*)::int from app.responses where wave_id = $1) as responses,
				        (select count(*)::int from app.answers a join app.responses r on r.id = a.response_id where r.wave_id = $1) as answers,
				        (select count(*)::int from app.wave_group_counts where wave_id = $1) as group_counts,
				        (select count(*)::int from app.question_counts where wave_id = $1) as question_counts,
				        (select count(*)::int from app.option_counts where wave_id = $1) as option_counts`,
				[waveId]
			);
			return row!;
		}

		it('lets admins and leads delete a wave with its responses and counts, the reason in the audit log', async () => {
			for (const role of ['admin', 'lead'] as const) {
				const { org, survey } = await withResponses();
				const user = await engine.createMember(org, role);
				const client = await engine.signInAs(user);
				const open = survey.waves.open!;
				expect((await remaining(open.id)).responses).toBe(3);
				const { data, error } = await client.rpc('delete_wave', {
					p_wave_id: open.id,
					p_reason: '  Opened by mistake: a test wave.  '
				});
				expect(error).toBeNull();
				expect(data).toEqual({
					wave_id: open.id,
					survey_id: survey.id,
					label: 'Wave open',
					kind: 'repeat',
					source: 'responses',
					responses: 3,
					respondents: 3
				});
				expect(await remaining(open.id)).toEqual({
					waves: 0,
					responses: 0,
					answers: 0,
					group_counts: 0,
					question_counts: 0,
					option_counts: 0
				});
				// the other wave is untouched
				expect((await wavesOf(engine, survey)).map((w) => w.label)).toEqual(['Wave closed']);
				const [entry] = await auditOf(engine, org, 'wave.deleted');
				expect(entry).toMatchObject({
					actor: user.id,
					subject_id: open.id,
					detail: {
						reason: 'Opened by mistake: a test wave.',
						responses: 3,
						respondents: 3,
						before: { id: open.id, label: 'Wave open', kind: 'repeat', slug: open.slug }
					}
				});
			}
		});

		it('deletes an imported wave and its totals', async () => {
			const { org, survey, lead } = await world(['open']);
			const { data } = await importTotals(lead, survey, EIGHTY_FIVE);
			const waveId = (data as { wave_id: string }).wave_id;
			const { data: deleted, error } = await lead.rpc('delete_wave', {
				p_wave_id: waveId,
				p_reason: 'Wrong year'
			});
			expect(error).toBeNull();
			expect(deleted).toMatchObject({ source: 'aggregate', responses: 0, respondents: 85 });
			expect(await remaining(waveId)).toMatchObject({
				waves: 0,
				group_counts: 0,
				question_counts: 0,
				option_counts: 0
			});
			expect((await trend(lead, survey)).map((r) => r.wave_id)).toEqual([survey.waves.open!.id]);
			expect(await auditOf(engine, org, 'wave.deleted')).toHaveLength(1);
		});

		it('requires a reason, beside its field, and deletes nothing without one', async () => {
			const { org, survey, lead } = await withResponses();
			for (const reason of ['', '   ', null]) {
				const { error } = await lead.rpc('delete_wave', {
					p_wave_id: survey.waves.open!.id,
					p_reason: reason as string
				});
				expect(error?.hint).toBe('invalid_request');
				expect(parseDetails(error?.details)).toEqual({
					reason: 'Give the reason for deleting this wave: it is kept in the audit log.'
				});
			}
			const long = await lead.rpc('delete_wave', {
				p_wave_id: survey.waves.open!.id,
				p_reason: 'x'.repeat(1001)
			});
			expect(parseDetails(long.error?.details)).toEqual({ reason: 'Keep the reason to 1,000 characters.' });
			expect((await remaining(survey.waves.open!.id)).responses).toBe(3);
			expect(await auditOf(engine, org, 'wave.deleted')).toEqual([]);
		});

		it('refuses while a comment from the wave is in the safeguarding queue or is evidence for a decision', async () => {
			const { org, survey, lead } = await withResponses();
			const open = survey.waves.open!;
			const comments = await engine.db.query<{ id: string }>(
				`select id from app.feedback where wave_id = $1 order by id`,
				[open.id]
			);
			expect(comments).toHaveLength(3);
			const [flag] = await engine.db.query<{ id: string }>(
				`insert into app.safeguarding_flags (organisation_id, feedback_id, reason) values ($1, $2, 'Worrying') returning id`,
				[org.id, comments[0]!.id]
			);
			const flagged = await lead.rpc('delete_wave', { p_wave_id: open.id, p_reason: 'Mistake' });
			expect(flagged.error).toMatchObject({
				hint: 'invalid_request',
				message:
					'A comment from this wave is waiting in the safeguarding queue. The safeguarding lead must close its flag before the wave can be deleted.'
			});
			await engine.db.query(
				`update app.safeguarding_flags set closed_at = now(), action = 'no_concern' where id = $1`,
				[flag!.id]
			);

			const [decision] = await engine.db.query<{ id: string }>(
				`insert into app.decisions (organisation_id, you_said) values ($1, 'More help') returning id`,
				[org.id]
			);
			await engine.db.query(
				`insert into app.decision_evidence (organisation_id, decision_id, kind, feedback_id) values ($1, $2, 'feedback', $3)`,
				[org.id, decision!.id, comments[1]!.id]
			);
			const cited = await lead.rpc('delete_wave', { p_wave_id: open.id, p_reason: 'Mistake' });
			expect(cited.error).toMatchObject({
				hint: 'invalid_request',
				message: 'Comments from this wave are evidence for a decision. Unlink them from it first.'
			});
			expect((await remaining(open.id)).responses).toBe(3);

			await engine.db.query(`delete from app.decision_evidence where decision_id = $1`, [decision!.id]);
			expect((await lead.rpc('delete_wave', { p_wave_id: open.id, p_reason: 'Mistake' })).error).toBeNull();
			expect(await remaining(open.id)).toMatchObject({ waves: 0, responses: 0 });
		});

		it('refuses officers, forum, scrutiny, safeguarding, other organisations, non-members and anon', async () => {
			const { org, survey } = await withResponses();
			const denied: MemberRole[] = ['officer', 'forum', 'scrutiny', 'safeguarding'];
			const callers: [string, Client][] = [];
			for (const role of denied)
				callers.push([role, await engine.signInAs(await engine.createMember(org, role))]);
			const elsewhere = await engine.createOrganisation();
			callers.push(['lead elsewhere', await engine.signInAs(await engine.createMember(elsewhere, 'lead'))]);
			callers.push(['no membership', await engine.signInAs(await engine.createUser())]);
			for (const [who, client] of callers) {
				const { error, status } = await client.rpc('delete_wave', {
					p_wave_id: survey.waves.open!.id,
					p_reason: 'Because'
				});
				expect({ who, status, hint: error?.hint }).toEqual({ who, status: 403, hint: 'not_permitted' });
			}
			const anon = await engine
				.anon()
				.rpc('delete_wave', { p_wave_id: survey.waves.open!.id, p_reason: 'Because' });
			expect([401, 404]).toContain(anon.status);
			// an id that is no wave is refused the same way
			const lead = await engine.signInAs(await engine.createMember(org, 'lead'));
			expect((await lead.rpc('delete_wave', { p_wave_id: randomUUID(), p_reason: 'x' })).error?.hint).toBe(
				'not_permitted'
			);
			expect(await remaining(survey.waves.open!.id)).toMatchObject({ waves: 1, responses: 3 });
			expect(await auditOf(engine, org, 'wave.deleted')).toEqual([]);
		});
	});
});
