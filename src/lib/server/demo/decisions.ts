/**
 * Northbridge's "you said, we did": the test questions of its strategy (Essex's, word for word), a
 * few engagement activities, and five decisions filed under its priorities with the comments, survey
 * indicators and activities behind them. Four are published; one is still a proposal. One decision
 * rests on so few comments that the public page hides the number ([c]). The comments behind each
 * decision are tagged with its priority, so that they flow from feedback to decisions on /impact.
 *
 * Written after the responses (their comments are the evidence), in SQL only, so that the same `now`
 * gives the same rows on both engines: comments are chosen by their words, in a fixed order.
 */
import type { Queryable } from '../platform/db/types';

/** Essex SEND strategy 2021, "Test questions and golden threads" (its own spelling corrected). */
export const DEMO_TEST_QUESTIONS = [
	'Will this decision make things more equal?',
	'Is this the best we can do?',
	'Will this decision help to make things more inclusive?'
];

interface DemoActivity {
	key: string;
	title: string;
	daysAgo: number;
	kind: string;
	participation: string;
	phase: string | null;
	tookPart: Record<string, number>;
}

const ACTIVITIES: DemoActivity[] = [
	{
		key: 'forum',
		title: 'Parent Carer Forum workshop on the EHC process',
		daysAgo: 280,
		kind: 'forum',
		participation: 'co_production',
		phase: null,
		tookPart: { parent_carers: 18, professionals: 6 }
	},
	{
		key: 'inspectors',
		title: 'Young Inspectors visit to a secondary school',
		daysAgo: 200,
		kind: 'young_inspectors',
		participation: 'co_design',
		phase: 'secondary',
		tookPart: { children_young_people: 8 }
	},
	{
		key: 'week',
		title: 'Feedback week in primary schools',
		daysAgo: 120,
		kind: 'feedback_week',
		participation: 'consultation',
		phase: 'primary',
		tookPart: { children_young_people: 140, parent_carers: 35 }
	},
	{
		key: 'post16',
		title: 'Post-16 focus group',
		daysAgo: 60,
		kind: 'focus_group',
		participation: 'engagement',
		phase: 'post_16',
		tookPart: { children_young_people: 7, parent_carers: 5 }
	}
];

interface DemoDecision {
	/** the priority's position in Northbridge's strategy */
	priority: number;
	youSaid: string;
	weDid: string | null;
	status: string;
	reason?: string;
	decidedBy: string;
	daysAgo: number;
	owner: string;
	participation: string;
	answers: (string | null)[];
	/** comments whose text holds any of these words (case-insensitive), at most `limit` of them */
	words: string[];
	limit: number;
	/** survey slug / question key */
	indicators: string[];
	activities: string[];
	published: boolean;
}

const DECISIONS: DemoDecision[] = [
	{
		priority: 2,
		youSaid:
			'It took too long to hear back from the SEND team, and families had to explain everything again to each new caseworker.',
		weDid:
			'Every family now has one named caseworker from the start, and the SEND team answers emails within five working days.',
		status: 'done',
		decidedBy: 'SEND Improvement Board',
		daysAgo: 240,
		owner: 'Head of SEND casework',
		participation: 'co_production',
		answers: ['Yes: families who cannot chase get the same answer times.', 'Yes, for now.', null],
		words: ['caseworker', 'any answer', 'nobody could tell', 'rings out'],
		limit: 60,
		indicators: ['ehc-journey/communication_good'],
		activities: ['forum'],
		published: true
	},
	{
		priority: 2,
		youSaid: 'Letters arrive late, are hard to understand, and are only sent by post.',
		weDid:
			'We rewrote our letters with the Parent Carer Forum, and now send plans and letters by email as well as by post.',
		status: 'in_progress',
		decidedBy: 'SEND Improvement Board',
		daysAgo: 150,
		owner: 'SEND business support manager',
		participation: 'co_design',
		answers: [
			null,
			'Not yet: we are testing the new letters with families.',
			'Yes: easier words help everyone.'
		],
		words: ['letter', 'interpreter', 'explained'],
		limit: 40,
		indicators: ['ehc-journey/communication_good'],
		activities: ['forum'],
		published: true
	},
	{
		priority: 5,
		youSaid:
			'Planning for life after school starts too late, and young people are not asked what they want for their future.',
		weDid:
			'From September, every annual review from Year 9 asks the young person about their hopes for work, college and living, in their own words.',
		status: 'agreed',
		decidedBy: 'Preparing for Adulthood Board',
		daysAgo: 45,
		owner: 'Preparing for adulthood lead',
		participation: 'engagement',
		answers: ['Yes.', null, 'Yes: young people with the most complex needs are asked too.'],
		words: ['after college', 'adulthood', 'post-16', 'job after college'],
		limit: 40,
		indicators: [],
		activities: ['post16'],
		published: true
	},
	{
		priority: 4,
		youSaid: 'There are not enough special school places near home.',
		weDid:
			'We are adding 40 places in resourced units in mainstream schools, so more children can learn near home with specialist support.',
		status: 'not_possible',
		reason:
			'We cannot open a new special school this year: the money for new buildings is committed until 2027. We will ask again when it is next allocated.',
		decidedBy: 'Schools Forum',
		daysAgo: 90,
		owner: 'Head of SEND sufficiency',
		participation: 'consultation',
		answers: [null, 'No: it is what we can do now.', null],
		words: ['special school place'],
		limit: 6,
		indicators: ['ehc-journey/provision_meets_needs'],
		activities: [],
		published: true
	},
	{
		priority: 3,
		youSaid: 'Children want a quiet place to go when school gets too loud.',
		weDid: null,
		status: 'proposed',
		decidedBy: 'Inclusion partnership',
		daysAgo: 10,
		owner: 'Inclusion partnership lead',
		participation: 'co_design',
		answers: [null, null, null],
		words: ['quiet room', 'too loud', 'noisy', 'too busy'],
		limit: 40,
		indicators: ['my-say/feel_listened_to'],
		activities: ['inspectors', 'week'],
		published: false
	}
];

const dayOf = (now: Date, daysAgo: number) =>
	new Date(now.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);

/** Writes Northbridge's test questions, activities and decisions (if Northbridge is being seeded). */
export async function writeDecisions(db: Queryable, organisationSlug: string, now: Date): Promise<void> {
	// a schema from before decisions (tests seed the demo on earlier migrations) has none to write
	const [schema] = await db.query<{ ready: boolean }>(
		`select to_regclass('app.decisions') is not null as ready`
	);
	if (!schema?.ready) return;
	const [org] = await db.query<{ id: string }>('select id from app.organisations where slug = $1', [
		organisationSlug
	]);
	if (!org) return;
	await db.query('update app.organisations set decision_test_questions = $2 where id = $1', [
		org.id,
		DEMO_TEST_QUESTIONS
	]);
	const activityIds = new Map<string, string>();
	for (const a of ACTIVITIES) {
		const [row] = await db.query<{ id: string }>(
			`insert into app.engagement_activities (organisation_id, title, held_on, kind, participation, phase, took_part,
			                                        created_at, updated_at)
			 values ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $8) returning id`,
			[
				org.id,
				a.title,
				dayOf(now, a.daysAgo),
				a.kind,
				a.participation,
				a.phase,
				JSON.stringify(a.tookPart),
				now
			]
		);
		activityIds.set(a.key, row!.id);
	}
	for (const d of DECISIONS) {
		const decidedOn = dayOf(now, d.daysAgo);
		const at = new Date(now.getTime() - Math.max(d.daysAgo - 7, 1) * 86_400_000);
		const [row] = await db.query<{ id: string }>(
			`insert into app.decisions (organisation_id, priority_id, you_said, we_did, status, not_possible_reason,
			                            decided_by, decided_on, owner, participation, test_answers, published,
			                            published_at, created_at, updated_at)
			 values ($1, (select id from app.strategy_priorities where organisation_id = $1 and position = $2),
			         $3, $4, $5, $6, $7, $8, $9, $10, $11::text::jsonb, $12, case when $12 then $13::timestamptz end,
			         $13, $13)
			 returning id`,
			[
				org.id,
				d.priority,
				d.youSaid,
				d.weDid,
				d.status,
				d.reason ?? null,
				d.decidedBy,
				decidedOn,
				d.owner,
				d.participation,
				JSON.stringify(
					DEMO_TEST_QUESTIONS.map((question, i) => ({ question, answer: d.answers[i] ?? null }))
				),
				d.published,
				at
			]
		);
		const id = row!.id;
		await db.query(
			`insert into app.decision_evidence (organisation_id, decision_id, kind, feedback_id, added_at)
			 select $1, $2, 'feedback', f.id, $5
			   from app.feedback f
			  where f.organisation_id = $1 and not f.held
			    and exists (select 1 from unnest($3::text[]) w where f.body ilike '%' || w || '%')
			  order by f.body collate "C", f.response_id, f.id
			  limit $4`,
			[org.id, id, d.words, d.limit, at]
		);
		// the comments behind a decision were tagged with its priority before they were linked
		await db.query(
			`insert into app.feedback_priorities (feedback_id, priority_id, organisation_id)
			 select e.feedback_id, d.priority_id, d.organisation_id
			   from app.decision_evidence e join app.decisions d on d.id = e.decision_id
			  where e.decision_id = $1 and e.feedback_id is not null and d.priority_id is not null
			 on conflict do nothing`,
			[id]
		);
		for (const key of d.indicators) {
			const [slug, question] = key.split('/');
			await db.query(
				`insert into app.decision_evidence (organisation_id, decision_id, kind, question_id, added_at)
				 select $1, $2, 'indicator', q.id, $5 from app.questions q join app.surveys s on s.id = q.survey_id
				  where s.organisation_id = $1 and s.slug = $3 and q.key = $4`,
				[org.id, id, slug, question, at]
			);
		}
		for (const key of d.activities) {
			await db.query(
				`insert into app.decision_evidence (organisation_id, decision_id, kind, activity_id, added_at)
				 values ($1, $2, 'activity', $3, $4)`,
				[org.id, id, activityIds.get(key), at]
			);
		}
	}
}
