import { error } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { formValues, indicatorFormSchema } from '$lib/indicators/definitions';
import { editorsOrganisation, formChoices, saveAction } from '$lib/server/indicators/forms';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, params, parent, url }) => {
	const { memberships } = await parent();
	const organisation = editorsOrganisation(memberships, url);
	const choices = await formChoices(locals.supabase, organisation.id);
	const definition = choices.all.find((d) => d.question_id === params.questionId);
	if (!definition) error(404, 'There is no such indicator or question.');
	const form = await superValidate(formValues(definition), zod4(indicatorFormSchema), { errors: false });
	return {
		organisation,
		definition,
		form,
		questions: [choices.question(definition)],
		priorities: choices.priorities,
		waves: { [definition.question_id]: definition.waves }
	};
}) satisfies PageServerLoad;

export const actions = { save: saveAction } satisfies Actions;
