/**
 * Random small surveys for the attacker's audit: a rule, a few about-you dimensions, channels, how the
 * answers were given, two waves (the second closed or still open) and people of the second wave linked
 * to the first by panel codes. Written in bulk as the database owner, counted by the real
 * app.count_response, and read back through supabase-js as a forum or scrutiny member.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Client, Engine, Wave } from '../engines';
import { SKIPPED, type Person, type PublishedJourney, type PublishedTable } from './published';

export const ANSWERS = ['strongly_agree', 'agree', 'neither', 'disagree', 'strongly_disagree'] as const;
/** The second question's answers (`help`, yes_no_unsure, yes positive): a wave's tables are audited together. */
export const ANSWERS2 = ['yes', 'no', 'unsure'] as const;
export const DIMENSIONS = {
	gender: ['girl_woman', 'boy_man', 'prefer_not_to_say'],
	phase: ['primary', 'secondary'],
	support: ['ehcp', 'sen_support']
} as const;
export type AboutDimension = keyof typeof DIMENSIONS;

export const RULES = [
	{ kind: 'under_10', threshold: 10, rounding_base: 1 },
	{ kind: 'nhs_england', threshold: 8, rounding_base: 5 },
	{ kind: 'custom', threshold: 3, rounding_base: 1 },
	{ kind: 'custom', threshold: 5, rounding_base: 1 },
	{ kind: 'custom', threshold: 4, rounding_base: 3 }
] as const;

/** Some people who answered alike. */
export interface Cluster {
	count: number;
	answer: number;
	/**
	 * their answer to the second question, which is optional: ANSWERS2.length for none (undefined: the first,
	 * as in the surveys found when the audit had one question)
	 */
	answer2?: number;
	about: Partial<Record<AboutDimension, string>>;
	channel: 'online' | 'paper' | 'phone';
	assistance: 'own' | 'helped' | null;
	/** in the second wave: how many of them gave a panel code of someone in the first wave */
	linked: number;
}

export interface RandomSurvey {
	rule: number;
	role: 'forum' | 'scrutiny';
	secondOpen: boolean;
	waves: [Cluster[], Cluster[]];
}

function clusterArb(dimensions: AboutDimension[]): fc.Arbitrary<Cluster> {
	const about: Record<string, fc.Arbitrary<string | undefined>> = {};
	for (const d of dimensions)
		about[d] = fc.option(fc.constantFrom(...DIMENSIONS[d]), { nil: undefined, freq: 4 });
	return fc.record({
		count: fc.integer({ min: 1, max: 12 }),
		answer: fc.integer({ min: 0, max: ANSWERS.length - 1 }),
		answer2: fc.integer({ min: 0, max: ANSWERS2.length }),
		about: fc
			.record(about)
			.map(
				(a) => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as Cluster['about']
			),
		channel: fc.constantFrom('online' as const, 'paper' as const, 'phone' as const),
		assistance: fc.constantFrom('own' as const, 'helped' as const, null),
		linked: fc.integer({ min: 0, max: 12 })
	});
}

export const randomSurvey: fc.Arbitrary<RandomSurvey> = fc
	.subarray(Object.keys(DIMENSIONS) as AboutDimension[], { maxLength: 2 })
	.chain((dimensions) =>
		fc.record({
			rule: fc.integer({ min: 0, max: RULES.length - 1 }),
			role: fc.constantFrom('forum' as const, 'scrutiny' as const),
			secondOpen: fc.boolean(),
			waves: fc.tuple(
				fc.array(clusterArb(dimensions), { maxLength: 7 }),
				fc.array(clusterArb(dimensions), { maxLength: 7 })
			)
		})
	);

/** One respondent as written to the database. */
export interface Respondent extends Person {
	id: string;
	about: Record<string, string>;
	channel: string;
	assistance: string | null;
	panel: string | null;
}

function panelCode(i: number): string {
	return `PANL-${String(i).padStart(4, '0')}`;
}

/** The people of both waves, the second wave's linked ones sharing a panel code with one of the first. */
export function respondents(survey: RandomSurvey): [Respondent[], Respondent[], [string, string][]] {
	const person = (c: Cluster): Omit<Respondent, 'id' | 'panel'> => {
		const groups: Record<string, string> = { ...c.about, channel: c.channel };
		if (c.assistance) groups.assistance = c.assistance;
		return {
			answer: ANSWERS[c.answer]!,
			answer2: ANSWERS2[c.answer2 ?? 0] ?? SKIPPED,
			groups,
			about: { ...c.about },
			channel: c.channel,
			assistance: c.assistance
		};
	};
	const first: Respondent[] = [];
	for (const c of survey.waves[0])
		for (let i = 0; i < c.count; i++) first.push({ ...person(c), id: randomUUID(), panel: null });
	const second: Respondent[] = [];
	const pairs: [string, string][] = [];
	let next = 0;
	for (const c of survey.waves[1])
		for (let i = 0; i < c.count; i++) {
			let panel: string | null = null;
			if (i < c.linked && next < first.length) {
				panel = panelCode(next);
				first[next]!.panel = panel;
				pairs.push([first[next]!.answer, ANSWERS[c.answer]!]);
				next++;
			}
			second.push({ ...person(c), id: randomUUID(), panel });
		}
	return [first, second, pairs];
}

/**
 * A survey of two questions (`feel`, agreement_5, required, strongly agree and agree positive; `help`,
 * yes_no_unsure, optional, yes positive) and two waves.
 */
export interface SmallSurvey {
	id: string;
	organisationId: string;
	question: string;
	/** option value -> id */
	options: Record<string, string>;
	question2: string;
	options2: Record<string, string>;
	waves: [Wave, Wave];
}

/**
 * An organisation under the rule, with the reader as a member in the role, and a survey whose second
 * wave is closed or open: two statements.
 */
export async function createSmallSurvey(
	engine: Engine,
	rule: (typeof RULES)[number],
	reader: string,
	role: 'forum' | 'scrutiny',
	secondOpen: boolean
): Promise<SmallSurvey> {
	const slug = `org-${randomUUID().slice(0, 8)}`;
	// a new organisation gets a rule from its min_cell_size; a rounded one is chosen after it
	const [org] = await engine.db.query<{ id: string }>(
		`with o as (
		   insert into app.organisations (slug, name, min_cell_size) values ($1, $1, $2) returning id
		 ), m as (
		   insert into app.memberships (organisation_id, user_id, role) select o.id, $3, $4::app.member_role from o
		 ), r as (
		   insert into app.disclosure_rules (organisation_id, kind, threshold, rounding_base, chosen_at)
		   select o.id, $5::app.disclosure_rule_kind, $2, $6, clock_timestamp() + interval '1 second' from o
		   where $5 <> 'under_10' and ($6 > 1 or $5 = 'nhs_england')
		 )
		 select id from o`,
		[slug, rule.threshold, reader, role, rule.kind, rule.rounding_base]
	);
	const organisationId = org!.id;
	const dates: [Date, Date][] = [
		[new Date('2024-01-10T12:00:00Z'), new Date('2024-06-30T23:30:00Z')],
		secondOpen
			? [new Date(Date.now() - 86_400_000), new Date(Date.now() + 30 * 86_400_000)]
			: [new Date('2024-07-10T12:00:00Z'), new Date('2024-12-20T12:00:00Z')]
	];
	const [row] = await engine.db.query<{
		survey: string;
		question: string;
		options: Record<string, string>;
		question2: string;
		options2: Record<string, string>;
		waves: string[];
	}>(
		`with s as (
		   insert into app.surveys (organisation_id, slug, title, audience, introduction)
		   values ($1, $2, $2, 'parent_carers', 'Tell us how it is going.') returning id
		 ), q as (
		   insert into app.questions (organisation_id, survey_id, key, position, kind, prompt, required)
		   select $1, s.id, 'feel', 1, 'agreement_5', 'I feel listened to.', true from s returning id
		 ), o as (
		   insert into app.question_options (organisation_id, question_id, value, label, is_positive, position)
		   select $1, q.id, v.value, v.value, v.position <= 2, v.position
		   from q cross join unnest($3::text[]) with ordinality as v(value, position)
		   returning id, value
		 ), q2 as (
		   insert into app.questions (organisation_id, survey_id, key, position, kind, prompt, required)
		   select $1, s.id, 'help', 2, 'yes_no_unsure', 'I get the help I need.', false from s returning id
		 ), o2 as (
		   insert into app.question_options (organisation_id, question_id, value, label, is_positive, position)
		   select $1, q2.id, v.value, v.value, v.position = 1, v.position
		   from q2 cross join unnest($6::text[]) with ordinality as v(value, position)
		   returning id, value
		 ), w as (
		   insert into app.waves (organisation_id, survey_id, slug, kind, label, opens_at, closes_at)
		   select $1, s.id, $2 || '-' || x.i, (case when x.i = 1 then 'baseline' else 'repeat' end)::app.wave_kind,
		          'Wave ' || x.i, x.opens_at, x.closes_at
		   from s cross join unnest($4::timestamptz[], $5::timestamptz[]) with ordinality as x(opens_at, closes_at, i)
		   returning id, opens_at
		 )
		 select (select id from s) as survey, (select id from q) as question,
		        (select jsonb_object_agg(value, id) from o) as options,
		        (select id from q2) as question2, (select jsonb_object_agg(value, id) from o2) as options2,
		        (select array_agg(id order by opens_at) from w) as waves`,
		[
			organisationId,
			`survey-${randomUUID().slice(0, 8)}`,
			[...ANSWERS],
			dates.map(([o]) => o.toISOString()),
			dates.map(([, c]) => c.toISOString()),
			[...ANSWERS2]
		]
	);
	const wave = (i: number): Wave => ({
		id: row!.waves[i]!,
		slug: '',
		opensAt: dates[i]![0],
		closesAt: dates[i]![1]
	});
	return {
		id: row!.survey,
		organisationId,
		question: row!.question,
		options: row!.options,
		question2: row!.question2,
		options2: row!.options2,
		waves: [wave(0), wave(1)]
	};
}

/** Writes both waves' respondents and their answers in one transaction, counted by app.count_response. */
export async function writeWaves(engine: Engine, survey: SmallSurvey, people: [Respondent[], Respondent[]]) {
	const rows = people.flatMap((wave, i) =>
		wave.map((p) => ({
			id: p.id,
			wave: survey.waves[i]!.id,
			at: new Date(survey.waves[i]!.opensAt.getTime() + 60_000).toISOString(),
			about: p.about,
			channel: p.channel,
			assistance: p.assistance,
			panel: p.panel,
			option: survey.options[p.answer],
			option2: survey.options2[p.answer2 ?? ANSWERS2[0]] ?? null
		}))
	);
	if (rows.length === 0) return;
	await engine.db.transaction(async (tx) => {
		await tx.query(
			`insert into app.responses (id, organisation_id, wave_id, about, channel, assistance, panel_code, submitted_at)
			 select x.id, $1, x.wave, x.about, x.channel::app.response_channel, x.assistance::app.response_assistance,
			        x.panel, x.at
			 from jsonb_to_recordset($2::text::jsonb)
			   as x(id uuid, wave uuid, at timestamptz, about jsonb, channel text, assistance text, panel text)`,
			[survey.organisationId, JSON.stringify(rows)]
		);
		await tx.query(
			`insert into app.answers (organisation_id, response_id, question_id, option_id)
			 select $1, x.id, $2, x.option
			 from jsonb_to_recordset($3::text::jsonb) as x(id uuid, option uuid)`,
			[survey.organisationId, survey.question, JSON.stringify(rows)]
		);
		await tx.query(
			`insert into app.answers (organisation_id, response_id, question_id, option_id)
			 select $1, x.id, $2, x.option2
			 from jsonb_to_recordset($3::text::jsonb) as x(id uuid, option2 uuid)
			 where x.option2 is not null`,
			[survey.organisationId, survey.question2, JSON.stringify(rows)]
		);
		await tx.query(
			'select count(app.count_response(r.id)) from app.responses r where r.wave_id = any ($1::uuid[])',
			[survey.waves.map((w) => w.id)]
		);
	});
}

/** Everything a restricted member fetches about one survey's two questions and its two waves. */
export interface Fetched {
	tables: [PublishedTable, PublishedTable];
	/** the second question's tables */
	tables2: [PublishedTable, PublishedTable];
	journey: PublishedJourney;
	responses: { responses: number | null; responses_symbol: string | null }[];
}

export async function fetchAsReader(client: Client, survey: SmallSurvey): Promise<Fetched> {
	const waves = survey.waves;
	const call = async <T>(fn: string, args: Record<string, unknown>): Promise<T> => {
		const { data, error } = await client.rpc(fn as never, args as never);
		if (error) throw new Error(`${fn}: ${error.message}`);
		return data as T;
	};
	const q = survey.question;
	const [t1, t2, u1, u2, journey, surveys] = await Promise.all([
		call<PublishedTable>('published_table', { p_question_id: q, p_wave_id: waves[0].id }),
		call<PublishedTable>('published_table', { p_question_id: q, p_wave_id: waves[1].id }),
		call<PublishedTable>('published_table', { p_question_id: survey.question2, p_wave_id: waves[0].id }),
		call<PublishedTable>('published_table', { p_question_id: survey.question2, p_wave_id: waves[1].id }),
		call<PublishedJourney>('panel_journey', {
			p_question_id: q,
			p_from_wave_id: waves[0].id,
			p_to_wave_id: waves[1].id
		}),
		call<
			{ id: string; waves: { id: string; responses: number | null; responses_symbol: string | null }[] }[]
		>('list_surveys', { p_organisation_id: survey.organisationId })
	]);
	const listed = surveys.find((s) => s.id === survey.id)!;
	const responses = waves.map((w) => listed.waves.find((x) => x.id === w.id)!);
	return { tables: [t1, t2], tables2: [u1, u2], journey, responses };
}
