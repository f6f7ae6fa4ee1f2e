import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { indicatorFormSchema } from '$lib/indicators/definitions';
import { editorsOrganisation, formChoices, saveAction } from '$lib/server/indicators/forms';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, parent, url }) => {
	const { memberships } = await parent();
	const organisation = editorsOrganisation(memberships, url);
	const choices = await formChoices(locals.supabase, organisation.id);
	// a question already defined is changed on its own page; offer the others
	const open = choices.all.filter((d) => !d.defined);
	const preset = url.searchParams.get('question');
	const form = await superValidate(
		{ question_id: open.some((d) => d.question_id === preset) ? (preset ?? '') : '' },
		zod4(indicatorFormSchema),
		{ errors: false }
	);
	return {
		organisation,
		form,
		questions: open.map(choices.question),
		priorities: choices.priorities,
		waves: choices.waves
	};
}) satisfies PageServerLoad;

export const actions = { save: saveAction } satisfies Actions;
