import { may } from '$lib/domain';
import { error } from '@sveltejs/kit';
import { importChoices, type ImportSurvey } from '$lib/server/imports/data';
import { listMemberships } from '$lib/server/members/data';

/** The wave with this link name among the caller's choices, with its survey; 404 otherwise. */
export function findWave(choices: ImportSurvey[], slug: string) {
	for (const survey of choices) {
		const wave = survey.waves.find((w) => w.slug === slug && w.source === 'responses');
		if (wave) return { survey, wave };
	}
	error(404, 'There is no wave you can add responses to at this address.');
}

export function findSurvey(choices: ImportSurvey[], slug: string) {
	const survey = choices.find((s) => s.slug === slug);
	if (!survey) error(404, 'There is no survey you can import into at this address.');
	return survey;
}

/** What the caller may add to, for actions (which have no parent data): as the layout loads it. */
export async function staffChoices(locals: App.Locals): Promise<ImportSurvey[]> {
	const memberships = await listMemberships(locals.supabase);
	const m = memberships.find((x) => may(x.role, 'build'));
	return m ? importChoices(locals.supabase, m.organisation_id) : [];
}
