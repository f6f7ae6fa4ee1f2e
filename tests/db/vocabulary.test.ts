/**
 * The glossary's words are defined once in TypeScript (src/lib/domain) and once in the database (its
 * enums and check constraints). This suite holds the two to the same values, so that a new kind,
 * channel or role added on one side only fails here, not in front of a user.
 */
import { describe, expect, it } from 'vitest';
import {
	ACTIVITY_KINDS,
	AUDIENCES,
	ASSISTANCE,
	CHANNELS,
	codes,
	DECISION_STATUSES,
	DIRECTIONS,
	FEEDBACK_CHANNELS,
	SAFEGUARDING_ACTIONS,
	SENTIMENTS,
	MEMBER_ROLES,
	PARTICIPATION_LEVELS,
	QUESTION_KINDS,
	WAVE_KINDS,
	WAVE_SOURCES,
	WAVE_STATUSES,
	type Term
} from '$lib/domain';
import { forEachEngine, type Engine } from './engines';

const ENUMS: [string, readonly Term[]][] = [
	['app.member_role', MEMBER_ROLES],
	['app.survey_audience', AUDIENCES],
	['app.wave_kind', WAVE_KINDS],
	['app.question_kind', QUESTION_KINDS],
	['app.response_channel', CHANNELS],
	['app.response_assistance', ASSISTANCE]
];

/** The values a check constraint `column in ('a', 'b')` allows, read from the catalogue. */
async function allowed(engine: Engine, table: string, column: string): Promise<string[]> {
	const rows = await engine.db.query<{ def: string }>(
		`select pg_get_constraintdef(c.oid) as def
		   from pg_constraint c
		  where c.conrelid = $1::regclass and c.contype = 'c' and pg_get_constraintdef(c.oid) like $2`,
		[table, `%${column}%ANY%`]
	);
	expect(rows, `a check constraint on ${table}.${column}`).toHaveLength(1);
	return [...rows[0]!.def.matchAll(/'([^']*)'::text/g)].map((m) => m[1]!);
}

forEachEngine('the vocabulary: TypeScript and the database list the same values', (engine) => {
	for (const [type, terms] of ENUMS) {
		it(`${type} has exactly the values of its TypeScript list`, async () => {
			const rows = await engine.db.query<{ value: string }>(
				`select e.enumlabel as value from pg_enum e where e.enumtypid = $1::regtype order by e.enumsortorder`,
				[type]
			);
			expect(rows.map((r) => r.value).sort()).toEqual(codes(terms).sort());
		});
	}

	it('app.waves.source and app.survey_languages.direction allow exactly their TypeScript values', async () => {
		expect((await allowed(engine, 'app.waves', 'source')).sort()).toEqual(codes(WAVE_SOURCES).sort());
		expect((await allowed(engine, 'app.survey_languages', 'direction')).sort()).toEqual(
			codes(DIRECTIONS).sort()
		);
	});

	it('feedback channels, sentiments and safeguarding actions allow exactly their TypeScript values', async () => {
		expect((await allowed(engine, 'app.feedback', 'channel')).sort()).toEqual(
			codes(FEEDBACK_CHANNELS).sort()
		);
		expect((await allowed(engine, 'app.feedback', 'sentiment')).sort()).toEqual(codes(SENTIMENTS).sort());
		expect((await allowed(engine, 'app.safeguarding_flags', 'action')).sort()).toEqual(
			codes(SAFEGUARDING_ACTIONS).sort()
		);
	});

	it('decision statuses, participation levels and activity kinds allow exactly their TypeScript values', async () => {
		expect((await allowed(engine, 'app.decisions', 'status')).sort()).toEqual(
			codes(DECISION_STATUSES).sort()
		);
		expect((await allowed(engine, 'app.decisions', 'participation')).sort()).toEqual(
			codes(PARTICIPATION_LEVELS).sort()
		);
		expect((await allowed(engine, 'app.engagement_activities', 'participation')).sort()).toEqual(
			codes(PARTICIPATION_LEVELS).sort()
		);
		expect((await allowed(engine, 'app.engagement_activities', 'kind')).sort()).toEqual(
			codes(ACTIVITY_KINDS).sort()
		);
	});

	it('the API reports wave statuses only from the TypeScript list, each of them', async () => {
		const org = await engine.createOrganisation();
		const lead = await engine.createMember(org, 'lead');
		await engine.createSurvey(org, { waves: ['closed', 'open', 'future'] });
		const client = await engine.signInAs(lead);
		const { data, error } = await client.rpc('list_surveys', { p_organisation_id: org.id });
		expect(error).toBeNull();
		const statuses = (data as unknown as { waves: { status: string }[] }[]).flatMap((s) =>
			s.waves.map((w) => w.status)
		);
		expect(statuses.sort()).toEqual(codes(WAVE_STATUSES).sort());
	});
});

describe('the vocabulary itself', () => {
	it('has no value twice and a label for each', () => {
		for (const terms of [
			...ENUMS.map(([, t]) => t),
			WAVE_STATUSES,
			WAVE_SOURCES,
			DIRECTIONS,
			FEEDBACK_CHANNELS,
			SENTIMENTS,
			SAFEGUARDING_ACTIONS
		]) {
			expect(new Set(codes(terms)).size).toBe(terms.length);
			for (const t of terms) expect(t.label.trim()).not.toBe('');
		}
	});
});
