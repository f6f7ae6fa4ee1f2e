/**
 * Every API result has the shape `src/lib/server/api.ts` declares for it. The data modules read
 * results through `call()`, which types them by the `results` map without parsing them at run time;
 * this suite calls every function listed there (every function of schema `api` that returns jsonb,
 * and those `returns table` functions whose generated types are looser), through `call()` and
 * supabase-js as the app does, on fixture data that fills every part of each result, and checks
 * that each result parses with its schema to exactly itself: a field the SQL drops, renames, adds
 * or changes the type of fails here. It also checks that no jsonb function is left without a shape.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError, call, fieldErrors, refusal, results, type Client as ApiClient } from '$lib/server/api';
import { isUnlaunched } from '$lib/respondent/survey';
import {
	forEachEngine,
	suffix,
	type Client,
	type Organisation,
	type Survey,
	type User,
	DRAFT_KEY
} from './engines';

type Fn = keyof typeof results;

const DAY = 86_400_000;

forEachEngine('API results have their declared shapes', (engine) => {
	const seen = new Map<Fn, number>();
	let org: Organisation;
	let survey: Survey;
	let lead: User;
	let forum: User;

	/** The test's clients are untyped supabase-js clients of the same API schema the app's are. */
	const api = (client: Client) => client as unknown as ApiClient;
	const signedIn = async (user: User) => api(await engine.signInAs(user));
	const anon = () => api(engine.anon());
	/** the app's server, which alone may call the draft functions */
	const server = () => api(engine.server());

	/** Asserts that `data`, what `fn` returned, is exactly what its declared schema describes. */
	function conforms<F extends Fn>(fn: F, data: unknown) {
		const parsed = results[fn].safeParse(data);
		expect(parsed.error?.issues ?? [], `${fn}: result does not match its schema`).toEqual([]);
		expect(parsed.data, `${fn}: the result has fields its schema does not declare`).toEqual(data);
		seen.set(fn, (seen.get(fn) ?? 0) + 1);
		return data;
	}

	async function refused(promise: Promise<unknown>): Promise<ApiError> {
		try {
			await promise;
		} catch (e) {
			if (e instanceof ApiError) return e;
			throw e;
		}
		throw new Error('The call was not refused.');
	}

	beforeAll(async () => {
		org = await engine.createOrganisation({ minCellSize: 10 });
		survey = await engine.createSurvey(org);
		lead = await engine.createMember(org, 'lead');
		forum = await engine.createMember(org, 'forum');
		await engine.addResponses(survey, survey.waves.closed!, 3, { feel: 'agree', services: ['health'] });
	});

	it("the builder's functions, and the survey it builds as builder and respondent see it", async () => {
		const c = await signedIn(lead);
		const created = conforms(
			'create_survey',
			await call(c, 'create_survey', {
				p_organisation_id: org.id,
				p_title: 'Shapes',
				p_audience: 'parent_carers',
				p_introduction: 'Tell us.',
				p_privacy_notice: 'We keep it safe.',
				p_easy_read: true
			})
		);
		const surveyId = (created as { id: string }).id;
		conforms(
			'update_survey',
			await call(c, 'update_survey', {
				p_survey_id: surveyId,
				p_title: 'Shapes, again',
				p_audience: 'parent_carers',
				p_introduction: 'Tell us.',
				p_privacy_notice: 'We keep it safe.',
				p_easy_read: true
			})
		);
		for (const kind of ['agreement_5', 'faces_3', 'free_text'])
			conforms('standard_options', await call(c, 'standard_options', { p_kind: kind }));

		const feel = await call(c, 'add_question', {
			p_survey_id: surveyId,
			p_kind: 'faces_3',
			p_prompt: 'How do you feel?',
			p_easy_read_prompt: 'Your feelings',
			p_help_text: 'Choose one.',
			p_key: 'feel'
		});
		conforms('add_question', feel);
		const services = await call(c, 'add_question', {
			p_survey_id: surveyId,
			p_kind: 'multi_choice',
			p_prompt: 'Which services do you use?',
			p_key: 'services',
			p_options: [{ label: 'Health', is_positive: true, symbol: '1F3E5' }, { label: 'Education' }]
		});
		conforms('add_question', services);
		const age = await call(c, 'add_question', {
			p_survey_id: surveyId,
			p_kind: 'number',
			p_prompt: 'How old is your child?',
			p_min_value: 0,
			p_max_value: 25,
			p_key: 'age'
		});
		conforms('add_question', age);
		const followUp = await call(c, 'add_question', {
			p_survey_id: surveyId,
			p_kind: 'free_text',
			p_prompt: 'What would help?',
			p_max_length: 200,
			p_key: 'help'
		});
		conforms(
			'set_question_conditions',
			await call(c, 'set_question_conditions', {
				p_question_id: followUp.id,
				p_match: 'any',
				p_rules: [
					{ question: services.id, test: 'chosen', values: ['health'] },
					{ question: age.id, test: 'between', min: 16, max: null },
					{ question: feel.id, test: 'answered' }
				]
			})
		);

		const wave = await call(c, 'create_wave', {
			p_survey_id: surveyId,
			p_kind: 'baseline',
			p_label: 'Baseline',
			p_opens_at: new Date(Date.now() - 2 * DAY).toISOString(),
			p_closes_at: new Date(Date.now() + 30 * DAY).toISOString()
		});
		conforms('create_wave', wave);
		conforms(
			'set_wave_dates',
			await call(c, 'set_wave_dates', {
				p_wave_id: wave.id,
				p_opens_at: new Date(Date.now() - DAY).toISOString(),
				p_closes_at: new Date(Date.now() + 20 * DAY).toISOString()
			})
		);
		conforms(
			'set_wave_access',
			await call(c, 'set_wave_access', { p_wave_id: wave.id, p_invitation_only: true })
		);
		// open to anyone again: the responses below come from the public address
		await call(c, 'set_wave_access', { p_wave_id: wave.id, p_invitation_only: false });
		conforms(
			'set_survey_about',
			await call(c, 'set_survey_about', { p_survey_id: surveyId, p_dimensions: ['phase'] })
		);

		conforms(
			'add_survey_language',
			await call(c, 'add_survey_language', { p_survey_id: surveyId, p_code: 'pl', p_name: 'Polski' })
		);
		conforms(
			'update_survey_language',
			await call(c, 'update_survey_language', {
				p_survey_id: surveyId,
				p_code: 'pl',
				p_name: 'Polski',
				p_direction: 'ltr'
			})
		);
		conforms(
			'save_survey_translations',
			await call(c, 'save_survey_translations', {
				p_survey_id: surveyId,
				p_code: 'pl',
				p_translations: { title: 'Ankieta', 'q:feel:prompt': 'Jak się czujesz?' }
			})
		);
		conforms(
			'add_survey_language',
			await call(c, 'add_survey_language', {
				p_survey_id: surveyId,
				p_code: 'ur',
				p_name: 'اردو',
				p_direction: 'rtl'
			})
		);
		conforms(
			'remove_survey_language',
			await call(c, 'remove_survey_language', { p_survey_id: surveyId, p_code: 'ur' })
		);

		const respondent = await call(anon(), 'survey_for_respondent', { p_slug: wave.slug });
		if (!respondent || isUnlaunched(respondent)) throw new Error('a wave has opened: the whole survey');
		expect(respondent.questions.map((q) => q.key)).toEqual(['feel', 'services', 'age', 'help']);
		expect(respondent.questions[3]?.show_if?.rules).toHaveLength(3);
		expect(respondent.languages.map((l) => l.code)).toEqual(['pl']);
		conforms('survey_for_respondent', respondent);
		conforms(
			'survey_for_respondent',
			await call(anon(), 'survey_for_respondent', { p_slug: `none-${suffix()}` })
		);
		// before any of its waves has opened: only when it opens
		const unlaunched = await engine.createSurvey(org, { waves: ['future'] });
		const notOpen = await call(anon(), 'survey_for_respondent', { p_slug: unlaunched.slug });
		expect(notOpen && isUnlaunched(notOpen)).toBe(true);
		conforms('survey_for_respondent', notOpen);

		const sent = await call(server(), 'submit_response', {
			p_response_id: randomUUID(),
			p_wave_slug: wave.slug,
			p_answers: { feel: respondent.questions[0]!.options[0]!.value, services: ['health'], age: 7 },
			p_about: { phase: 'primary' },
			p_language: 'pl'
		});
		expect(sent.duplicate).toBe(false);
		conforms('submit_response', sent);

		const reworded = await call(c, 'update_question', {
			p_question_id: feel.id,
			p_prompt: 'How do you feel now?'
		});
		expect(reworded.versioned).toBe(true);
		conforms('update_question', reworded);

		// a condition changed after answers: versioned, and the earlier one kept with the version
		const sent2 = await call(server(), 'submit_response', {
			p_response_id: randomUUID(),
			p_wave_slug: wave.slug,
			p_answers: {
				feel: respondent.questions[0]!.options[0]!.value,
				services: ['health'],
				help: 'More time'
			}
		});
		expect(sent2.duplicate).toBe(false);
		const cleared = await call(c, 'clear_question_conditions', { p_question_id: followUp.id });
		expect(cleared.versioned).toBe(true);
		conforms('clear_question_conditions', cleared);

		const built = await call(c, 'survey_for_builder', { p_survey_id: surveyId });
		expect(built?.questions[3]?.versions[0]?.conditions?.match).toBe('any');
		expect(built?.questions[0]?.versions).toHaveLength(1);
		expect(built?.languages[0]?.responses).toBe(1);
		conforms('survey_for_builder', built);
		conforms('survey_for_builder', await call(c, 'survey_for_builder', { p_survey_id: randomUUID() }));

		const listed = await call(c, 'list_surveys', { p_organisation_id: org.id });
		expect(listed.map((s) => s.id)).toContain(surveyId);
		conforms('list_surveys', listed);
	});

	it("the respondent's functions: drafts, a response sent and invitation links", async () => {
		const open = survey.waves.open!;
		const responseId = randomUUID();
		const saved = await call(server(), 'save_draft', {
			p_response_id: responseId,
			p_draft_key: DRAFT_KEY,
			p_wave_slug: open.slug,
			p_answers: { feel: 'agree', services: ['health', 'education'] },
			p_step: 2,
			p_easy_read: false
		});
		conforms('save_draft', saved);
		conforms(
			'load_draft',
			await call(server(), 'load_draft', { p_response_id: responseId, p_draft_key: DRAFT_KEY })
		);
		conforms(
			'load_draft',
			await call(server(), 'load_draft', { p_resume_code: saved.resume_code, p_draft_key: DRAFT_KEY })
		);
		conforms('purge_expired', await call(server(), 'purge_expired'));
		conforms('safeguarding_notices_due', await call(server(), 'safeguarding_notices_due', {}));
		conforms(
			'submit_response',
			await call(server(), 'submit_response', {
				p_response_id: responseId,
				p_wave_slug: open.slug,
				p_answers: { feel: 'agree', services: ['health', 'education'] },
				p_panel_code: 'ABCD-EFGH',
				p_assistance: 'helped',
				p_draft_key: DRAFT_KEY
			})
		);
		const submitted = await call(server(), 'load_draft', {
			p_response_id: responseId,
			p_draft_key: DRAFT_KEY
		});
		expect(submitted?.status).toBe('submitted');
		conforms('load_draft', submitted);
		conforms(
			'load_draft',
			await call(server(), 'load_draft', { p_response_id: randomUUID(), p_draft_key: DRAFT_KEY })
		);
		// the address alone: locked
		const locked = await call(server(), 'load_draft', {
			p_response_id: (
				await call(server(), 'save_draft', {
					p_response_id: randomUUID(),
					p_wave_slug: open.slug,
					p_draft_key: DRAFT_KEY
				})
			).response_id
		});
		expect(locked?.status).toBe('locked');
		conforms('load_draft', locked);

		const c = await signedIn(lead);
		const made = await call(c, 'create_invitations', {
			p_wave_id: open.id,
			p_count: 2,
			p_label: 'after review'
		});
		conforms('create_invitations', made);
		conforms('invitation_status', await call(server(), 'invitation_status', { p_token: made[0]!.token }));
		const started = await call(server(), 'start_invitation', {
			p_token: made[0]!.token,
			p_response_id: randomUUID(),
			p_easy_read: true
		});
		conforms('start_invitation', started);
		await call(server(), 'submit_response', {
			p_response_id: started.response_id,
			p_wave_slug: open.slug,
			p_answers: { feel: 'agree' }
		});
		const statuses = await call(server(), 'invitation_status', { p_token: made[0]!.token });
		expect(statuses?.status).toBe('used');
		conforms('invitation_status', statuses);
		conforms('invitation_status', await call(server(), 'invitation_status', { p_token: 'x'.repeat(22) }));
		const links = await call(c, 'list_invitations', { p_wave_id: open.id });
		expect(links.some((l) => l.used_at !== null)).toBe(true);
		conforms('list_invitations', links);
	});

	it('other channels, indicators and panel journeys, and what a refused import carries', async () => {
		const c = await signedIn(lead);
		const closed = survey.waves.closed!;
		conforms(
			'enter_response',
			await call(c, 'enter_response', {
				p_wave_id: closed.id,
				p_response_id: randomUUID(),
				p_answers: { feel: 'strongly_agree' },
				p_channel: 'paper',
				p_given_on: '2024-03-27',
				p_panel_code: 'ABCD-EFGH'
			})
		);
		const rows = [
			{ feel: 'agree', services: 'health;education', given_on: '2024-02-01' },
			{ feel: 'maybe', age: 'old' }
		];
		const dry = await call(c, 'import_responses', { p_wave_id: closed.id, p_rows: rows, p_dry_run: true });
		expect(dry.bad_rows).toHaveLength(1);
		conforms('import_responses', dry);
		conforms(
			'import_responses',
			await call(c, 'import_responses', { p_wave_id: closed.id, p_rows: rows.slice(0, 1), p_dry_run: false })
		);
		const rowsRefused = await refused(
			call(c, 'import_responses', { p_wave_id: closed.id, p_rows: rows, p_dry_run: false })
		);
		expect(refusal(rowsRefused, 'invalid_rows')?.bad_rows[0]?.row).toBe(2);
		expect(JSON.parse(rowsRefused.details!)).toEqual(refusal(rowsRefused, 'invalid_rows'));

		const wave = {
			label: 'Survey 2019',
			kind: 'repeat',
			opens_at: '2019-03-01T00:00:00Z',
			closes_at: '2019-04-01T00:00:00Z',
			slug: `historic-${suffix()}`
		};
		const imported = await call(c, 'import_aggregate', {
			p_survey_id: survey.id,
			p_wave: wave,
			p_counts: [
				{ n: 20 },
				{ question_key: 'feel', n: 12 },
				{ question_key: 'feel', option_value: 'agree', share: 100, base: 12 }
			]
		});
		conforms('import_aggregate', imported);
		const aggregateRefused = await refused(
			call(c, 'import_aggregate', {
				p_survey_id: survey.id,
				p_wave: { ...wave, label: '', slug: `historic-${suffix()}` },
				p_counts: [{ n: 20 }, { question_key: 'feel', option_value: 'maybe', n: 1 }]
			})
		);
		const problems = refusal(aggregateRefused, 'invalid_aggregate');
		expect(problems?.fields.label).toBeTruthy();
		expect(problems?.rows).toEqual([{ row: 2, message: expect.stringMatching(/“maybe”/) }]);
		expect(JSON.parse(aggregateRefused.details!)).toEqual(problems);
		expect(refusal(aggregateRefused, 'invalid_rows')).toBeNull();

		const choices = await call(c, 'import_choices', { p_organisation_id: org.id });
		expect(choices.flatMap((s) => s.waves.map((w) => w.source))).toContain('aggregate');
		conforms('import_choices', choices);
		conforms(
			'delete_wave',
			await call(c, 'delete_wave', { p_wave_id: imported.wave_id, p_reason: 'Imported twice' })
		);

		const trend = await call(c, 'indicator_trend', { p_question_id: survey.questions.feel.id });
		expect(trend.length).toBeGreaterThan(1);
		conforms('indicator_trend', trend);
		conforms(
			'indicator_trend',
			await call(await signedIn(forum), 'indicator_trend', { p_question_id: survey.questions.feel.id })
		);
		for (const who of [lead, forum]) {
			const overview = await call(await signedIn(who), 'overview_trends', { p_organisation_id: org.id });
			expect(overview.map((o) => o.question_id)).toContain(survey.questions.feel.id);
			conforms('overview_trends', overview);
		}
		// the public page: the lead publishes the indicator; anyone reads it
		conforms(
			'set_public_indicator',
			await call(c, 'set_public_indicator', { p_question_id: survey.questions.feel.id, p_public: true })
		);
		const published = await call(anon(), 'public_indicators', { p_organisation_slug: org.slug });
		expect(published?.indicators).toHaveLength(1);
		conforms('public_indicators', published);
		conforms(
			'public_indicators',
			await call(anon(), 'public_indicators', { p_organisation_slug: 'no-such-place' })
		);
		conforms(
			'indicator_trend',
			await call(anon(), 'indicator_trend', { p_question_id: survey.questions.feel.id })
		);
		// a change of which answers count as positive: listed on the trend, which counts by the earlier one too
		await engine.db.query(`update app.question_options set is_positive = false where id = $1`, [
			survey.questions.feel.options.agree
		]);
		const earlier = await call(c, 'indicator_trend', {
			p_question_id: survey.questions.feel.id,
			p_definition: 1
		});
		expect(earlier[0]?.definition_changes).toHaveLength(1);
		conforms('indicator_trend', earlier);
		await engine.db.query(`update app.question_options set is_positive = true where id = $1`, [
			survey.questions.feel.options.agree
		]);

		for (const who of [lead, forum]) {
			const journey = await call(await signedIn(who), 'panel_journey', {
				p_question_id: survey.questions.feel.id,
				p_from_wave_id: closed.id,
				p_to_wave_id: survey.waves.open!.id
			});
			// Staff get exact figures; the forum gets them under the disclosure rule, an open wave as of the
			// start of today (so the panel code sent today is not linked yet for the forum).
			expect(journey.exact).toBe(who === lead);
			expect(journey.linked).toBe(who === lead ? 1 : 0);
			conforms('panel_journey', journey);
		}
		for (const who of [lead, forum]) {
			const reached = await call(await signedIn(who), 'reach', { p_survey_id: survey.id });
			expect(reached.exact).toBe(who === lead);
			expect(reached.waves.length).toBeGreaterThan(1);
			conforms('reach', reached);
		}
	});

	it('memberships, settings and the health check', async () => {
		const c = await signedIn(lead);
		const memberships = await call(c, 'my_memberships');
		expect(memberships).toEqual([
			{ organisation_id: org.id, organisation_slug: org.slug, organisation_name: org.name, role: 'lead' }
		]);
		conforms('my_memberships', memberships);
		conforms('organisation_settings', await call(c, 'organisation_settings', { p_organisation_id: org.id }));
		conforms(
			'set_you_said_we_did_url',
			await call(c, 'set_you_said_we_did_url', {
				p_organisation_id: org.id,
				p_url: 'https://www.example.gov.uk/you-said-we-did'
			})
		);
		conforms('organisation_settings', await call(c, 'organisation_settings', { p_organisation_id: org.id }));
		const other = await engine.createOrganisation();
		conforms(
			'organisation_settings',
			await call(c, 'organisation_settings', { p_organisation_id: other.id })
		);
		const bad = await refused(
			call(c, 'set_you_said_we_did_url', { p_organisation_id: org.id, p_url: 'http://x' })
		);
		expect(bad.hint).toBe('invalid_settings');
		expect(Object.keys(fieldErrors(bad))).toEqual(['you_said_we_did_url']);
		conforms('health', await call(anon(), 'health'));
	});

	it('a download of responses: its data dictionary and a page of responses', async () => {
		const c = await signedIn(lead);
		const wave = survey.waves.open!;
		await engine.addResponses(
			survey,
			wave,
			2,
			{ feel: 'agree', services: ['health', 'education'], age: 7 },
			{
				phase: 'primary'
			}
		);
		// an earlier wording, so that the dictionary's versions are filled
		await engine.db.query(
			`insert into app.question_versions (organisation_id, question_id, version, prompt) values ($1, $2, 1, 'I was heard.')`,
			[org.id, survey.questions.feel.id]
		);
		await engine.db.query('update app.questions set version = 2 where id = $1', [survey.questions.feel.id]);
		const dictionary = conforms(
			'start_response_export',
			await call(c, 'start_response_export', { p_survey_id: survey.id, p_wave_id: wave.id, p_format: 'csv' })
		);
		const responses = (dictionary as { responses: number }).responses;
		expect(responses).toBeGreaterThanOrEqual(2);
		const page = await call(c, 'response_export_page', { p_survey_id: survey.id, p_wave_id: wave.id });
		expect(page).toHaveLength(responses);
		conforms('response_export_page', page);
		const rows = conforms(
			'response_export_rows',
			await call(c, 'response_export_rows', { p_survey_id: survey.id, p_wave_id: wave.id })
		);
		expect((rows as { rows: unknown[] }).rows).toHaveLength(responses);
		const ends = conforms(
			'response_export_bounds',
			await call(c, 'response_export_bounds', { p_survey_id: survey.id, p_wave_id: wave.id, p_limit: 1 })
		);
		expect(ends).toHaveLength(responses);
		conforms('response_bursts', await call(c, 'response_bursts', { p_survey_id: survey.id }));
	});

	it('the disclosure rule and the figures published under it', async () => {
		const admin = await signedIn(await engine.createMember(org, 'admin'));
		conforms('disclosure_settings', await call(admin, 'disclosure_settings', { p_organisation_id: org.id }));
		const rule = conforms(
			'set_disclosure_rule',
			await call(admin, 'set_disclosure_rule', {
				p_organisation_id: org.id,
				p_kind: 'custom',
				p_threshold: 10,
				p_rounding_base: 1
			})
		);
		expect(rule).toMatchObject({ kind: 'custom', threshold: 10, rounding_base: 1 });
		const settings = await call(admin, 'disclosure_settings', { p_organisation_id: org.id });
		expect(settings?.history.length).toBeGreaterThan(1);
		expect(settings?.history.some((r) => r.chosen_by !== null)).toBe(true);
		conforms('disclosure_settings', settings);
		conforms(
			'disclosure_settings',
			await call(await signedIn(forum), 'disclosure_settings', { p_organisation_id: org.id })
		);
		const other = await engine.createOrganisation();
		conforms(
			'disclosure_settings',
			await call(admin, 'disclosure_settings', { p_organisation_id: other.id })
		);
		const bad = await refused(
			call(admin, 'set_disclosure_rule', { p_organisation_id: org.id, p_kind: 'custom', p_threshold: 1 })
		);
		expect(bad.hint).toBe('invalid_rule');

		for (const who of [lead, forum]) {
			const table = await call(await signedIn(who), 'published_table', {
				p_question_id: survey.questions.feel.id,
				p_wave_id: survey.waves.closed!.id
			});
			expect(table.exact).toBe(who === lead);
			expect(table.rows.length).toBeGreaterThan(1);
			if (who === forum) expect(table.rows.some((r) => r.n_symbol === '[c]')).toBe(true);
			conforms('published_table', table);
		}
	});

	it("an organisation's backup", async () => {
		const admin = await signedIn(await engine.createMember(org, 'admin'));
		const backup = await call(admin, 'export_organisation', { p_organisation_id: org.id });
		expect(backup.tables.responses!.length).toBeGreaterThan(0);
		conforms('export_organisation', backup);
	});

	it('population sets and representation', async () => {
		const admin = await signedIn(await engine.createMember(org, 'admin'));
		conforms(
			'set_population',
			await call(admin, 'set_population', {
				p_organisation_id: org.id,
				p_origin: 'dfe',
				p_source: 'Department for Education',
				p_year: 'January 2025',
				p_la_code: 'E06000001',
				p_la_name: 'Hartlepool',
				p_rows: [
					{ dimension: 'total', group: 'All EHC plans', count: '100' },
					{ dimension: 'ethnicity', group: 'Asian - Indian', count: '' }
				]
			})
		);
		conforms('population_settings', await call(admin, 'population_settings', { p_organisation_id: org.id }));
		conforms(
			'population_settings',
			await call(admin, 'population_settings', { p_organisation_id: (await engine.createOrganisation()).id })
		);
		const bad = await refused(
			call(admin, 'set_population', {
				p_organisation_id: org.id,
				p_origin: 'upload',
				p_source: 'Ours',
				p_year: '2025',
				p_rows: [{ dimension: 'gender', group: 'nobody', count: '-1' }]
			})
		);
		expect(refusal(bad, 'invalid_population')?.problems).toHaveLength(1);
		for (const who of [lead, forum]) {
			const r = await call(await signedIn(who), 'representation', { p_wave_id: survey.waves.closed!.id });
			expect(r.exact).toBe(who === lead);
			expect(r.populations).toHaveLength(1);
			conforms('representation', r);
		}
		conforms(
			'remove_population',
			await call(admin, 'remove_population', { p_organisation_id: org.id, p_origin: 'dfe' })
		);
	});

	it('feedback, the safeguarding queue, phrases, priorities and the audit log', async () => {
		const admin = await engine.createMember(org, 'admin');
		const safeguarding = await engine.createMember(org, 'safeguarding');
		const c = await signedIn(lead);
		const a = await signedIn(admin);
		const s = await signedIn(safeguarding);
		const today = new Date().toISOString().slice(0, 10);
		const added = conforms(
			'add_feedback',
			await call(c, 'add_feedback', {
				p_organisation_id: org.id,
				p_channel: 'youth_cabinet',
				p_given_on: today,
				p_text: 'More buses to college',
				p_about: { phase: 'post_16' }
			})
		) as { id: string };
		conforms(
			'add_feedback',
			await call(c, 'add_feedback', {
				p_organisation_id: org.id,
				p_channel: 'event',
				p_given_on: today,
				p_text: 'He said he wants to die'
			})
		);
		conforms('about_choices', await call(c, 'about_choices', { p_organisation_id: org.id }));
		conforms(
			'import_feedback',
			await call(c, 'import_feedback', {
				p_organisation_id: org.id,
				p_rows: [{ channel: 'forum', given_on: today, text: 'From a file', about: {} }]
			})
		);
		const saved = conforms(
			'save_priority',
			await call(c, 'save_priority', {
				p_organisation_id: org.id,
				p_code: 'P9',
				p_title: 'Transport',
				p_description: 'Getting there'
			})
		) as { id: string };
		conforms(
			'tag_feedback',
			await call(c, 'tag_feedback', {
				p_id: added.id,
				p_priority_ids: [saved.id],
				p_themes: ['buses'],
				p_sentiment: 'negative'
			})
		);
		conforms(
			'bulk_tag_feedback',
			await call(c, 'bulk_tag_feedback', { p_ids: [added.id], p_priority_id: saved.id, p_theme: 'college' })
		);
		conforms('feedback_inbox', await call(c, 'feedback_inbox', { p_organisation_id: org.id }));
		conforms('feedback_item', await call(c, 'feedback_item', { p_id: added.id }));
		conforms('feedback_item', await call(c, 'feedback_item', { p_id: randomUUID() }));
		conforms('list_priorities', await call(c, 'list_priorities', { p_organisation_id: org.id }));
		conforms(
			'save_indicator',
			await call(c, 'save_indicator', {
				p_question_id: survey.questions.feel.id,
				p_label: 'Parent carers feel listened to',
				p_priority_id: saved.id,
				p_baseline_wave_id: survey.waves.closed!.id,
				p_target_percent: 70,
				p_target_date: '2027-07-31'
			})
		);
		const indicators = conforms(
			'list_indicators',
			await call(c, 'list_indicators', { p_organisation_id: org.id })
		) as { target_percent: number | null; priority_title: string | null }[];
		expect(indicators[0]).toMatchObject({ target_percent: 70, priority_title: 'Transport' });
		conforms(
			'retire_indicator',
			await call(c, 'retire_indicator', { p_question_id: survey.questions.feel.id, p_retired: false })
		);
		conforms('flag_feedback', await call(c, 'flag_feedback', { p_id: added.id, p_reason: 'Named a child' }));
		const queue = conforms(
			'safeguarding_queue',
			await call(s, 'safeguarding_queue', { p_organisation_id: org.id })
		) as { items: { flag_id: string }[] };
		expect(queue.items).toHaveLength(2);
		conforms(
			'close_safeguarding_flag',
			await call(s, 'close_safeguarding_flag', { p_flag_id: queue.items[0]!.flag_id, p_action: 'no_concern' })
		);
		const phrase = conforms(
			'add_safeguarding_phrase',
			await call(s, 'add_safeguarding_phrase', { p_organisation_id: org.id, p_phrase: 'runs off at night' })
		) as { id: string };
		conforms('safeguarding_phrases', await call(a, 'safeguarding_phrases', { p_organisation_id: org.id }));
		conforms('remove_safeguarding_phrase', await call(a, 'remove_safeguarding_phrase', { p_id: phrase.id }));
		const keyword = conforms(
			'add_priority_keyword',
			await call(c, 'add_priority_keyword', { p_priority_id: saved.id, p_keyword: 'buses' })
		) as { id: string };
		conforms('priority_keywords', await call(c, 'priority_keywords', { p_priority_id: saved.id }));
		const bus = conforms(
			'add_feedback',
			await call(c, 'add_feedback', {
				p_organisation_id: org.id,
				p_channel: 'forum',
				p_given_on: today,
				p_text: 'The buses to college are always full'
			})
		) as { id: string };
		const suggested = conforms(
			'feedback_suggestions',
			await call(c, 'feedback_suggestions', { p_id: bus.id })
		) as unknown[];
		expect(suggested.length).toBeGreaterThan(0);
		const second = await engine.createPriority(org, 'Colleges');
		conforms(
			'reject_suggestion',
			await call(c, 'reject_suggestion', { p_id: bus.id, p_priority_id: second })
		);
		conforms(
			'accept_suggestion',
			await call(c, 'accept_suggestion', { p_id: bus.id, p_priority_id: saved.id })
		);
		conforms('remove_priority_keyword', await call(c, 'remove_priority_keyword', { p_id: keyword.id }));
		conforms('remove_priority', await call(c, 'remove_priority', { p_id: saved.id }));
		conforms(
			'add_priorities',
			await call(c, 'add_priorities', {
				p_organisation_id: org.id,
				p_priorities: [
					{ code: 'T1', title: 'Early identification and support.' },
					{ code: 'T2', title: 'Planning for pathways to adulthood.' }
				]
			})
		);
		conforms('audit_log', await call(a, 'audit_log', { p_organisation_id: org.id }));
	});

	it('decisions, their evidence, engagement activities and the public "you said, we did"', async () => {
		const admin = await engine.createMember(org, 'admin');
		const c = await signedIn(lead);
		const a = await signedIn(admin);
		const f = await signedIn(forum);
		const today = new Date().toISOString().slice(0, 10);
		const priority = await engine.createPriority(org, 'Shapes of decisions');
		conforms(
			'set_decision_test_questions',
			await call(c, 'set_decision_test_questions', {
				p_organisation_id: org.id,
				p_questions: ['Will this decision make things more equal?']
			})
		);
		conforms(
			'decision_test_questions',
			await call(f, 'decision_test_questions', { p_organisation_id: org.id })
		);
		const added = conforms(
			'add_feedback',
			await call(c, 'add_feedback', {
				p_organisation_id: org.id,
				p_channel: 'forum',
				p_given_on: today,
				p_text: 'Letters are too long'
			})
		) as { id: string };
		await call(c, 'tag_feedback', { p_id: added.id, p_themes: ['letters'], p_priority_ids: [priority] });
		conforms(
			'save_quote',
			await call(c, 'save_quote', { p_id: added.id, p_text: 'Letters are too long', p_quotable: true })
		);
		conforms('feedback_item', await call(c, 'feedback_item', { p_id: added.id }));
		conforms('feedback_overview', await call(c, 'feedback_overview', { p_organisation_id: org.id }));
		conforms('feedback_overview', await call(f, 'feedback_overview', { p_organisation_id: org.id }));
		conforms('impact_over_time', await call(c, 'impact_over_time', { p_organisation_id: org.id }));
		conforms('impact_over_time', await call(f, 'impact_over_time', { p_organisation_id: org.id }));
		const activity = conforms(
			'save_activity',
			await call(c, 'save_activity', {
				p_organisation_id: org.id,
				p_title: 'Letters workshop',
				p_held_on: today,
				p_kind: 'focus_group',
				p_participation: 'co_design',
				p_phase: 'primary',
				p_took_part: { parent_carers: 12 },
				p_notes: 'Rewrote three letters together'
			})
		) as { id: string };
		const saved = conforms(
			'save_decision',
			await call(c, 'save_decision', {
				p_organisation_id: org.id,
				p_you_said: 'Letters are too long.',
				p_status: 'not_possible',
				p_not_possible_reason: 'Some wording is set by law.',
				p_we_did: 'We shortened the letters we write ourselves.',
				p_decided_by: 'SEND Improvement Board',
				p_decided_on: today,
				p_owner: 'Head of SEND',
				p_priority_id: priority,
				p_participation: 'co_design',
				p_test_answers: [{ question: 'Will this decision make things more equal?', answer: 'Yes' }]
			})
		) as { id: string };
		conforms(
			'link_evidence',
			await call(c, 'link_evidence', { p_decision_id: saved.id, p_feedback_id: added.id })
		);
		conforms(
			'link_evidence',
			await call(c, 'link_evidence', { p_decision_id: saved.id, p_theme: 'letters' })
		);
		conforms(
			'link_evidence',
			await call(c, 'link_evidence', { p_decision_id: saved.id, p_question_id: survey.questions.feel.id })
		);
		const linked = conforms(
			'link_evidence',
			await call(c, 'link_evidence', { p_decision_id: saved.id, p_activity_id: activity.id })
		) as { id: string };
		conforms('publish_decision', await call(a, 'publish_decision', { p_id: saved.id }));
		conforms('decision', await call(c, 'decision', { p_id: saved.id }));
		conforms('decision', await call(c, 'decision', { p_id: randomUUID() }));
		conforms('list_decisions', await call(c, 'list_decisions', { p_organisation_id: org.id }));
		conforms('list_decisions', await call(f, 'list_decisions', { p_organisation_id: org.id }));
		conforms('list_activities', await call(c, 'list_activities', { p_organisation_id: org.id }));
		conforms('list_activities', await call(f, 'list_activities', { p_organisation_id: org.id }));
		conforms('you_said_we_did', await call(anon(), 'you_said_we_did', { p_slug: org.slug }));
		conforms('you_said_we_did', await call(anon(), 'you_said_we_did', { p_slug: 'no-such-place' }));
		conforms('impact_flow', await call(c, 'impact_flow', { p_organisation_id: org.id }));
		conforms('impact_flow', await call(f, 'impact_flow', { p_organisation_id: org.id }));
		conforms(
			'indicator_decisions',
			await call(c, 'indicator_decisions', { p_question_id: survey.questions.feel.id })
		);
		conforms('unlink_evidence', await call(c, 'unlink_evidence', { p_id: linked.id }));
		conforms('delete_activity', await call(c, 'delete_activity', { p_id: activity.id }));
		conforms('delete_decision', await call(a, 'delete_decision', { p_id: saved.id }));
	});

	describe('coverage', () => {
		it('declares a shape for every API function that returns jsonb, and the tests above call each', async () => {
			const rows = await engine.db.query<{ name: string }>(
				`select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
				  where n.nspname = 'api' and p.prorettype = 'jsonb'::regtype order by 1`
			);
			const declared = Object.keys(results).sort();
			expect(rows.length).toBeGreaterThan(25);
			expect(rows.map((r) => r.name).filter((name) => !declared.includes(name))).toEqual([]);
			expect(declared.filter((fn) => !seen.has(fn as Fn))).toEqual([]);
		});
	});
});
