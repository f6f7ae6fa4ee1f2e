/**
 * Indicator definitions (20261208100100_indicator_definitions.sql): every member reads the list (a question
 * with positive options and no saved definition is a default indicator); admins and leads save and retire
 * them, every other role and other organisations are refused, on both engines; bad input is refused with a
 * message for the field: no positive answers, a target outside 0-100, a wave of another survey, an unknown
 * priority; the table is closed to direct writes.
 */
import { beforeAll, expect, it } from 'vitest';
import { ApiError, call, fieldErrors, type Client as ApiClient } from '$lib/server/api';
import { forEachEngine, MEMBER_ROLES, type Organisation, type Survey } from './engines';

forEachEngine('indicator definitions', (engine) => {
	let org: Organisation;
	let survey: Survey;
	let other: Survey;
	let priority: string;
	let lead: ApiClient;

	const signedIn = async (role: (typeof MEMBER_ROLES)[number], organisation = org) =>
		(await engine.signInAs(await engine.createMember(organisation, role))) as unknown as ApiClient;

	async function refusal(promise: Promise<unknown>): Promise<ApiError> {
		try {
			await promise;
		} catch (e) {
			if (e instanceof ApiError) return e;
			throw e;
		}
		throw new Error('The call was not refused.');
	}

	beforeAll(async () => {
		org = await engine.createOrganisation();
		priority = await engine.createPriority(org, 'Families are heard');
		survey = await engine.createSurvey(org, { priorityId: priority });
		other = await engine.createSurvey(org);
		lead = await signedIn('lead');
	});

	it(`${engine.label} lists a question with positive answers as a default indicator, with the survey's baseline`, async () => {
		const list = await call(lead, 'list_indicators', { p_organisation_id: org.id });
		const feel = list.find((i) => i.question_id === survey.questions.feel.id);
		expect(feel).toMatchObject({
			defined: false,
			label: 'I feel listened to.',
			priority_id: priority,
			priority_title: 'Families are heard',
			baseline_wave_id: survey.waves.closed!.id,
			baseline_chosen: false,
			higher_is_better: true,
			retired: false,
			target_percent: null,
			positive: ['Strongly agree', 'Agree']
		});
		// a question with no positive answers is not an indicator, but a candidate for the form
		expect(list.some((i) => i.question_id === survey.questions.services.id)).toBe(false);
		const candidates = await call(lead, 'list_indicators', {
			p_organisation_id: org.id,
			p_with_candidates: true
		});
		expect(candidates.find((i) => i.question_id === survey.questions.services.id)).toMatchObject({
			defined: false,
			positive: []
		});
		// a question without options (free text) is neither
		expect(candidates.some((i) => i.question_id === survey.questions.comment.id)).toBe(false);
	});

	it(`${engine.label} lets admins and leads save a definition with a target, and every member read it`, async () => {
		const admin = await signedIn('admin');
		await call(admin, 'save_indicator', {
			p_question_id: other.questions.feel.id,
			p_label: 'Parents feel listened to',
			p_priority_id: priority,
			p_baseline_wave_id: other.waves.open!.id,
			p_target_percent: 70,
			p_target_date: '2027-07-31',
			p_higher_is_better: true
		});
		await call(lead, 'save_indicator', {
			p_question_id: other.questions.feel.id,
			p_label: 'Parent carers feel listened to',
			p_priority_id: priority,
			p_baseline_wave_id: other.waves.open!.id,
			p_target_percent: 75.5,
			p_target_date: '2027-07-31',
			p_higher_is_better: false
		});
		for (const role of MEMBER_ROLES) {
			const client = role === 'lead' ? lead : await signedIn(role);
			const list = await call(client, 'list_indicators', { p_organisation_id: org.id });
			expect(
				list.find((i) => i.question_id === other.questions.feel.id),
				role
			).toMatchObject({
				defined: true,
				label: 'Parent carers feel listened to',
				baseline_wave_id: other.waves.open!.id,
				baseline_chosen: true,
				target_percent: 75.5,
				target_date: '2027-07-31',
				higher_is_better: false
			});
		}
		const [audit] = await engine.db.query<{ n: number }>(
			`select count(*)::int as n from app.audit_log where organisation_id = $1 and action = 'indicator.saved'`,
			[org.id]
		);
		expect(audit!.n).toBe(2);
	});

	it(`${engine.label} refuses forum, scrutiny, officers, safeguarding, another organisation's lead and anon`, async () => {
		const args = { p_question_id: survey.questions.feel.id, p_label: 'Taken over' };
		const strangers: [string, ApiClient][] = [
			...(await Promise.all(
				(['officer', 'forum', 'scrutiny', 'safeguarding'] as const).map(
					async (role) => [role, await signedIn(role)] as [string, ApiClient]
				)
			)),
			['lead elsewhere', await signedIn('lead', await engine.createOrganisation())],
			['anon', engine.anon() as unknown as ApiClient]
		];
		for (const [who, client] of strangers) {
			for (const attempt of [
				() => call(client, 'save_indicator', args),
				() => call(client, 'retire_indicator', { p_question_id: survey.questions.feel.id })
			]) {
				const e = await refusal(attempt());
				expect(e.code, who).toBe('42501');
			}
			if (who !== 'anon' && who !== 'lead elsewhere') continue;
			// nor do they read the list
			const { data } = await (client as unknown as ReturnType<typeof engine.anon>).rpc('list_indicators', {
				p_organisation_id: org.id
			});
			expect(data ?? [], who).toEqual([]);
		}
		const [row] = await engine.db.query<{ n: number }>(
			`select count(*)::int as n from app.indicators where question_id = $1`,
			[survey.questions.feel.id]
		);
		expect(row!.n).toBe(0);
	});

	it(`${engine.label} refuses bad input with a message beside each field`, async () => {
		const errors = async (args: Parameters<typeof call<'save_indicator'>>[2]) => {
			const e = await refusal(call(lead, 'save_indicator', args));
			expect(e.hint).toBe('invalid_indicator');
			return fieldErrors(e);
		};
		expect(await errors({ p_question_id: survey.questions.services.id, p_label: 'Services used' })).toEqual({
			question_id:
				'No answers count as positive for this question yet: choose them in the survey builder first.'
		});
		const elsewhere = await engine.createPriority(await engine.createOrganisation(), 'Not ours');
		expect(
			await errors({
				p_question_id: survey.questions.feel.id,
				p_label: ' ',
				p_priority_id: elsewhere,
				p_baseline_wave_id: other.waves.closed!.id,
				p_target_percent: 101,
				p_target_date: '2027-01-01'
			})
		).toEqual({
			label: 'Enter a label in plain words.',
			priority_id: 'Choose one of your organisation’s strategy priorities.'.replace('’', "'"),
			baseline_wave_id: 'Choose a wave of this indicator'.concat("'s own survey."),
			target_percent: 'A target is a share from 0% to 100%.'
		});
		expect(
			await errors({ p_question_id: survey.questions.feel.id, p_label: 'Fine', p_target_percent: -1 })
		).toEqual({ target_percent: 'A target is a share from 0% to 100%.' });
		expect(
			await errors({ p_question_id: survey.questions.feel.id, p_label: 'Fine', p_target_percent: 60 })
		).toEqual({ target_date: 'Give the date the target is to be met by.' });
	});

	it(`${engine.label} retires an indicator (default or saved) and brings it back`, async () => {
		const retired = await call(lead, 'retire_indicator', { p_question_id: survey.questions.feel.id });
		expect(retired).toEqual({ question_id: survey.questions.feel.id, retired: true });
		const list = await call(lead, 'list_indicators', { p_organisation_id: org.id });
		const feel = list.find((i) => i.question_id === survey.questions.feel.id)!;
		// the default definition is kept: its prompt, its question's priority
		expect(feel).toMatchObject({
			retired: true,
			defined: true,
			label: 'I feel listened to.',
			priority_id: priority
		});
		// retired ones come last
		expect(list.at(-1)!.question_id).toBe(survey.questions.feel.id);
		await call(lead, 'retire_indicator', { p_question_id: survey.questions.feel.id, p_retired: false });
		const again = await call(lead, 'list_indicators', { p_organisation_id: org.id });
		expect(again.find((i) => i.question_id === survey.questions.feel.id)!.retired).toBe(false);
	});

	it(`${engine.label} keeps the table from direct writes, even by a lead`, async () => {
		const user = await engine.createMember(org, 'lead');
		await expect(
			engine.queryAs(
				'authenticated',
				user.id,
				`insert into app.indicators (organisation_id, question_id, label) values ($1, $2, 'x')`,
				[org.id, survey.questions.age.id]
			)
		).rejects.toThrow(/permission denied for table indicators/);
		await expect(
			engine.queryAs('authenticated', user.id, `update app.indicators set label = 'x'`)
		).rejects.toThrow(/permission denied for table indicators/);
	});
});
