import { z } from 'zod';
import { waveKind } from '$lib/domain/schemas';
import type { MemberRole } from '$lib/domain';

/**
 * Indicator definitions (supabase/migrations/20261208100100_indicator_definitions.sql): what
 * api.list_indicators, api.save_indicator and api.retire_indicator return, and the form that saves one.
 *
 * A question with positive options and no saved definition is a *default indicator* (`defined` false):
 * labelled with its prompt, under the question's priority, with the survey's first baseline wave, higher is
 * better, no target. Which answers count as positive stays on the question's options (the builder).
 */

/** Who may create, change and retire indicators; everyone else reads the list only. */
export const INDICATOR_EDITORS: readonly MemberRole[] = ['admin', 'lead'];

export function mayEditIndicators(roles: readonly string[]): boolean {
	return roles.some((r) => (INDICATOR_EDITORS as readonly string[]).includes(r));
}

/** A row of api.list_indicators. */
export const indicatorDefinition = z.object({
	question_id: z.string(),
	indicator_id: z.string().nullable(),
	defined: z.boolean(),
	survey_id: z.string(),
	survey_slug: z.string(),
	survey_title: z.string(),
	key: z.string(),
	prompt: z.string(),
	kind: z.string(),
	label: z.string(),
	priority_id: z.string().nullable(),
	priority_title: z.string().nullable(),
	priority_position: z.number().nullable(),
	/** the baseline in effect: the chosen wave, else the survey's first baseline wave */
	baseline_wave_id: z.string().nullable(),
	baseline_wave_label: z.string().nullable(),
	/** true when a lead chose the baseline (false: the survey's own) */
	baseline_chosen: z.boolean(),
	target_percent: z.number().nullable(),
	target_date: z.string().nullable(),
	higher_is_better: z.boolean(),
	retired: z.boolean(),
	/** the labels of the answers that count as positive; empty when none are chosen any more */
	positive: z.array(z.string()),
	waves: z.array(z.object({ id: z.string(), label: z.string(), kind: waveKind }))
});
export type IndicatorDefinition = z.infer<typeof indicatorDefinition>;

export const indicatorSaved = z.object({ id: z.string(), question_id: z.string(), label: z.string() });
export const indicatorRetired = z.object({ question_id: z.string(), retired: z.boolean() });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const optionalId = (message: string) =>
	z
		.string()
		.trim()
		.default('')
		.refine((v) => v === '' || UUID.test(v), message);

export const TARGET_MESSAGE = 'A target is a share from 0% to 100%.';
export const TARGET_DATE_MESSAGE = 'Give the date the target is to be met by.';
export const TARGET_SHARE_MESSAGE = 'Give the share to reach by this date.';

/**
 * The form that defines an indicator (api.save_indicator). The same checks run in the database; this one
 * answers first and beside the field. A target is a percentage (0–100) and a date, both or neither.
 */
export const indicatorFormSchema = z
	.object({
		question_id: z
			.string()
			.trim()
			.default('')
			.refine((v) => UUID.test(v), 'Choose the question the indicator is read off.'),
		label: z
			.string()
			.trim()
			.min(1, 'Enter a label in plain words.')
			.max(200, 'Keep the label to 200 characters or fewer.')
			.default(''),
		priority_id: optionalId('Choose one of your organisation’s strategy priorities.'),
		baseline_wave_id: optionalId('Choose a wave of this indicator’s own survey.'),
		target_percent: z
			.string()
			.trim()
			.default('')
			.refine(
				(v) => v === '' || (/^\d+(\.\d+)?$/.test(v) && Number(v) >= 0 && Number(v) <= 100),
				TARGET_MESSAGE
			),
		target_date: z
			.string()
			.trim()
			.default('')
			.refine((v) => v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v), 'Enter the date like 2027-07-31.'),
		direction: z.enum(['higher', 'lower']).default('higher')
	})
	.refine((v) => !(v.target_percent !== '' && v.target_date === ''), {
		path: ['target_date'],
		message: TARGET_DATE_MESSAGE
	})
	.refine((v) => !(v.target_percent === '' && v.target_date !== ''), {
		path: ['target_percent'],
		message: TARGET_SHARE_MESSAGE
	});
export type IndicatorForm = z.infer<typeof indicatorFormSchema>;

/** The form's values for a definition (to edit it). */
export function formValues(d: IndicatorDefinition): IndicatorForm {
	return {
		question_id: d.question_id,
		label: d.label,
		priority_id: d.priority_id ?? '',
		baseline_wave_id: d.baseline_chosen ? (d.baseline_wave_id ?? '') : '',
		target_percent: d.target_percent === null ? '' : String(d.target_percent),
		target_date: d.target_date ?? '',
		direction: d.higher_is_better ? 'higher' : 'lower'
	};
}

/** The API's arguments for the form's values. */
export function saveArguments(form: IndicatorForm) {
	return {
		p_question_id: form.question_id,
		p_label: form.label,
		p_priority_id: form.priority_id === '' ? undefined : form.priority_id,
		p_baseline_wave_id: form.baseline_wave_id === '' ? undefined : form.baseline_wave_id,
		p_target_percent: form.target_percent === '' ? undefined : Number(form.target_percent),
		p_target_date: form.target_date === '' ? undefined : form.target_date,
		p_higher_is_better: form.direction === 'higher'
	};
}
