/** What api.survey_for_respondent returns, declared once in ./types (zod) and re-exported here. */
import type { QuestionKind } from './types';

export type {
	AboutDimension,
	QuestionKind,
	RespondentOption,
	RespondentQuestion,
	RespondentSurvey,
	SurveyLanguage,
	WaveStatus
} from './types';

export const CHOICE_KINDS: readonly QuestionKind[] = [
	'agreement_5',
	'faces_3',
	'yes_no_unsure',
	'single_choice',
	'rating_0_10'
];

export const ASSISTANCE = [
	{ value: 'own', label: 'I am answering on my own' },
	{ value: 'helped', label: 'Someone is helping me answer' },
	{ value: 'on_behalf', label: 'I am answering for someone else' }
] as const;
