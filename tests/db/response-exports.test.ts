/**
 * Responses out (20261202000600_response_exports.sql): api.start_response_export gives the data
 * dictionary of a download and writes it to the audit log (app.response_exports: who, when, which
 * wave, as what); api.response_export_page gives the responses a page at a time, in the order they
 * were sent. Both for admins, leads and officers of the survey's organisation only: forum, scrutiny,
 * safeguarding, another organisation's lead and anon are refused, and a refused download is not
 * logged. Free text is never exported (the safeguarding review will decide when it may be).
 */
import { beforeAll, expect, it } from 'vitest';
import {
	forEachEngine,
	MEMBER_ROLES,
	type Client,
	type MemberRole,
	type Organisation,
	type Survey,
	type User
} from './engines';

const EXPORTERS: readonly MemberRole[] = ['admin', 'lead', 'officer'];
const REFUSED: readonly MemberRole[] = ['forum', 'scrutiny', 'safeguarding'];

interface Row {
	id: string;
	wave: string;
	submitted_at: string;
	channel: string;
	language: string;
	assistance: string | null;
	about: Record<string, string>;
	answers: Record<string, string[] | number>;
}

forEachEngine('downloads of responses (api.start_response_export, api.response_export_page)', (engine) => {
	let org: Organisation;
	let survey: Survey;
	const members = {} as Record<MemberRole, User>;
	const clients = {} as Record<MemberRole | 'leadOfOther', Client>;

	beforeAll(async () => {
		org = await engine.createOrganisation();
		for (const role of MEMBER_ROLES) {
			members[role] = await engine.createMember(org, role);
			clients[role] = await engine.signInAs(members[role]);
		}
		const other = await engine.createOrganisation();
		clients.leadOfOther = await engine.signInAs(await engine.createMember(other, 'lead'));
		survey = await engine.createSurvey(org);
		await engine.addResponses(survey, survey.waves.closed!, 2, {
			feel: 'agree',
			services: ['social_care', 'health']
		});
		await engine.addResponses(
			survey,
			survey.waves.open!,
			3,
			{ feel: 'disagree', services: ['education'], comment: 'My name is Sam', age: 9 },
			{ phase: 'primary' }
		);
	});

	const logged = async (surveyId: string) =>
		engine.db.query<{
			exported_by: string;
			wave_id: string | null;
			wave_label: string | null;
			format: string;
			responses: number;
		}>(
			'select exported_by, wave_id, wave_label, format, responses from app.response_exports where survey_id = $1 order by id',
			[surveyId]
		);

	it(`${engine.label} admins, leads and officers download; each download is logged with who, which wave and as what`, async () => {
		for (const role of EXPORTERS) {
			const { data, error } = await clients[role].rpc('start_response_export', {
				p_survey_id: survey.id,
				p_wave_id: survey.waves.open!.id,
				p_format: role === 'officer' ? 'xlsx' : 'csv',
				p_labels: true
			});
			expect(error, role).toBeNull();
			expect((data as { responses: number }).responses).toBe(3);
		}
		const log = await logged(survey.id);
		expect(log.map((l) => l.exported_by)).toEqual(EXPORTERS.map((r) => members[r].id));
		expect(log.every((l) => l.wave_id === survey.waves.open!.id && l.wave_label === 'Wave open')).toBe(true);
		expect(log.map((l) => l.format)).toEqual(['csv', 'csv', 'xlsx']);
	});

	it(`${engine.label} forum, scrutiny, safeguarding, another organisation and anon are refused, and nothing is logged`, async () => {
		const before = (await logged(survey.id)).length;
		for (const who of [...REFUSED, 'leadOfOther'] as const) {
			for (const fn of ['start_response_export', 'response_export_page'] as const) {
				const { data, error } = await clients[who].rpc(fn, { p_survey_id: survey.id });
				expect(data, `${who} ${fn}`).toBeNull();
				expect(error?.code, `${who} ${fn}`).toBe('42501');
				expect(error?.message).toBe(
					'Only an administrator, lead or officer of this local area can download its responses.'
				);
			}
		}
		for (const fn of ['start_response_export', 'response_export_page'] as const) {
			const { data, error } = await engine.anon().rpc(fn, { p_survey_id: survey.id });
			expect(data, `anon ${fn}`).toBeNull();
			expect(error?.code, `anon ${fn}`).toBe('42501');
		}
		expect((await logged(survey.id)).length).toBe(before);
	});

	it(`${engine.label} a page: one row a response with its wave, channel, about-you and answers; no free text`, async () => {
		const { data, error } = await clients.lead.rpc('response_export_page', {
			p_survey_id: survey.id,
			p_wave_id: survey.waves.open!.id
		});
		expect(error).toBeNull();
		const rows = data as unknown as Row[];
		expect(rows).toHaveLength(3);
		for (const r of rows) {
			expect(r.wave).toBe(survey.waves.open!.slug);
			expect(r.channel).toBe('online');
			expect(r.language).toBe('en');
			expect(r.about).toEqual({ phase: 'primary' });
			expect(r.answers).toEqual({ feel: ['disagree'], services: ['education'], age: 9 });
			expect(JSON.stringify(r)).not.toContain('Sam');
		}
		const all = await clients.officer.rpc('response_export_page', { p_survey_id: survey.id });
		const everyWave = all.data as unknown as Row[];
		expect(everyWave).toHaveLength(5);
		// several answers to one question, in the options' order
		expect(
			everyWave.filter((r) => r.wave === survey.waves.closed!.slug).map((r) => r.answers.services)
		).toEqual([
			['health', 'social_care'],
			['health', 'social_care']
		]);
	});

	it(`${engine.label} pages follow on from the last response of the page before, each response once`, async () => {
		const seen: string[] = [];
		let after: Row | null = null;
		for (let i = 0; i < 10; i++) {
			const { data, error } = await clients.admin.rpc('response_export_page', {
				p_survey_id: survey.id,
				p_after_submitted_at: after?.submitted_at ?? null,
				p_after_id: after?.id ?? null,
				p_limit: 2
			});
			expect(error).toBeNull();
			const rows = data as unknown as Row[];
			if (rows.length === 0) break;
			seen.push(...rows.map((r) => r.id));
			after = rows.at(-1)!;
		}
		expect(seen).toHaveLength(5);
		expect(new Set(seen).size).toBe(5);
	});

	it(`${engine.label} the dictionary lists every question, free text marked as not exported, and refuses another survey's wave`, async () => {
		const { data } = await clients.lead.rpc('start_response_export', { p_survey_id: survey.id });
		const d = data as unknown as {
			questions: { key: string; exported: boolean; options: { value: string }[] }[];
			waves: { slug: string }[];
		};
		expect(d.questions.map((q) => [q.key, q.exported])).toEqual([
			['feel', true],
			['services', true],
			['comment', false],
			['age', true]
		]);
		expect(d.waves).toHaveLength(3);
		const another = await engine.createSurvey(org, { waves: ['open'] });
		const { error } = await clients.lead.rpc('start_response_export', {
			p_survey_id: survey.id,
			p_wave_id: another.waves.open!.id
		});
		expect(error?.hint).toBe('invalid_request');
		const empty = await clients.lead.rpc('start_response_export', { p_survey_id: another.id });
		expect((empty.data as { responses: number }).responses).toBe(0);
	});
});
