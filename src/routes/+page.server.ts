import { DEMO_SURVEY_LINKS } from '$lib/server/demo/accounts';
import { backend } from '$lib/server/platform/backend';
import { serverEnv } from '$lib/server/platform/env';
import type { PageServerLoad } from './$types';

export const load = (async () => {
	const b = await backend(serverEnv());
	// In the demo (the embedded database with its demo area), say so and offer its surveys.
	return { demoSurveys: b.demo?.present ? DEMO_SURVEY_LINKS : null };
}) satisfies PageServerLoad;
