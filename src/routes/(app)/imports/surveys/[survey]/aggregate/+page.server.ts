import { fail } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { readAggregateFile } from '$lib/imports/csv';
import { refusal } from '$lib/server/api';
import { importAggregate } from '$lib/server/imports/data';
import { findSurvey, staffChoices } from '../../../find';
import { aggregateSchema, waveDates } from './schema';
import type { Actions, PageServerLoad } from './$types';
import { readFormPost } from '$lib/server/form-post';

const FIELD: Record<string, 'label' | 'kind' | 'slug' | 'opens_on' | 'closes_on'> = {
	label: 'label',
	kind: 'kind',
	slug: 'slug',
	opens_at: 'opens_on',
	closes_at: 'closes_on'
};

export const load = (async ({ params, parent }) => {
	const { choices } = await parent();
	const survey = findSurvey(choices, params.survey);
	const hasBaseline = survey.waves.some((w) => w.kind === 'baseline');
	const form = await superValidate(
		{ kind: hasBaseline ? ('repeat' as const) : ('baseline' as const), slug: `${survey.slug}-earlier` },
		zod4(aggregateSchema),
		{ errors: false }
	);
	return { survey, form };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, params, request }) => {
		const survey = findSurvey(await staffChoices(locals), params.survey);
		const body = await readFormPost(request);
		const form = await superValidate(body, zod4(aggregateSchema));
		const file = body.get('file');
		let fileError: string | undefined;
		let items = null;
		if (!(file instanceof File) || file.size === 0 || file.name === '')
			fileError = 'Choose a CSV file of counts.';
		else if (file.size > 5_000_000) fileError = 'The file is larger than 5 MB.';
		else {
			const parsed = readAggregateFile(new Uint8Array(await file.arrayBuffer()));
			if (parsed.ok) items = parsed.value;
			else fileError = parsed.message;
		}
		if (!form.valid || !items) return fail(400, { form, fileError, rows: [] });
		try {
			const result = await importAggregate(
				locals.supabase,
				survey.id,
				{
					label: form.data.label,
					kind: form.data.kind,
					slug: form.data.slug,
					...waveDates(form.data.opens_on, form.data.closes_on)
				},
				items
			);
			return { form, done: { ...result, label: form.data.label } };
		} catch (e) {
			const problems = refusal(e, 'invalid_aggregate');
			if (!problems) throw e;
			for (const [field, message] of Object.entries(problems.fields)) {
				const name = FIELD[field];
				if (name) setError(form, name, message);
			}
			form.valid = false;
			return fail(400, { form, fileError, rows: problems.rows });
		}
	}
} satisfies Actions;
