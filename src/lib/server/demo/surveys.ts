/** The demo surveys: their wording, their questions and the dates of their waves. */

import { addDays, addMonths, waveBetween, waveFor, type WaveWindow } from './calendar';
import type { QuestionKind } from './vocabulary';

export type Audience = 'children_young_people' | 'parent_carers' | 'professionals' | 'schools_settings';

export interface QuestionDef {
	/** Stable across waves: the same key is the same question in every wave. */
	key: string;
	kind: QuestionKind;
	prompt: string;
	easyReadPrompt: string;
	helpText?: string;
	required: boolean;
	maxLength?: number;
	/** The title of the strategy priority this question is evidence for. */
	priority?: string;
	/** Shown on the same page as the question before it. */
	samePage?: boolean;
}

export interface WaveDef extends WaveWindow {
	slug: string;
}

export interface SurveyDef {
	organisation: 'northbridge' | 'eastmoor';
	slug: string;
	title: string;
	audience: Audience;
	easyRead: boolean;
	introduction: string;
	privacyNotice: string;
	questions: QuestionDef[];
	waves: WaveDef[];
}

const EHC = 'Quality and efficiency of EHC processes';
const PARTICIPATION = 'Participation and co-production';
const SPECIALIST = 'Access to specialist provision, including specialist school places';
const EARLY = 'Early identification and support';

/** Parent carers on the EHC plan process: Thurrock's written statement of action indicators. */
function ehcJourney(now: Date): SurveyDef {
	return {
		organisation: 'northbridge',
		slug: 'ehc-journey',
		title: 'Your experience of the EHC plan process',
		audience: 'parent_carers',
		easyRead: false,
		introduction: [
			'We want to hear what it has been like for your family to ask for, get or review an education, health and care (EHC) plan in Northbridge.',
			'It takes about 5 minutes. Questions marked as required need an answer; you can skip the rest.',
			'We ask these questions twice a year so that we can see whether things are getting better. We publish what families told us and what we did about it, in "You said, we did".'
		].join('\n\n'),
		privacyNotice: [
			'Who reads your answers: a small team in the Northbridge SEND service who run this survey. The Parent Carer Forum, the SEND Improvement Board and councillors see totals only, never single answers, and we hide any group too small to keep people anonymous.',
			"Your answers are anonymous. We do not ask for your name, your child's name or your address. Please do not write names in the comment box.",
			'If you enter a panel code, we use it only to link your answers with the ones you gave last time, so we can see what has changed for the same families.',
			'When we may have to act: if something you write makes us think a child or young person is at risk of harm, our safeguarding lead will read it and may need to pass it on to keep them safe.',
			"If you need help now: if a child is in danger, call 999. If you are worried about a child, you can call the NSPCC helpline on 0808 800 5000, or contact Northbridge Children's Services (the number is on the council's website).",
			'We keep survey answers for three years and then delete them.'
		].join('\n\n'),
		questions: [
			{
				key: 'fully_involved',
				kind: 'agreement_5',
				prompt: 'I felt fully involved in the EHC plan process',
				easyReadPrompt: 'People asked what I think, and listened, when they wrote the plan.',
				required: true,
				priority: PARTICIPATION
			},
			{
				key: 'communication_good',
				samePage: true,
				kind: 'agreement_5',
				prompt: 'Communication with the SEND team was good',
				easyReadPrompt: 'The SEND team kept me up to date and answered my questions.',
				required: true,
				priority: EHC
			},
			{
				key: 'plan_reflects_needs',
				samePage: true,
				kind: 'agreement_5',
				prompt: "The EHC plan reflects my child's needs",
				easyReadPrompt: 'The plan says what my child needs.',
				helpText: 'If the plan is still a draft, answer about the draft.',
				required: true,
				priority: EHC
			},
			{
				key: 'outcomes_clear',
				samePage: true,
				kind: 'agreement_5',
				prompt: 'The outcomes in the plan are clear',
				easyReadPrompt: 'I understand what the plan wants my child to achieve.',
				required: true,
				priority: EHC
			},
			{
				key: 'provision_meets_needs',
				samePage: true,
				kind: 'agreement_5',
				prompt: "The support in the plan will meet my child's needs",
				easyReadPrompt: 'The help in the plan is the right help for my child.',
				required: true,
				priority: SPECIALIST
			},
			{
				key: 'annual_review_on_time',
				kind: 'yes_no_unsure',
				prompt: "Did your child's last annual review happen on time?",
				easyReadPrompt: 'Was the yearly meeting about the plan on time?',
				helpText:
					'An annual review should happen within 12 months of the plan or the last review. Skip this if your child does not have a plan yet.',
				required: false,
				priority: EHC
			},
			{
				key: 'what_would_help',
				samePage: true,
				kind: 'free_text',
				prompt: 'What one thing would have made the process better for your family?',
				easyReadPrompt: 'What would have made it better?',
				helpText: 'Please do not include names.',
				required: false,
				maxLength: 1000
			}
		],
		waves: [
			{ slug: 'ehc-journey-baseline', ...waveFor('baseline', addMonths(now, -13), 6) },
			{ slug: 'ehc-journey-repeat-1', ...waveFor('repeat', addMonths(now, -7), 6) },
			{ slug: 'ehc-journey-repeat-2', ...waveBetween('repeat', addDays(now, -21), addDays(now, 42)) }
		]
	};
}

/** Children and young people, easy read. */
function mySay(now: Date): SurveyDef {
	return {
		organisation: 'northbridge',
		slug: 'my-say',
		title: 'My say about school and college',
		audience: 'children_young_people',
		easyRead: true,
		introduction: [
			'This is about you.',
			'We want to know what school or college is like for you.',
			'There are no right or wrong answers.',
			'You can ask someone to help you. You can stop at any time.'
		].join('\n\n'),
		privacyNotice: [
			'We do not ask your name.',
			'Only a few people at the council read what you write.',
			'If you tell us someone is hurting you, or you are not safe, we will tell a person whose job is to keep children safe.',
			'If you need help now, talk to an adult you trust. You can call Childline on 0800 1111. It is free.'
		].join('\n\n'),
		questions: [
			{
				key: 'feel_listened_to',
				kind: 'faces_3',
				prompt: 'Do adults at school listen to you?',
				easyReadPrompt: 'Do adults at school listen to you?',
				required: false,
				priority: PARTICIPATION
			},
			{
				key: 'feel_safe',
				kind: 'faces_3',
				prompt: 'Do you feel safe at school?',
				easyReadPrompt: 'Do you feel safe at school?',
				required: false
			},
			{
				key: 'help_when_needed',
				kind: 'faces_3',
				prompt: 'Do you get help when you need it?',
				easyReadPrompt: 'Do you get help when you need it?',
				required: false,
				priority: EARLY
			},
			{
				key: 'one_thing',
				kind: 'free_text',
				prompt: 'What is one thing that would make school or college better for you?',
				easyReadPrompt: 'One thing that would make school better:',
				required: false,
				maxLength: 500
			}
		],
		waves: [
			{ slug: 'my-say-baseline', ...waveFor('baseline', addMonths(now, -8), 6) },
			{ slug: 'my-say-repeat-1', ...waveBetween('repeat', addDays(now, -28), addDays(now, 35)) }
		]
	};
}

/** Schools and settings on the plans they receive; its first wave has not opened yet. */
function settingsVoice(now: Date): SurveyDef {
	return {
		organisation: 'northbridge',
		slug: 'settings-voice',
		title: 'EHC plans: the view from schools and settings',
		audience: 'schools_settings',
		easyRead: false,
		introduction: [
			'For SENCOs and leaders of early years settings, schools and colleges in Northbridge.',
			'Tell us about the EHC plans, new or amended, that your setting received this term. It takes about 3 minutes, and you can answer once for each plan.'
		].join('\n\n'),
		privacyNotice: [
			'The SEND quality assurance team reads the answers. We do not ask which child a plan is for, and we never name a setting in anything we publish.',
			"If something you write makes us think a child is at risk of harm, our safeguarding lead will read it and follow Northbridge's safeguarding procedures. If a child is in immediate danger, call 999."
		].join('\n\n'),
		questions: [
			{
				key: 'plan_reflects_needs',
				kind: 'agreement_5',
				prompt: 'The EHC plan accurately reflects the needs of the child or young person',
				easyReadPrompt: 'The plan says what the child needs.',
				required: true,
				priority: EHC
			},
			{
				key: 'outcomes_clear',
				kind: 'agreement_5',
				prompt: 'The outcomes in the plan are clear',
				easyReadPrompt: 'The plan says clearly what the child should achieve.',
				required: true,
				priority: EHC
			},
			{
				key: 'improves_access',
				kind: 'agreement_5',
				prompt:
					"The plan will improve the child or young person's access to teaching and learning, and their progress",
				easyReadPrompt: 'The plan will help the child learn.',
				required: true,
				priority: EHC
			}
		],
		waves: [{ slug: 'settings-voice-baseline', ...waveFor('baseline', addDays(now, 35), 6) }]
	};
}

/** Eastmoor's one small survey: data Northbridge's people must never see. */
function eastmoorShortBreaks(now: Date): SurveyDef {
	return {
		organisation: 'eastmoor',
		slug: 'eastmoor-short-breaks',
		title: 'Short breaks in Eastmoor',
		audience: 'parent_carers',
		easyRead: false,
		introduction: 'Tell us whether short breaks give your family the support you need. It takes 2 minutes.',
		privacyNotice:
			'Your answers are anonymous and read by the Eastmoor short breaks team. If you tell us a child is at risk of harm, our safeguarding lead will act on it. If a child is in danger, call 999.',
		questions: [
			{
				key: 'breaks_help',
				kind: 'agreement_5',
				prompt: 'Short breaks give our family the rest and support we need',
				easyReadPrompt: 'Short breaks help our family.',
				required: true,
				priority: 'Short breaks and support for families'
			},
			{
				key: 'know_how_to_ask',
				kind: 'yes_no_unsure',
				prompt: 'Do you know how to ask for a short break?',
				easyReadPrompt: 'Do you know how to ask for a short break?',
				required: false,
				priority: 'Short breaks and support for families'
			}
		],
		waves: [{ slug: 'eastmoor-short-breaks-baseline', ...waveFor('baseline', addMonths(now, -4), 6) }]
	};
}

export function demoSurveys(now: Date) {
	return {
		ehcJourney: ehcJourney(now),
		mySay: mySay(now),
		settingsVoice: settingsVoice(now),
		eastmoorShortBreaks: eastmoorShortBreaks(now)
	};
}
