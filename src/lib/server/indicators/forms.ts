import { error, fail, type Cookies } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { failFromApi, type Client } from '../api';
import { redirectWithNotice } from '../builder/forms';
import { listPriorities } from '../feedback/data';
import { listMemberships } from '../members/data';
import {
	indicatorFormSchema,
	mayEditIndicators,
	type IndicatorDefinition
} from '$lib/indicators/definitions';
import { chosenOrganisation, listIndicators, REFUSED_INDICATORS, saveIndicator } from './definitions';

type Memberships = Parameters<typeof chosenOrganisation>[0];

/** The organisation of an editor (admin or lead), or 403 for anyone else. */
export function editorsOrganisation(memberships: Memberships, url: URL) {
	const organisation = chosenOrganisation(memberships, url);
	if (!organisation || !mayEditIndicators(organisation.roles)) error(403, REFUSED_INDICATORS);
	return organisation;
}

/** What the form offers: the questions (with candidates), the current priorities and each survey's waves. */
export async function formChoices(supabase: Client, organisationId: string) {
	const [all, priorities] = await Promise.all([
		listIndicators(supabase, organisationId, true),
		listPriorities(supabase, organisationId)
	]);
	return {
		all,
		priorities: priorities.filter((p) => !p.retired).map((p) => ({ id: p.id, title: p.title })),
		waves: Object.fromEntries(all.map((d) => [d.question_id, d.waves])),
		question: (d: IndicatorDefinition) => ({
			id: d.question_id,
			label: d.prompt,
			survey: d.survey_title,
			positive: d.positive
		})
	};
}

/** The save action of the new and change pages: checked here, then by the database. */
export async function saveAction({
	cookies,
	locals,
	request
}: {
	cookies: Cookies;
	locals: App.Locals;
	request: Request;
}) {
	const form = await superValidate(request, zod4(indicatorFormSchema));
	if (!form.valid) return fail(400, { form });
	// an editor somewhere; the database checks the question's own organisation
	const memberships = await listMemberships(locals.supabase);
	if (!mayEditIndicators(memberships.map((m) => m.role))) error(403, REFUSED_INDICATORS);
	try {
		await saveIndicator(locals.supabase, form.data);
	} catch (e) {
		return failFromApi(form, e, { refused: REFUSED_INDICATORS });
	}
	redirectWithNotice(cookies, '/indicators', `Saved “${form.data.label}”.`);
}
