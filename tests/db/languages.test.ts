/**
 * Survey languages through supabase-js, each call with the caller's own session: who may add and
 * remove a language and save its translations, who may read them, what the respondent sees, and
 * the language a draft remembers and a response records.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	DRAFT_KEY,
	forEachEngine,
	MEMBER_ROLES,
	parseDetails,
	type Client,
	type MemberRole,
	type Organisation,
	type Survey,
	type User
} from './engines';

const EDITORS: readonly MemberRole[] = ['admin', 'lead', 'officer'];
const READERS: readonly MemberRole[] = ['forum', 'scrutiny', 'safeguarding'];

interface BuilderLanguages {
	texts: { key: string; english: string; max_length: number }[];
	languages: {
		code: string;
		name: string;
		direction: string;
		translations: Record<string, string>;
		translated: number;
		responses: number;
	}[];
}

interface RespondentLanguages {
	languages: { code: string; name: string; direction: string; translations: Record<string, string> }[];
}

async function ok<T>(promise: PromiseLike<{ data: unknown; error: { message: string } | null }>): Promise<T> {
	const { data, error } = await promise;
	if (error) throw new Error(error.message);
	return data as T;
}

forEachEngine('survey languages', (engine) => {
	let org: Organisation;
	let other: Organisation;
	let survey: Survey;
	let otherSurvey: Survey;
	const members = {} as Record<MemberRole, User>;
	const clients = {} as Record<MemberRole | 'leadOfOther' | 'outsider', Client>;

	beforeAll(async () => {
		org = await engine.createOrganisation();
		other = await engine.createOrganisation();
		for (const role of MEMBER_ROLES) {
			members[role] = await engine.createMember(org, role);
			clients[role] = await engine.signInAs(members[role]);
		}
		clients.leadOfOther = await engine.signInAs(await engine.createMember(other, 'lead'));
		clients.outsider = await engine.signInAs(await engine.createUser());
		survey = await engine.createSurvey(org);
		otherSurvey = await engine.createSurvey(other);
	});

	const add = (c: Client, surveyId: string, code: string, name: string, direction?: string) =>
		c.rpc('add_survey_language', {
			p_survey_id: surveyId,
			p_code: code,
			p_name: name,
			...(direction ? { p_direction: direction } : {})
		});
	const builder = (c: Client, id: string) =>
		ok<BuilderLanguages | null>(c.rpc('survey_for_builder', { p_survey_id: id }));

	describe('adding and removing a language', () => {
		it('lets admin, lead and officer add a language, guessing right-to-left for Urdu and Arabic', async () => {
			const s = await engine.createSurvey(org);
			const codes = { admin: ['pl', 'Polski'], lead: ['ur', 'اردو'], officer: ['ar', 'العربية'] } as const;
			for (const role of EDITORS) {
				const [code, name] = codes[role as keyof typeof codes];
				const { data, error } = await add(clients[role], s.id, code, name);
				expect(error).toBeNull();
				expect(data).toMatchObject({ code, name, direction: code === 'pl' ? 'ltr' : 'rtl' });
			}
			const seen = await builder(clients.forum, s.id);
			expect(seen?.languages.map((l) => [l.code, l.direction])).toEqual([
				['pl', 'ltr'],
				['ur', 'rtl'],
				['ar', 'rtl']
			]);
		});

		it('refuses forum, scrutiny, safeguarding, another organisation, an outsider and anon', async () => {
			for (const who of [...READERS, 'leadOfOther', 'outsider'] as const) {
				const { error, status } = await add(clients[who], survey.id, 'so', 'Soomaali');
				expect({ who, status, hint: error?.hint }).toEqual({ who, status: 403, hint: 'not_permitted' });
			}
			const { status } = await add(engine.anon(), survey.id, 'so', 'Soomaali');
			expect(status).toBe(401);
			expect((await builder(clients.lead, survey.id))?.languages).toEqual([]);
		});

		it('answers invalid details field by field: the code, English, a repeat, the name and direction', async () => {
			const s = await engine.createSurvey(org);
			let { error } = await add(clients.lead, s.id, 'Polish!', ' ', 'sideways');
			expect(error?.hint).toBe('invalid_language');
			expect(parseDetails(error?.details)).toEqual({
				code: 'Enter a code of 2 or 3 letters, like pl or ur, with a region if you need one, like pa-IN.',
				name: "Enter the language's name as its speakers write it, like Polski.",
				direction: 'Choose the direction the language is written in.'
			});
			({ error } = await add(clients.lead, s.id, 'en-GB', 'English'));
			expect(parseDetails(error?.details)).toEqual({ code: "English is the survey's own language." });
			expect((await add(clients.lead, s.id, 'PA-IN', 'ਪੰਜਾਬੀ')).data).toMatchObject({ code: 'pa-IN' });
			({ error } = await add(clients.lead, s.id, 'pa-IN', 'Punjabi'));
			expect(parseDetails(error?.details)).toEqual({ code: 'The survey already has this language.' });
		});

		it('lets editors remove a language, and nobody else', async () => {
			const s = await engine.createSurvey(org);
			await ok(add(clients.lead, s.id, 'ro', 'Română'));
			for (const who of [...READERS, 'leadOfOther', 'outsider'] as const) {
				const { error } = await clients[who].rpc('remove_survey_language', {
					p_survey_id: s.id,
					p_code: 'ro'
				});
				expect({ who, hint: error?.hint }).toEqual({ who, hint: 'not_permitted' });
			}
			expect((await builder(clients.lead, s.id))?.languages.map((l) => l.code)).toEqual(['ro']);
			const removed = await ok(
				clients.officer.rpc('remove_survey_language', { p_survey_id: s.id, p_code: 'ro' })
			);
			expect(removed).toEqual({ code: 'ro', removed: true });
			expect((await builder(clients.lead, s.id))?.languages).toEqual([]);
		});
	});

	describe('translations', () => {
		let s: Survey;
		beforeAll(async () => {
			s = await engine.createSurvey(org);
			await ok(add(clients.lead, s.id, 'pl', 'Polski'));
			await ok(add(clients.lead, s.id, 'ur', 'اردو'));
		});

		it('lists the texts to translate in the order a respondent meets them', async () => {
			const b = await builder(clients.forum, s.id);
			const keys = b!.texts.map((t) => t.key);
			expect(keys.slice(0, 4)).toEqual([
				'title',
				'introduction',
				'q:feel:prompt',
				'o:feel:strongly_agree:label'
			]);
			expect(keys).toContain('o:services:health:label');
			expect(b!.texts.find((t) => t.key === 'introduction')).toEqual({
				key: 'introduction',
				english: 'Tell us how it is going.',
				max_length: 4000
			});
		});

		it('lets each editor save translations, which replace the earlier ones; empty ones stay English', async () => {
			for (const role of EDITORS) {
				const saved = await ok<{ translated: number; texts: number }>(
					clients[role].rpc('save_survey_translations', {
						p_survey_id: s.id,
						p_code: 'pl',
						p_translations: {
							title: `Ankieta (${role})`,
							'q:feel:prompt': 'Czuję się wysłuchany',
							introduction: '  '
						}
					})
				);
				expect(saved.translated).toBe(2);
			}
			const pl = (await builder(clients.scrutiny, s.id))!.languages.find((l) => l.code === 'pl');
			expect(pl?.translations).toEqual({
				title: 'Ankieta (officer)',
				'q:feel:prompt': 'Czuję się wysłuchany'
			});
			expect(pl?.translated).toBe(2);
		});

		it('refuses readers, other organisations, outsiders and anon, and changes nothing', async () => {
			const args = { p_survey_id: s.id, p_code: 'pl', p_translations: { title: 'Nie' } };
			for (const who of [...READERS, 'leadOfOther', 'outsider'] as const) {
				const { error } = await clients[who].rpc('save_survey_translations', args);
				expect({ who, hint: error?.hint }).toEqual({ who, hint: 'not_permitted' });
			}
			expect((await engine.anon().rpc('save_survey_translations', args)).status).toBe(401);
			const pl = (await builder(clients.lead, s.id))!.languages.find((l) => l.code === 'pl');
			expect(pl?.translations.title).toBe('Ankieta (officer)');
		});

		it('answers unknown texts and texts too long key by key, and a language the survey lacks', async () => {
			const { error } = await clients.lead.rpc('save_survey_translations', {
				p_survey_id: s.id,
				p_code: 'ur',
				p_translations: { title: 'x'.repeat(201), 'q:nope:prompt': 'کچھ' }
			});
			expect(error?.hint).toBe('invalid_translations');
			expect(parseDetails(error?.details)).toEqual({
				title: 'Keep the translation to 200 characters or fewer.',
				'q:nope:prompt': 'The survey has no such text to translate.'
			});
			const missing = await clients.lead.rpc('save_survey_translations', {
				p_survey_id: s.id,
				p_code: 'so',
				p_translations: {}
			});
			expect(missing.error?.hint).toBe('not_found');
		});

		it('keeps the table itself to its rules: only known keys and non-empty text', async () => {
			await expect(
				engine.db.query(
					`update app.survey_languages set translations = '{"subtitle": "x"}' where survey_id = $1`,
					[s.id]
				)
			).rejects.toThrow(/check constraint/);
			await expect(
				engine.db.query(
					`update app.survey_languages set translations = '{"title": " "}' where survey_id = $1`,
					[s.id]
				)
			).rejects.toThrow(/check constraint/);
			await expect(
				engine.db.query(`update app.survey_languages set direction = 'up' where survey_id = $1`, [s.id])
			).rejects.toThrow(/check constraint/);
		});

		it("shows members their organisation's languages only, through the table and the builder", async () => {
			await ok(add(clients.leadOfOther, otherSurvey.id, 'cy', 'Cymraeg'));
			for (const role of MEMBER_ROLES) {
				const own = await engine.queryAs<{ n: number }>(
					'authenticated',
					members[role].id,
					'select count(*)::int as n from app.survey_languages where survey_id = $1',
					[s.id]
				);
				const theirs = await engine.queryAs<{ n: number }>(
					'authenticated',
					members[role].id,
					'select count(*)::int as n from app.survey_languages where survey_id = $1',
					[otherSurvey.id]
				);
				expect({ role, own: own[0]?.n, theirs: theirs[0]?.n }).toEqual({ role, own: 2, theirs: 0 });
			}
			expect(await builder(clients.lead, otherSurvey.id)).toBeNull();
			// a write straight to the table by someone who may not edit: RLS refuses it
			await expect(
				engine.queryAs(
					'authenticated',
					members.forum.id,
					`insert into app.survey_languages (organisation_id, survey_id, code, name, position)
					 values ($1, $2, 'so', 'Soomaali', 9)`,
					[org.id, s.id]
				)
			).rejects.toThrow(/row-level security/);
			const [changed] = await engine.queryAs<{ n: number }>(
				'authenticated',
				members.scrutiny.id,
				`with u as (update app.survey_languages set name = 'x' where survey_id = $1 returning 1) select count(*)::int as n from u`,
				[s.id]
			);
			expect(changed?.n).toBe(0);
		});
	});

	describe("a language's name and direction", () => {
		const update = (
			c: Client,
			surveyId: string,
			code: string,
			name: string | null,
			direction: string | null
		) =>
			c.rpc('update_survey_language', {
				p_survey_id: surveyId,
				p_code: code,
				p_name: name as string,
				p_direction: direction as string
			});

		it('lets admin, lead and officer change them, keeping the code and the translations', async () => {
			const s = await engine.createSurvey(org);
			await ok(add(clients.lead, s.id, 'pa', 'Punjabi'));
			await ok(
				clients.lead.rpc('save_survey_translations', {
					p_survey_id: s.id,
					p_code: 'pa',
					p_translations: { title: 'ਸਰਵੇਖਣ' }
				})
			);
			const names: Record<string, [name: string, direction: string]> = {
				admin: ['ਪੰਜਾਬੀ', 'ltr'],
				lead: ['پنجابی', 'rtl'],
				officer: ['  پنجابی (شاہ مکھی)  ', 'rtl']
			};
			for (const role of EDITORS) {
				const [name, direction] = names[role]!;
				const { data, error } = await update(clients[role], s.id, 'pa', name, direction);
				expect({ role, error }).toEqual({ role, error: null });
				expect(data).toMatchObject({ code: 'pa', name: name.trim(), direction });
			}
			const pa = (await builder(clients.forum, s.id))!.languages[0];
			expect(pa).toMatchObject({
				code: 'pa',
				name: 'پنجابی (شاہ مکھی)',
				direction: 'rtl',
				translations: { title: 'ਸਰਵੇਖਣ' }
			});
			const seen = await ok<RespondentLanguages>(
				engine.anon().rpc('survey_for_respondent', { p_slug: s.waves.open!.slug })
			);
			expect(seen.languages).toEqual([
				{ code: 'pa', name: 'پنجابی (شاہ مکھی)', direction: 'rtl', translations: { title: 'ਸਰਵੇਖਣ' } }
			]);
		});

		it('refuses forum, scrutiny, safeguarding, another organisation, an outsider and anon, and changes nothing', async () => {
			const s = await engine.createSurvey(org);
			await ok(add(clients.lead, s.id, 'so', 'Soomaali'));
			for (const who of [...READERS, 'leadOfOther', 'outsider'] as const) {
				const { error, status } = await update(clients[who], s.id, 'so', 'Somali', 'rtl');
				expect({ who, status, hint: error?.hint }).toEqual({ who, status: 403, hint: 'not_permitted' });
			}
			const { status } = await update(engine.anon(), s.id, 'so', 'Somali', 'rtl');
			expect(status).toBe(401);
			expect((await builder(clients.lead, s.id))?.languages[0]).toMatchObject({
				code: 'so',
				name: 'Soomaali',
				direction: 'ltr'
			});
			// the same refusal whether or not the survey has the language
			const missing = await update(clients.forum, s.id, 'pl', 'Polski', 'ltr');
			expect(missing.error?.hint).toBe('not_permitted');
		});

		it('answers a missing or long name and a wrong direction field by field, and a language the survey lacks', async () => {
			const s = await engine.createSurvey(org);
			await ok(add(clients.lead, s.id, 'ar', 'العربية'));
			let { error } = await update(clients.officer, s.id, 'ar', '  ', 'up');
			expect(error?.hint).toBe('invalid_language');
			expect(parseDetails(error?.details)).toEqual({
				name: "Enter the language's name as its speakers write it, like Polski.",
				direction: 'Choose the direction the language is written in.'
			});
			({ error } = await update(clients.officer, s.id, 'ar', 'ع'.repeat(61), null));
			expect(parseDetails(error?.details)).toEqual({
				name: 'Keep the name to 60 characters or fewer.',
				direction: 'Choose the direction the language is written in.'
			});
			expect((await builder(clients.lead, s.id))?.languages[0]).toMatchObject({
				name: 'العربية',
				direction: 'rtl'
			});
			({ error } = await update(clients.officer, s.id, 'fa', 'فارسی', 'rtl'));
			expect(error?.hint).toBe('not_found');
			({ error } = await update(clients.leadOfOther, s.id, 'fa', 'فارسی', 'rtl'));
			expect(error?.hint).toBe('not_permitted');
		});
	});

	describe('the about-you questions', () => {
		let aboutOrg: Organisation;
		let lead: Client;
		beforeAll(async () => {
			// an organisation of its own, with an area of its own; another organisation's area is not its
			aboutOrg = await engine.createOrganisation();
			lead = await engine.signInAs(await engine.createMember(aboutOrg, 'lead'));
			await engine.createAboutCategory(aboutOrg, 'area', 'riverside');
			await engine.createAboutCategory(other, 'area', 'hills');
		});

		it('lists their wording and answers after the questions, for the questions the survey asks', async () => {
			const s = await engine.createSurvey(aboutOrg);
			let texts = (await builder(lead, s.id))!.texts;
			const keys = texts.map((t) => t.key);
			const firstAbout = keys.findIndex((k) => k.startsWith('about:'));
			expect(keys.slice(firstAbout - 1, firstAbout + 3)).toEqual([
				'q:age:prompt',
				'about:phase:prompt',
				'about:phase:early_years:label',
				'about:phase:primary:label'
			]);
			expect(keys.slice(firstAbout).every((k) => k.startsWith('about:'))).toBe(true);
			expect(texts.find((t) => t.key === 'about:phase:prompt')).toEqual({
				key: 'about:phase:prompt',
				english: 'Stage of education',
				max_length: 200
			});
			expect(texts.find((t) => t.key === 'about:ethnicity:white_roma:label')).toEqual({
				key: 'about:ethnicity:white_roma:label',
				english: 'White: Roma',
				max_length: 300
			});
			// "prefer not to say" last, each question its own
			expect(keys.indexOf('about:phase:prefer_not_to_say:label')).toBe(
				keys.indexOf('about:age_band:prompt') - 1
			);
			expect(texts.filter((t) => t.key.startsWith('about:area:'))).toEqual([
				{ key: 'about:area:prompt', english: 'Area', max_length: 200 },
				{ key: 'about:area:riverside:label', english: 'Category riverside', max_length: 300 },
				{ key: 'about:area:prefer_not_to_say:label', english: 'Prefer not to say', max_length: 300 }
			]);

			// an organisation without areas of its own does not ask the area question: nothing of it to translate
			const bare = await engine.createOrganisation();
			const bareLead = await engine.signInAs(await engine.createMember(bare, 'lead'));
			const bareKeys = (await builder(bareLead, (await engine.createSurvey(bare)).id))!.texts.map(
				(t) => t.key
			);
			expect(bareKeys).toContain('about:gender:prompt');
			expect(bareKeys.filter((k) => k.startsWith('about:area:'))).toEqual([]);

			await ok(lead.rpc('set_survey_about', { p_survey_id: s.id, p_dimensions: ['age_band'] }));
			texts = (await builder(lead, s.id))!.texts;
			expect(texts.filter((t) => t.key.startsWith('about:')).map((t) => t.key)).toEqual([
				'about:age_band:prompt',
				'about:age_band:age_0_4:label',
				'about:age_band:age_5_10:label',
				'about:age_band:age_11_15:label',
				'about:age_band:age_16_19:label',
				'about:age_band:age_20_25:label',
				'about:age_band:prefer_not_to_say:label'
			]);
		});

		it('saves their translations, counts them, and gives them to the respondent', async () => {
			const s = await engine.createSurvey(aboutOrg);
			await ok(add(lead, s.id, 'pl', 'Polski'));
			const translations = {
				'about:phase:prompt': 'Etap edukacji',
				'about:phase:primary:label': 'Szkoła podstawowa',
				'about:phase:prefer_not_to_say:label': 'Wolę nie mówić',
				'about:area:riverside:label': 'Nad rzeką'
			};
			const saved = await ok<{ translated: number; texts: number }>(
				lead.rpc('save_survey_translations', {
					p_survey_id: s.id,
					p_code: 'pl',
					p_translations: translations
				})
			);
			expect(saved.translated).toBe(4);
			const b = (await builder(lead, s.id))!;
			expect(saved.texts).toBe(b.texts.length);
			expect(b.languages[0]?.translated).toBe(4);
			const seen = await ok<RespondentLanguages>(
				engine.anon().rpc('survey_for_respondent', { p_slug: s.waves.open!.slug })
			);
			expect(seen.languages[0]?.translations).toEqual(translations);
		});

		it('refuses a question the survey does not ask, an answer it does not have and a text too long', async () => {
			const s = await engine.createSurvey(aboutOrg);
			await ok(lead.rpc('set_survey_about', { p_survey_id: s.id, p_dimensions: ['phase'] }));
			await ok(add(lead, s.id, 'ur', 'اردو'));
			const { error } = await lead.rpc('save_survey_translations', {
				p_survey_id: s.id,
				p_code: 'ur',
				p_translations: {
					'about:phase:prompt': 'تعلیم کا مرحلہ',
					'about:gender:prompt': 'جنس',
					'about:phase:university:label': 'یونیورسٹی',
					'about:area:hills:label': 'پہاڑیاں',
					'about:phase:primary:label': 'پ'.repeat(301)
				}
			});
			expect(error?.hint).toBe('invalid_translations');
			expect(parseDetails(error?.details)).toEqual({
				'about:gender:prompt': 'The survey has no such text to translate.',
				'about:phase:university:label': 'The survey has no such text to translate.',
				'about:area:hills:label': 'The survey has no such text to translate.',
				'about:phase:primary:label': 'Keep the translation to 300 characters or fewer.'
			});
			expect((await builder(lead, s.id))!.languages[0]?.translations).toEqual({});
		});

		it('keeps the table itself to well-formed about-you keys', async () => {
			const s = await engine.createSurvey(aboutOrg);
			await ok(add(lead, s.id, 'ro', 'Română'));
			await engine.db.query(
				`update app.survey_languages set translations = '{"about:phase:prompt": "Etapa", "about:phase:post_16:label": "16+"}'
				  where survey_id = $1`,
				[s.id]
			);
			for (const key of ['about:phase:label', 'about:Phase:prompt', 'about:phase:primary', 'about::prompt']) {
				await expect(
					engine.db.query(
						`update app.survey_languages set translations = $2::text::jsonb where survey_id = $1`,
						[s.id, JSON.stringify({ [key]: 'x' })]
					),
					key
				).rejects.toThrow(/check constraint/);
			}
		});
	});

	describe('the respondent', () => {
		it('sees the languages with their translations, in the order they were added', async () => {
			const s = await engine.createSurvey(org);
			await ok(add(clients.lead, s.id, 'ur', 'اردو'));
			await ok(add(clients.lead, s.id, 'pl', 'Polski'));
			await ok(
				clients.lead.rpc('save_survey_translations', {
					p_survey_id: s.id,
					p_code: 'ur',
					p_translations: { title: 'سروے', 'o:feel:agree:label': 'متفق' }
				})
			);
			const seen = await ok<RespondentLanguages>(
				engine.anon().rpc('survey_for_respondent', { p_slug: s.waves.open!.slug })
			);
			expect(seen.languages).toEqual([
				{
					code: 'ur',
					name: 'اردو',
					direction: 'rtl',
					translations: { title: 'سروے', 'o:feel:agree:label': 'متفق' }
				},
				{ code: 'pl', name: 'Polski', direction: 'ltr', translations: {} }
			]);
		});

		it('keeps the language chosen in the draft, and English for a language the survey does not offer', async () => {
			const s = await engine.createSurvey(org);
			await ok(add(clients.lead, s.id, 'pl', 'Polski'));
			const server = engine.server();
			const id = randomUUID();
			const save = (language: string | null) =>
				ok<{ language: string | null; resume_code: string }>(
					server.rpc('save_draft', {
						p_response_id: id,
						p_draft_key: DRAFT_KEY,
						p_wave_slug: s.waves.open!.slug,
						p_answers: { feel: 'agree' },
						p_step: 2,
						p_easy_read: false,
						...(language ? { p_language: language } : {})
					})
				);
			expect((await save('pl')).language).toBe('pl');
			const loaded = await ok<{ language: string | null }>(
				server.rpc('load_draft', { p_response_id: id, p_draft_key: DRAFT_KEY })
			);
			expect(loaded.language).toBe('pl');
			expect((await save('de')).language).toBeNull();
			const byCode = await save('pl');
			expect(
				(
					await ok<{ language: string }>(
						server.rpc('load_draft', { p_resume_code: byCode.resume_code, p_draft_key: DRAFT_KEY })
					)
				).language
			).toBe('pl');
		});

		it('records the language on the response sent', async () => {
			const s = await engine.createSurvey(org);
			await ok(add(clients.lead, s.id, 'ur', 'اردو'));
			const id = randomUUID();
			await ok(
				engine.server().rpc('submit_response', {
					p_response_id: id,
					p_wave_slug: s.waves.open!.slug,
					p_answers: { feel: 'agree' },
					p_language: 'ur'
				})
			);
			const [row] = await engine.db.query<{ language: string }>(
				'select language from app.responses where id = $1',
				[id]
			);
			expect(row?.language).toBe('ur');
			// survey staff see it counted against the language; members who see only published figures get no
			// count at all (null), never a 0 that is not true
			expect((await builder(clients.lead, s.id))?.languages[0]?.responses).toBe(1);
			expect((await builder(clients.forum, s.id))?.languages[0]?.responses).toBeNull();
		});
	});
});
