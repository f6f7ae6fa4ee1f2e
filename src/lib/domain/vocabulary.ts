/**
 * The glossary's words, defined once: what the database stores (each list's `value`s are exactly
 * the values of its enum or check constraint; tests/db/vocabulary.test.ts compares them) and how
 * staff pages name them. Respondent pages take their words from the respondent catalogues
 * (src/lib/respondent/messages.ts), which are translated; these are the staff side's English.
 */

/** A word of the glossary: the code the database keeps, and its label on staff pages. */
export interface Term<V extends string = string> {
	readonly value: V;
	readonly label: string;
}

type Values<T extends readonly Term[]> = T[number]['value'];

/** The codes of a list of terms, as a non-empty tuple (what z.enum wants). */
export function codes<T extends readonly Term[]>(terms: T): [Values<T>, ...Values<T>[]] {
	return terms.map((t) => t.value) as [Values<T>, ...Values<T>[]];
}

/** The label of a code in a list of terms; the code itself for one the list does not know. */
export function labelOf(terms: readonly Term[], value: string): string {
	return terms.find((t) => t.value === value)?.label ?? value;
}

/** app.question_kind: how a question is answered. */
export const QUESTION_KINDS = [
	{
		value: 'agreement_5',
		label: 'Agree or disagree (five points)',
		hint: 'Strongly agree to strongly disagree.'
	},
	{ value: 'faces_3', label: 'Three faces', hint: 'Happy, okay, sad: for young children and easy read.' },
	{ value: 'yes_no_unsure', label: 'Yes, no or not sure', hint: '' },
	{ value: 'single_choice', label: 'One choice', hint: 'People choose one of your options.' },
	{ value: 'multi_choice', label: 'Several choices', hint: 'People choose any of your options.' },
	{ value: 'rating_0_10', label: 'Rating from 0 to 10', hint: '' },
	{ value: 'number', label: 'A number', hint: 'With a smallest and largest if you like.' },
	{ value: 'free_text', label: 'Free text', hint: 'In their own words, with a length limit.' }
] as const;
export type QuestionKind = Values<typeof QUESTION_KINDS>;

/** Kinds whose options are the standard set of the kind (api.standard_options), not the author's. */
export const STANDARD_OPTION_KINDS: readonly QuestionKind[] = [
	'agreement_5',
	'faces_3',
	'yes_no_unsure',
	'rating_0_10'
];
/** Kinds whose options the survey's author writes. */
export const OWN_OPTION_KINDS: readonly QuestionKind[] = ['single_choice', 'multi_choice'];
/** Kinds answered by choosing exactly one option (radio buttons). */
export const ONE_OPTION_KINDS: readonly QuestionKind[] = [...STANDARD_OPTION_KINDS, 'single_choice'];
/** Kinds answered with options at all (one or several). */
export const OPTION_KINDS: readonly QuestionKind[] = [...ONE_OPTION_KINDS, 'multi_choice'];

/** app.survey_audience: who a survey is for. */
export const AUDIENCES = [
	{ value: 'parent_carers', label: 'Parent carers' },
	{ value: 'children_young_people', label: 'Children and young people' },
	{ value: 'professionals', label: 'Professionals' },
	{ value: 'schools_settings', label: 'Schools and settings' }
] as const;
export type Audience = Values<typeof AUDIENCES>;

/** app.wave_kind: the first measurement, or one repeated to compare with it. */
export const WAVE_KINDS = [
	{
		value: 'baseline',
		label: 'Baseline',
		hint: 'The first wave: later waves are compared with it. A survey has one.'
	},
	{
		value: 'repeat',
		label: 'Repeat',
		hint: 'Asks the same questions again, to show the direction of travel.'
	}
] as const;
export type WaveKind = Values<typeof WAVE_KINDS>;

/** A wave's status, worked out from its dates by the API (never stored). */
export const WAVE_STATUSES = [
	{ value: 'open', label: 'Open' },
	{ value: 'closed', label: 'Closed' },
	{ value: 'not_yet_open', label: 'Not open yet' }
] as const;
export type WaveStatus = Values<typeof WAVE_STATUSES>;

/** app.response_channel: how a response reached the organisation. */
export const CHANNELS = [
	{ value: 'online', label: 'Online' },
	{ value: 'easy_read', label: 'Online, in easy read' },
	{ value: 'paper', label: 'On paper' },
	{ value: 'event', label: 'At an event' },
	{ value: 'phone', label: 'By phone' },
	{ value: 'focus_group', label: 'In a focus group' },
	{ value: 'import', label: 'Imported from a file' }
] as const;
export type Channel = Values<typeof CHANNELS>;
/** The channels a member of staff chooses when typing in a response given another way. */
export const ENTERED_CHANNELS = CHANNELS.filter(
	(c): c is Extract<(typeof CHANNELS)[number], { value: 'paper' | 'event' | 'phone' | 'focus_group' }> =>
		c.value === 'paper' || c.value === 'event' || c.value === 'phone' || c.value === 'focus_group'
);

/**
 * app.response_assistance: who gave the answers. The labels are staff's (third person); the
 * respondent is asked in the first person, in their language (messages.assistance).
 */
export const ASSISTANCE = [
	{ value: 'own', label: 'On their own' },
	{ value: 'helped', label: 'With help from a parent, carer or worker' },
	{ value: 'on_behalf', label: 'By someone on their behalf' }
] as const;
export type Assistance = Values<typeof ASSISTANCE>;

/** app.waves.source: answers given here, or totals of a wave run on another tool. */
export const WAVE_SOURCES = [
	{ value: 'responses', label: 'Responses' },
	{ value: 'aggregate', label: 'Totals from another tool' }
] as const;
export type WaveSource = Values<typeof WAVE_SOURCES>;

/** app.survey_languages.direction: the direction a language is written in. */
export const DIRECTIONS = [
	{ value: 'ltr', label: 'Left to right' },
	{ value: 'rtl', label: 'Right to left' }
] as const;
export type Direction = Values<typeof DIRECTIONS>;

/**
 * app.feedback.channel: where a piece of feedback was given. A survey's items carry their response's
 * channel (CHANNELS); staff add the others by hand (ADDED_FEEDBACK_CHANNELS).
 */
export const FEEDBACK_CHANNELS = [
	...CHANNELS,
	{ value: 'forum', label: 'At a forum' },
	{ value: 'youth_cabinet', label: 'Youth Cabinet' },
	{ value: 'school_council', label: 'A school council' },
	{ value: 'young_inspectors', label: 'Young Inspectors' },
	{ value: 'feedback_week', label: 'A feedback week' },
	{ value: 'mind_of_my_own', label: 'Mind of My Own' },
	{ value: 'email', label: 'By email' },
	{ value: 'other', label: 'Another way' }
] as const;
export type FeedbackChannel = Values<typeof FEEDBACK_CHANNELS>;
const ADDED = [
	'event',
	'forum',
	'focus_group',
	'youth_cabinet',
	'school_council',
	'young_inspectors',
	'feedback_week',
	'mind_of_my_own',
	'phone',
	'email',
	'paper',
	'other'
] as const;
/** The channels a member of staff chooses when adding feedback by hand (api.add_feedback). */
export const ADDED_FEEDBACK_CHANNELS = FEEDBACK_CHANNELS.filter(
	(c): c is Extract<(typeof FEEDBACK_CHANNELS)[number], { value: (typeof ADDED)[number] }> =>
		(ADDED as readonly string[]).includes(c.value)
);

/** app.feedback.sentiment: how a comment feels, as staff tag it. */
export const SENTIMENTS = [
	{ value: 'positive', label: 'Positive' },
	{ value: 'mixed', label: 'Mixed' },
	{ value: 'neutral', label: 'Neutral' },
	{ value: 'negative', label: 'Negative' }
] as const;
export type Sentiment = Values<typeof SENTIMENTS>;

/** app.safeguarding_flags.action: what the safeguarding lead did, recorded when a flag is closed. */
export const SAFEGUARDING_ACTIONS = [
	{ value: 'referred_childrens_services', label: "Referred to children's services" },
	{ value: 'referred_police', label: 'Referred to the police' },
	{ value: 'passed_to_school', label: "Passed to the school's designated safeguarding lead" },
	{ value: 'already_known', label: 'Already known and being acted on' },
	{ value: 'no_concern', label: 'No concern' },
	{ value: 'other', label: 'Something else (say what in the note)' }
] as const;
export type SafeguardingAction = Values<typeof SAFEGUARDING_ACTIONS>;

/** app.decisions.status: where a decision has got to. Not possible needs the reason. */
export const DECISION_STATUSES = [
	{ value: 'proposed', label: 'Proposed', easy: 'We are thinking about it' },
	{ value: 'agreed', label: 'Agreed', easy: 'We said yes' },
	{ value: 'in_progress', label: 'In progress', easy: 'We are doing it now' },
	{ value: 'done', label: 'Done', easy: 'We have done it' },
	{ value: 'not_possible', label: 'Not possible', easy: 'We cannot do it' }
] as const;
export type DecisionStatus = Values<typeof DECISION_STATUSES>;

/**
 * The participation ladder (app.decisions.participation, app.engagement_activities.participation):
 * the level of people's involvement, as the strategies use it (Thurrock's "doing with", "doing for",
 * "doing to").
 */
export const PARTICIPATION_LEVELS = [
	{ value: 'co_production', label: 'Co-production', hint: 'Doing with: equal partners from the start.' },
	{ value: 'co_design', label: 'Co-design', hint: 'Doing with: designed together.' },
	{ value: 'engagement', label: 'Engagement', hint: 'Doing for: asked and involved along the way.' },
	{ value: 'consultation', label: 'Consultation', hint: 'Doing for: asked for views on a plan.' },
	{ value: 'informing', label: 'Informing', hint: 'Doing to: told what is happening.' }
] as const;
export type ParticipationLevel = Values<typeof PARTICIPATION_LEVELS>;

/** app.engagement_activities.kind */
export const ACTIVITY_KINDS = [
	{ value: 'event', label: 'Event' },
	{ value: 'forum', label: 'Forum' },
	{ value: 'focus_group', label: 'Focus group' },
	{ value: 'young_inspectors', label: 'Young Inspectors' },
	{ value: 'feedback_week', label: 'Feedback week' },
	{ value: 'other', label: 'Something else' }
] as const;
export type ActivityKind = Values<typeof ACTIVITY_KINDS>;

/** The groups counted in an activity's numbers taking part (keys of app.engagement_activities.took_part). */
export const TOOK_PART_GROUPS = [
	{ value: 'children_young_people', label: 'Children and young people' },
	{ value: 'parent_carers', label: 'Parent carers' },
	{ value: 'professionals', label: 'Professionals' },
	{ value: 'others', label: 'Others' }
] as const;
export type TookPartGroup = Values<typeof TOOK_PART_GROUPS>;

/** The stages of education an activity can be for (the about-you phase codes). */
export const PHASES = [
	{ value: 'early_years', label: 'Early years (under 5)' },
	{ value: 'primary', label: 'Primary school' },
	{ value: 'secondary', label: 'Secondary school' },
	{ value: 'post_16', label: 'Post-16 (16 to 25)' }
] as const;
