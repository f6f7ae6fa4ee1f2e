/**
 * Survey settings: which about-you questions a survey asks (api.set_survey_about, what the respondent
 * and the builder see, and about-you answers for other dimensions dropped), and the address of the
 * organisation's "you said, we did" page (api.set_you_said_we_did_url, api.organisation_settings).
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	forEachEngine,
	MEMBER_ROLES,
	parseDetails,
	type Client,
	type MemberRole,
	type Organisation,
	type Survey,
	type User
} from './engines';

const ALL = ['phase', 'age_band', 'support', 'setting', 'ethnicity', 'gender', 'area', 'care_experience'];
const URL_OK = 'https://www.northbridge.example/local-offer/you-said-we-did';

interface RespondentView {
	organisation: { name: string; slug: string; you_said_we_did_url: string | null };
	about: { key: string; label: string; categories: { code: string; label: string }[] }[];
}
interface BuilderView {
	about_dimensions: string[];
	about: { key: string; label: string; asked: boolean; examples: string[]; categories: number }[];
}

forEachEngine('survey settings', (engine) => {
	let org: Organisation;
	let other: Organisation;
	const members = {} as Record<MemberRole, User>;
	const clients = {} as Record<MemberRole | 'leadOfOther' | 'outsider', Client>;

	beforeAll(async () => {
		org = await engine.createOrganisation({ name: 'Northbridge' });
		other = await engine.createOrganisation();
		for (const role of MEMBER_ROLES) {
			members[role] = await engine.createMember(org, role);
			clients[role] = await engine.signInAs(members[role]);
		}
		clients.leadOfOther = await engine.signInAs(await engine.createMember(other, 'lead'));
		clients.outsider = await engine.signInAs(await engine.createUser());
	});

	const respondentView = async (slug: string) => {
		const { data, error } = await engine.anon().rpc('survey_for_respondent', { p_slug: slug });
		if (error) throw new Error(error.message);
		return data as unknown as RespondentView;
	};
	const builderView = async (c: Client, id: string) => {
		const { data, error } = await c.rpc('survey_for_builder', { p_survey_id: id });
		if (error) throw new Error(error.message);
		return data as unknown as BuilderView;
	};
	const setAbout = (c: Client, surveyId: string, dims: string[]) =>
		c.rpc('set_survey_about', { p_survey_id: surveyId, p_dimensions: dims });

	describe('the about-you questions a survey asks', () => {
		let survey: Survey;
		beforeAll(async () => {
			survey = await engine.createSurvey(org);
		});

		it('asks every about-you question by default, as before', async () => {
			const view = await respondentView(survey.waves.open!.slug);
			expect(view.about.map((d) => d.key)).toEqual(ALL.filter((k) => k !== 'area'));
			// area has no standard categories: it appears once the organisation names its areas
			await engine.createAboutCategory(org, 'area', 'north');
			expect((await respondentView(survey.waves.open!.slug)).about.map((d) => d.key)).toEqual(ALL);
			const builder = await builderView(clients.officer, survey.id);
			expect(builder.about_dimensions).toEqual(ALL);
			expect(builder.about.every((d) => d.asked)).toBe(true);
			const age = builder.about.find((d) => d.key === 'age_band');
			expect(age).toMatchObject({ label: 'Age', examples: ['0 to 4', '5 to 10', '11 to 15'], categories: 5 });
		});

		it('lets admin, lead and officer choose; the respondent sees only those, in the usual order', async () => {
			for (const role of ['admin', 'lead', 'officer'] as const) {
				const { data, error } = await setAbout(clients[role], survey.id, ['area', 'age_band', 'area']);
				expect({ role, error }).toEqual({ role, error: null });
				expect(data).toEqual({ id: survey.id, about_dimensions: ['age_band', 'area'] });
			}
			const view = await respondentView(survey.waves.open!.slug);
			expect(view.about.map((d) => d.key)).toEqual(['age_band', 'area']);
			expect(view.about[0]!.categories.map((c) => c.code)).toContain('prefer_not_to_say');
			const builder = await builderView(clients.forum, survey.id);
			expect(builder.about_dimensions).toEqual(['age_band', 'area']);
			expect(builder.about.filter((d) => d.asked).map((d) => d.key)).toEqual(['age_band', 'area']);
			expect(builder.about).toHaveLength(8);
		});

		it('asks none when none are chosen', async () => {
			const s = await engine.createSurvey(org);
			const { error } = await setAbout(clients.lead, s.id, []);
			expect(error).toBeNull();
			expect((await respondentView(s.waves.open!.slug)).about).toEqual([]);
		});

		it('refuses forum, scrutiny, safeguarding, another organisation, an outsider and anon', async () => {
			const s = await engine.createSurvey(org);
			for (const who of ['forum', 'scrutiny', 'safeguarding', 'leadOfOther', 'outsider'] as const) {
				const { error, status } = await setAbout(clients[who], s.id, ['area']);
				expect({ who, status, hint: error?.hint }).toEqual({ who, status: 403, hint: 'not_permitted' });
			}
			const { status } = await engine.anon().rpc('set_survey_about', {
				p_survey_id: s.id,
				p_dimensions: ['area']
			});
			expect(status).toBe(401);
			expect((await builderView(clients.lead, s.id)).about_dimensions).toEqual(ALL);
		});

		it('refuses a dimension that does not exist, beside the field', async () => {
			const s = await engine.createSurvey(org);
			const { error } = await setAbout(clients.lead, s.id, ['age_band', 'shoe_size']);
			expect(error?.hint).toBe('invalid_survey');
			expect(parseDetails(error?.details)).toEqual({
				about_dimensions: 'Choose from the about-you questions listed. Not known: shoe_size.'
			});
			expect((await builderView(clients.lead, s.id)).about_dimensions).toEqual(ALL);
		});

		it('keeps the table itself to known dimensions', async () => {
			const s = await engine.createSurvey(org);
			await expect(
				engine.queryAs(
					'authenticated',
					members.lead.id,
					`update app.surveys set about_dimensions = '{age_band,shoe_size}' where id = $1`,
					[s.id]
				)
			).rejects.toThrow(/surveys_about_dimensions_known/);
		});

		it('drops an about-you answer for a dimension the survey does not ask, online and typed in by staff', async () => {
			const s = await engine.createSurvey(org);
			await setAbout(clients.lead, s.id, ['age_band']);
			const online = randomUUID();
			const submitted = await engine.server().rpc('submit_response', {
				p_response_id: online,
				p_wave_slug: s.waves.open!.slug,
				p_answers: { feel: 'agree' },
				p_about: { age_band: 'age_5_10', ethnicity: 'white_irish', gender: 'not_a_category' }
			});
			expect(submitted.error).toBeNull();
			const entered = randomUUID();
			const typed = await clients.officer.rpc('enter_response', {
				p_wave_id: s.waves.closed!.id,
				p_response_id: entered,
				p_answers: { feel: 'agree' },
				p_about: { age_band: 'age_11_15', care_experience: 'in_care' },
				p_channel: 'paper',
				p_given_on: '2024-03-27'
			});
			expect(typed.error).toBeNull();
			const rows = await engine.db.query<{ id: string; about: Record<string, string> }>(
				'select id, about from app.responses where id in ($1, $2)',
				[online, entered]
			);
			expect(Object.fromEntries(rows.map((r) => [r.id, r.about]))).toEqual({
				[online]: { age_band: 'age_5_10' },
				[entered]: { age_band: 'age_11_15' }
			});
			const groups = await engine.db.query<{ dimension: string }>(
				// the about-you groups only: channel and assistance are counted for every response
				`select distinct dimension from app.wave_group_counts
				  where wave_id = $1 and dimension not in ('channel', 'assistance') order by 1`,
				[s.waves.open!.id]
			);
			expect(groups.map((g) => g.dimension)).toEqual(['_all', 'age_band']);
		});

		it('still checks the answers of the dimensions it asks, and refuses a dimension that does not exist', async () => {
			const s = await engine.createSurvey(org);
			await setAbout(clients.lead, s.id, ['age_band']);
			const { error } = await engine.server().rpc('submit_response', {
				p_response_id: randomUUID(),
				p_wave_slug: s.waves.open!.slug,
				p_answers: { feel: 'agree' },
				p_about: { age_band: 'age_99', star_sign: 'leo', gender: 'girl_woman' }
			});
			expect(error?.hint).toBe('invalid_answers');
			expect(parseDetails(error?.details)).toEqual({
				'about.age_band': 'Choose one of the answers given.',
				'about.star_sign': 'Choose one of the answers given.'
			});
		});
	});

	describe('the "you said, we did" address', () => {
		const setUrl = (c: Client, url: string | null, organisationId = org.id) =>
			c.rpc('set_you_said_we_did_url', { p_organisation_id: organisationId, p_url: url as string });

		it('is empty at first, and the respondent sees null', async () => {
			const s = await engine.createSurvey(other);
			expect((await respondentView(s.waves.open!.slug)).organisation.you_said_we_did_url).toBeNull();
		});

		it('lets admin and lead set it; the respondent sees it with the organisation', async () => {
			for (const role of ['admin', 'lead'] as const) {
				const url = `${URL_OK}?by=${role}`;
				const { data, error } = await setUrl(clients[role], `  ${url} `);
				expect({ role, error }).toEqual({ role, error: null });
				expect(data).toEqual({ id: org.id, you_said_we_did_url: url });
			}
			const s = await engine.createSurvey(org);
			expect((await respondentView(s.waves.open!.slug)).organisation).toEqual({
				name: 'Northbridge',
				slug: org.slug,
				you_said_we_did_url: `${URL_OK}?by=lead`
			});
			const { data } = await clients.forum.rpc('organisation_settings', { p_organisation_id: org.id });
			expect(data).toMatchObject({ you_said_we_did_url: `${URL_OK}?by=lead`, can_edit: false });
			const { data: forLead } = await clients.lead.rpc('organisation_settings', {
				p_organisation_id: org.id
			});
			expect(forLead).toMatchObject({ name: 'Northbridge', can_edit: true });
		});

		it('refuses officer, forum, scrutiny, safeguarding, another organisation, an outsider and anon', async () => {
			await setUrl(clients.lead, URL_OK);
			for (const who of [
				'officer',
				'forum',
				'scrutiny',
				'safeguarding',
				'leadOfOther',
				'outsider'
			] as const) {
				const { error, status } = await setUrl(clients[who], 'https://evil.example/');
				expect({ who, status, hint: error?.hint }).toEqual({ who, status: 403, hint: 'not_permitted' });
			}
			const { status } = await setUrl(engine.anon(), 'https://evil.example/');
			expect(status).toBe(401);
			const [row] = await engine.db.query<{ url: string }>(
				'select you_said_we_did_url as url from app.organisations where id = $1',
				[org.id]
			);
			expect(row?.url).toBe(URL_OK);
			const { data } = await clients.leadOfOther.rpc('organisation_settings', { p_organisation_id: org.id });
			expect(data).toBeNull();
		});

		it('refuses an address that is not a full https address, beside the field', async () => {
			for (const bad of [
				'http://www.northbridge.example/you-said-we-did',
				'www.northbridge.example/you-said-we-did',
				'javascript:alert(1)',
				'https://localhost/',
				'https://user:pw@northbridge.example/',
				'https://www.northbridge.example/has space',
				`https://www.northbridge.example/${'a'.repeat(500)}`
			]) {
				const { error } = await setUrl(clients.lead, bad);
				expect({ bad, hint: error?.hint }).toEqual({ bad, hint: 'invalid_settings' });
				expect(Object.keys(parseDetails(error?.details))).toEqual(['you_said_we_did_url']);
			}
			const [row] = await engine.db.query<{ url: string }>(
				'select you_said_we_did_url as url from app.organisations where id = $1',
				[org.id]
			);
			expect(row?.url).toBe(URL_OK);
		});

		it('keeps the table itself to https addresses, and to the address column only', async () => {
			await expect(
				engine.queryAs(
					'authenticated',
					members.admin.id,
					`update app.organisations set you_said_we_did_url = 'http://x.example/' where id = $1`,
					[org.id]
				)
			).rejects.toThrow(/organisations_you_said_we_did_url_https/);
			await expect(
				engine.queryAs(
					'authenticated',
					members.admin.id,
					`update app.organisations set name = 'X' where id = $1`,
					[org.id]
				)
			).rejects.toThrow(/permission denied for table organisations/);
			const rows = await engine.queryAs(
				'authenticated',
				members.officer.id,
				`update app.organisations set you_said_we_did_url = null where id = $1 returning id`,
				[org.id]
			);
			expect(rows).toEqual([]);
		});

		it('is removed when set empty', async () => {
			const { data, error } = await setUrl(clients.admin, '  ');
			expect(error).toBeNull();
			expect(data).toEqual({ id: org.id, you_said_we_did_url: null });
			await setUrl(clients.admin, URL_OK);
		});
	});
});
