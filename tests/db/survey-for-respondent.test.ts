/**
 * api.survey_for_respondent through supabase-js with the anon key: what a respondent's page loads.
 */
import { describe, expect, it } from 'vitest';
import { forEachEngine, suffix, type Engine } from './engines';

interface RespondentSurvey {
	organisation: { name: string; slug: string };
	survey: Record<string, unknown>;
	wave: { slug: string; label: string; kind: string; opens_at: string; closes_at: string; status: string };
	questions: { key: string; kind: string; required: boolean; options: { value: string }[] }[];
	about: { key: string; label: string; categories: { code: string; label: string }[] }[];
}

async function load(engine: Engine, slug: string) {
	const { data, error, status } = await engine.anon().rpc('survey_for_respondent', { p_slug: slug });
	return { data: data as RespondentSurvey | null, error, status };
}

/** Everything a survey's page needs, once any of its waves has opened. */
const WHOLE_KEYS = ['about', 'languages', 'organisation', 'questions', 'survey', 'wave'];

forEachEngine('survey_for_respondent', (engine) => {
	describe('by wave slug', () => {
		it('gives anon the survey, that wave and its status, and the questions with their options', async () => {
			const org = await engine.createOrganisation();
			const survey = await engine.createSurvey(org);
			const closed = survey.waves.closed!;
			const { data, error } = await load(engine, closed.slug);
			expect(error).toBeNull();
			expect(Object.keys(data!).sort()).toEqual(WHOLE_KEYS);
			expect(data?.organisation).toEqual({ name: org.name, slug: org.slug, you_said_we_did_url: null });
			expect(data?.survey).toEqual({
				slug: survey.slug,
				title: `Survey ${survey.slug}`,
				audience: 'parent_carers',
				easy_read: false,
				introduction: 'Tell us how it is going.',
				privacy_notice: ''
			});
			expect(data?.wave).toMatchObject({
				slug: closed.slug,
				label: 'Wave closed',
				kind: 'baseline',
				status: 'closed'
			});
			expect(new Date(data!.wave.closes_at)).toEqual(closed.closesAt);
			expect(data?.questions.map((q) => q.key)).toEqual(['feel', 'services', 'comment', 'age']);
			expect(data?.questions[0]).toMatchObject({ key: 'feel', kind: 'agreement_5', required: true });
			expect(data?.questions[0]?.options.map((o) => o.value)).toEqual([
				'strongly_agree',
				'agree',
				'neither',
				'disagree',
				'strongly_disagree'
			]);
			expect(data?.questions[0]?.options[0]).toEqual({
				value: 'strongly_agree',
				label: 'Strongly agree',
				easy_read_label: null,
				symbol: null
			});
			expect(data?.questions[2]).toMatchObject({
				key: 'comment',
				kind: 'free_text',
				max_length: 20,
				options: []
			});
			expect(data?.questions[3]).toMatchObject({ key: 'age', kind: 'number', min_value: 0, max_value: 25 });
		});

		it('gives each wave its own status', async () => {
			const org = await engine.createOrganisation();
			const survey = await engine.createSurvey(org);
			const statuses: Record<string, string | undefined> = {};
			for (const [name, wave] of Object.entries(survey.waves))
				statuses[name] = (await load(engine, wave.slug)).data?.wave.status;
			expect(statuses).toEqual({ closed: 'closed', open: 'open', future: 'not_yet_open' });
		});

		it('ignores the case of the slug', async () => {
			const org = await engine.createOrganisation();
			const survey = await engine.createSurvey(org);
			const { data } = await load(engine, survey.waves.open!.slug.toUpperCase());
			expect(data?.wave.slug).toBe(survey.waves.open!.slug);
		});
	});

	describe('by survey slug', () => {
		it('gives the open wave when there is one', async () => {
			const org = await engine.createOrganisation();
			const survey = await engine.createSurvey(org);
			const { data } = await load(engine, survey.slug);
			expect(data?.wave).toMatchObject({ slug: survey.waves.open!.slug, status: 'open' });
			// everything, to anyone
			expect(Object.keys(data!).sort()).toEqual(WHOLE_KEYS);
			expect(Object.keys(data!.survey).sort()).toEqual([
				'audience',
				'easy_read',
				'introduction',
				'privacy_notice',
				'slug',
				'title'
			]);
			expect(Object.keys(data!.wave).sort()).toEqual([
				'closes_at',
				'invitation_only',
				'kind',
				'label',
				'opens_at',
				'slug',
				'status'
			]);
			expect(data!.survey.introduction).toBe('Tell us how it is going.');
			expect(data!.questions.length).toBeGreaterThan(0);
			expect(data!.about.length).toBeGreaterThan(0);
		});

		it('gives the next wave to open when none is open, else the last that closed', async () => {
			const org = await engine.createOrganisation();
			const upcoming = await engine.createSurvey(org, { waves: ['closed', 'future'] });
			expect((await load(engine, upcoming.slug)).data?.wave.slug).toBe(upcoming.waves.future!.slug);
			const over = await engine.createSurvey(org, { waves: ['closed'] });
			expect((await load(engine, over.slug)).data?.wave).toMatchObject({
				slug: over.waves.closed!.slug,
				status: 'closed'
			});
		});

		it('gives null for a survey without waves', async () => {
			const org = await engine.createOrganisation();
			const survey = await engine.createSurvey(org, { waves: [] });
			expect(await load(engine, survey.slug)).toMatchObject({ data: null, error: null, status: 200 });
		});
	});

	describe('before any of its waves has opened', () => {
		it('shows anyone but its builders only that it is not open yet: no questions, no translations of them', async () => {
			const org = await engine.createOrganisation();
			const survey = await engine.createSurvey(org, { waves: ['future'] });
			await engine.db.query(
				`insert into app.survey_languages (organisation_id, survey_id, code, name, position, translations)
				 values ($1, $2, 'pl', 'Polski', 1, $3::text::jsonb)`,
				[
					org.id,
					survey.id,
					JSON.stringify({
						title: 'Ankieta',
						'q:feel:prompt': 'Czuję się wysłuchany',
						'o:feel:agree:label': 'Zgadzam się'
					})
				]
			);
			const seen = async (client: ReturnType<Engine['anon']>) => {
				const { data, error } = await client.rpc('survey_for_respondent', { p_slug: survey.slug });
				expect(error).toBeNull();
				return data as RespondentSurvey & { languages: { code: string; translations: object }[] };
			};
			for (const [who, client] of [
				['anon', engine.anon()],
				['forum', await engine.signInAs(await engine.createMember(org, 'forum'))],
				['scrutiny', await engine.signInAs(await engine.createMember(org, 'scrutiny'))],
				[
					'a lead elsewhere',
					await engine.signInAs(await engine.createMember(await engine.createOrganisation(), 'lead'))
				]
			] as const) {
				const data = await seen(client);
				expect(data.survey.title, who).toBe(`Survey ${survey.slug}`);
				expect(data.wave.status, who).toBe('not_yet_open');
				expect(data, who).not.toHaveProperty('questions');
				expect(data.languages, who).toEqual([
					{ code: 'pl', name: 'Polski', direction: 'ltr', translations: { title: 'Ankieta' } }
				]);
			}
			// its builders preview it whole
			for (const role of ['admin', 'lead', 'officer'] as const) {
				const data = await seen(await engine.signInAs(await engine.createMember(org, role)));
				expect(
					data.questions.map((q) => q.key),
					role
				).toEqual(['feel', 'services', 'comment', 'age']);
				expect(Object.keys(data.languages[0]!.translations).sort(), role).toEqual([
					'o:feel:agree:label',
					'q:feel:prompt',
					'title'
				]);
			}
		});

		it('tells anyone but its builders only when it opens: nothing of its introduction, privacy notice, audience, closing date or about-you questions', async () => {
			const org = await engine.createOrganisation();
			const survey = await engine.createSurvey(org, { waves: ['future'] });
			const future = survey.waves.future!;
			await engine.db.query(
				`update app.surveys set privacy_notice = 'Who reads the answers.', easy_read = true where id = $1`,
				[survey.id]
			);
			await engine.db.query(
				`insert into app.survey_languages (organisation_id, survey_id, code, name, position, translations)
				 values ($1, $2, 'pl', 'Polski', 1, $3::text::jsonb)`,
				[
					org.id,
					survey.id,
					JSON.stringify({
						title: 'Ankieta',
						introduction: 'Powiedz nam',
						privacy_notice: 'Kto czyta',
						'about:phase:prompt': 'Etap'
					})
				]
			);
			const notOpen = {
				organisation: { name: org.name, slug: org.slug },
				survey: { title: `Survey ${survey.slug}`, easy_read: true },
				wave: { label: 'Wave future', status: 'not_yet_open' },
				languages: [{ code: 'pl', name: 'Polski', direction: 'ltr', translations: { title: 'Ankieta' } }]
			};
			for (const slug of [survey.slug, future.slug]) {
				for (const [who, client] of [
					['anon', engine.anon()],
					['forum', await engine.signInAs(await engine.createMember(org, 'forum'))]
				] as const) {
					const { data, error } = await client.rpc('survey_for_respondent', { p_slug: slug });
					expect(error, who).toBeNull();
					const { wave, ...rest } = data as { wave: { opens_at: string } };
					// the exact keys: nothing more than the page that says it is not open yet shows
					expect({ ...rest, wave: { ...wave, opens_at: undefined } }, `${who} by ${slug}`).toEqual({
						...notOpen,
						wave: { ...notOpen.wave, opens_at: undefined }
					});
					expect(Object.keys(wave).sort(), who).toEqual(['label', 'opens_at', 'status']);
					expect(new Date(wave.opens_at), who).toEqual(future.opensAt);
					const text = JSON.stringify(data);
					for (const words of ['Tell us how it is going.', 'Who reads the answers.', 'parent_carers'])
						expect(text, who).not.toContain(words);
				}
			}
			// its builders preview it whole
			const lead = await engine.signInAs(await engine.createMember(org, 'lead'));
			const { data } = await lead.rpc('survey_for_respondent', { p_slug: survey.slug });
			const whole = data as RespondentSurvey;
			expect(Object.keys(whole).sort()).toEqual(WHOLE_KEYS);
			expect(whole.survey).toMatchObject({
				introduction: 'Tell us how it is going.',
				privacy_notice: 'Who reads the answers.'
			});
			expect(new Date(whole.wave.closes_at)).toEqual(future.closesAt);
			expect(whole.about.length).toBeGreaterThan(0);
		});

		it('shows everyone the questions once a wave has opened, even while the next one waits', async () => {
			const org = await engine.createOrganisation();
			const survey = await engine.createSurvey(org, { waves: ['closed', 'future'] });
			const { data } = await load(engine, survey.waves.future!.slug);
			expect(data?.wave.status).toBe('not_yet_open');
			expect(data?.questions.map((q) => q.key)).toEqual(['feel', 'services', 'comment', 'age']);
		});
	});

	it('gives null, not an error, for an unknown slug', async () => {
		expect(await load(engine, `nothing-here-${suffix()}`)).toMatchObject({
			data: null,
			error: null,
			status: 200
		});
	});

	it("offers the standard about-you vocabulary and the organisation's own categories, not another's", async () => {
		const org = await engine.createOrganisation();
		const other = await engine.createOrganisation();
		await engine.createAboutCategory(org, 'area', 'north_ward');
		await engine.createAboutCategory(other, 'area', 'south_ward');
		const survey = await engine.createSurvey(org);
		const plain = await engine.createSurvey(await engine.createOrganisation());

		const { data } = await load(engine, survey.slug);
		const dimensions = Object.fromEntries(data!.about.map((d) => [d.key, d.categories.map((c) => c.code)]));
		expect(Object.keys(dimensions)).toEqual([
			'phase',
			'age_band',
			'support',
			'setting',
			'ethnicity',
			'gender',
			'area',
			'care_experience'
		]);
		expect(dimensions.area).toEqual(['north_ward', 'prefer_not_to_say']);
		expect(dimensions.phase).toEqual(['early_years', 'primary', 'secondary', 'post_16', 'prefer_not_to_say']);

		// a dimension with no categories but "prefer not to say" is not offered
		const { data: plainData } = await load(engine, plain.slug);
		expect(plainData!.about.map((d) => d.key)).not.toContain('area');
	});

	it('reveals no ids, answers or positive flags to a respondent', async () => {
		const org = await engine.createOrganisation();
		const survey = await engine.createSurvey(org);
		await engine.addResponses(survey, survey.waves.open!, 3, { feel: 'agree', comment: 'secret words' });
		const text = JSON.stringify((await load(engine, survey.slug)).data);
		for (const id of [
			org.id,
			survey.id,
			survey.waves.open!.id,
			survey.questions.feel.id,
			survey.questions.feel.options.agree!
		]) {
			expect(text).not.toContain(id);
		}
		expect(text).not.toContain('secret words');
		expect(text).not.toContain('is_positive');
	});
});
