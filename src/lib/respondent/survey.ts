/** What api.survey_for_respondent returns, declared once in ./types (zod) and re-exported here. */

export type {
	AboutDimension,
	RespondentOption,
	RespondentQuestion,
	RespondentSurvey,
	SurveyForRespondent,
	SurveyLanguage,
	UnlaunchedSurvey
} from './types';
import type { SurveyForRespondent, UnlaunchedSurvey } from './types';

/**
 * A survey none of whose waves has opened yet, as anyone but its builders gets it: only when it
 * opens (no questions, introduction, privacy notice or closing date).
 */
export function isUnlaunched(survey: SurveyForRespondent): survey is UnlaunchedSurvey {
	return !('questions' in survey);
}
