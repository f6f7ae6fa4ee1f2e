import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { readResponsesFile, MAX_ROWS, type ImportReport } from '$lib/imports/csv';
import { refusal } from '$lib/server/api';
import { importResponses } from '$lib/server/imports/data';
import { getRespondentSurvey } from '$lib/server/respondent/data';
import { isUnlaunched } from '$lib/respondent/survey';
import { findWave, staffChoices } from '../../../find';
import type { Actions, PageServerLoad } from './$types';
import { readFormPost } from '$lib/server/form-post';

/** The rows a dry run checked, sent back by the "Import all" button: the database checks them again. */
const rowsSchema = z.array(z.record(z.string(), z.string())).min(1).max(MAX_ROWS);

const MAX_BYTES = 5_000_000;

export const load = (async ({ locals, params, parent }) => {
	const { choices } = await parent();
	const { survey, wave } = findWave(choices, params.wave);
	const respondent = await getRespondentSurvey(locals.supabase, wave.slug);
	// staff who may add responses may build the survey, and get it whole (api.survey_for_respondent)
	if (!respondent || isUnlaunched(respondent)) error(404, 'There is no wave at this address.');
	return { survey, wave, questions: respondent.questions, about: respondent.about };
}) satisfies PageServerLoad;

type Result =
	| { stage: 'checked'; fileName: string; report: ImportReport; rows: string }
	| { stage: 'done'; fileName: string; report: ImportReport };

export const actions = {
	check: async ({ locals, params, request }) => {
		const { wave } = findWave(await staffChoices(locals), params.wave);
		const body = await readFormPost(request);
		const file = body.get('file');
		if (!(file instanceof File) || file.size === 0 || file.name === '')
			return fail(400, { fileError: 'Choose a CSV file to check.' });
		if (file.size > MAX_BYTES)
			return fail(400, { fileError: 'The file is larger than 5 MB. Split it into smaller files.' });
		const parsed = readResponsesFile(new Uint8Array(await file.arrayBuffer()));
		if (!parsed.ok) return fail(400, { fileError: parsed.message });
		const report = await importResponses(locals.supabase, wave.id, parsed.value.rows, true);
		return {
			stage: 'checked',
			fileName: file.name,
			report,
			rows: JSON.stringify(parsed.value.rows)
		} satisfies Result;
	},
	import: async ({ locals, params, request }) => {
		const { wave } = findWave(await staffChoices(locals), params.wave);
		const body = await readFormPost(request);
		const fileName = String(body.get('file_name') ?? '');
		let rows: z.infer<typeof rowsSchema>;
		try {
			rows = rowsSchema.parse(JSON.parse(String(body.get('rows') ?? '')));
		} catch {
			return fail(400, { fileError: 'The checked rows were lost. Choose the file and check it again.' });
		}
		try {
			const report = await importResponses(locals.supabase, wave.id, rows, false);
			return { stage: 'done', fileName, report } satisfies Result;
		} catch (e) {
			const report = refusal(e, 'invalid_rows');
			if (!report) throw e;
			return fail(400, { stage: 'checked' as const, fileName, report, rows: JSON.stringify(rows) });
		}
	}
} satisfies Actions;
