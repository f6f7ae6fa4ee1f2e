import { error, fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { failFromApi } from '$lib/server/api';
import { redirectWithNotice, takeNotice } from '$lib/server/builder/forms';
import {
	addPhrase,
	isUuid,
	listPhrases,
	organisationFor,
	REFUSED as WHO,
	removePhrase
} from '$lib/server/feedback/data';
import { listMemberships } from '$lib/server/members/data';
import { phraseSchema } from '$lib/feedback/schema';
import type { Actions, PageServerLoad } from './$types';

const REFUSED = WHO.phrases;
const PATH = '/safeguarding/phrases';

export const load = (async ({ cookies, locals, parent }) => {
	const { memberships } = await parent();
	const organisation = organisationFor(memberships, 'keepPhrases', REFUSED);
	const phrases = await listPhrases(locals.supabase, organisation.id);
	const form = await superValidate(zod4(phraseSchema), { errors: false });
	return { organisation, phrases, form, notice: takeNotice(cookies, PATH) };
}) satisfies PageServerLoad;

export const actions = {
	add: async ({ cookies, locals, request }) => {
		const form = await superValidate(request, zod4(phraseSchema));
		if (!form.valid) return fail(400, { form });
		const organisation = organisationFor(await listMemberships(locals.supabase), 'keepPhrases', REFUSED);
		let held = 0;
		try {
			held = (await addPhrase(locals.supabase, organisation.id, form.data.phrase)).held;
		} catch (e) {
			return failFromApi(form, e, { refused: REFUSED });
		}
		redirectWithNotice(
			cookies,
			PATH,
			held > 0
				? `Added. ${held} comment${held === 1 ? '' : 's'} already stored held it and went to the queue.`
				: 'Added. New comments that hold it will go to the queue.'
		);
	},
	remove: async ({ cookies, locals, request }) => {
		const id = String((await request.formData()).get('id') ?? '');
		if (!isUuid(id)) error(400, 'Choose a phrase to remove.');
		let phrase: string;
		try {
			phrase = (await removePhrase(locals.supabase, id)).phrase;
		} catch (e) {
			return failFromApi(await superValidate(zod4(phraseSchema)), e, { refused: REFUSED });
		}
		redirectWithNotice(cookies, PATH, `Removed “${phrase}”.`);
	}
} satisfies Actions;
