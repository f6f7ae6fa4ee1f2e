/** What api.survey_for_respondent returns, declared once in ./types (zod) and re-exported here. */

export type {
	AboutDimension,
	RespondentOption,
	RespondentQuestion,
	RespondentSurvey,
	SurveyLanguage
} from './types';
