import { may } from '$lib/domain';
import { askedDefinition } from '$lib/indicators/definition-versions';
import { safeguardingQueue } from '$lib/server/feedback/data';
import { indicatorTrend, listSurveys } from '$lib/server/indicators/data';
import { indicatorDecisions } from '$lib/server/decisions/data';
import { getDisclosureSettings, publishedTable } from '$lib/server/disclosure/data';
import { GROUP_DIMENSIONS, groupFigures } from '$lib/disclosure/groups';
import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { ApiError, call } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';
import { organisationsOf } from '$lib/server/dashboards/selection';

export const load = (async ({ locals, parent, url }) => {
	const { memberships } = await parent();
	const organisations = organisationsOf(memberships);
	const organisation = organisations.find((o) => o.slug === url.searchParams.get('org')) ?? organisations[0];
	if (!organisation)
		return {
			organisation: null,
			organisations,
			surveys: [],
			survey: null,
			indicator: null,
			trend: [],
			definitionError: null,
			decisions: [],
			rule: null,
			exact: false,
			groups: null,
			queue: null
		};

	const roles = memberships.filter((m) => m.organisation_id === organisation.id).map((m) => m.role);
	// the safeguarding lead's queue comes first on their home
	const queue = roles.some((r) => may(r, 'safeguard'))
		? await safeguardingQueue(locals.supabase, organisation.id)
		: null;
	const surveys = await listSurveys(locals.supabase, organisation.id);
	// By default, the survey with indicators that most people have answered.
	const answered = (s: (typeof surveys)[number]) => s.waves.reduce((sum, w) => sum + (w.responses ?? 0), 0);
	const busiest = surveys.filter((s) => s.indicators.length > 0).sort((a, b) => answered(b) - answered(a))[0];
	const survey =
		surveys.find((s) => s.slug === url.searchParams.get('survey')) ?? busiest ?? surveys[0] ?? null;
	const indicator =
		survey?.indicators.find((i) => i.key === url.searchParams.get('indicator')) ??
		survey?.indicators[0] ??
		null;
	// ?definition=<n>: the figures as the indicator was defined before a change of which answers count as
	// positive (1 is the first definition); one it never had shows the definition in force, and says so
	const { asked, definition } = askedDefinition(url);
	let definitionError: string | null =
		asked !== null && definition === undefined
			? 'There is no such definition of this indicator: these figures are counted as it is defined now.'
			: null;
	const trendOf = async (id: string) => {
		try {
			return await indicatorTrend(locals.supabase, id, definition);
		} catch (e) {
			if (!(e instanceof ApiError) || e.hint !== 'invalid_request' || definition === undefined) throw e;
			definitionError = `${e.reason} These figures are counted as it is defined now.`;
			return indicatorTrend(locals.supabase, id);
		}
	};
	const [trend, decisions, disclosure] = await Promise.all([
		indicator ? trendOf(indicator.id) : [],
		// the decisions that cite the indicator or are filed under its priority, marked on its trend (published
		// ones only for forum and scrutiny)
		indicator ? indicatorDecisions(locals.supabase, indicator.id) : [],
		getDisclosureSettings(locals.supabase, organisation.id)
	]);
	// Admins, leads, officers (and the safeguarding lead) see exact figures with a small-number warning;
	// forum and scrutiny see the figures the database publishes under the rule.
	const exact = roles.some((r) => may(r, 'seeExactFigures'));
	// The indicator by group in the latest wave that has opened, as the database publishes it.
	const by = GROUP_DIMENSIONS.find((d) => d.key === url.searchParams.get('by')) ?? GROUP_DIMENSIONS[0]!;
	const latest = survey?.waves.filter((w) => w.status !== 'not_yet_open').at(-1);
	let groups = null;
	if (indicator && latest && disclosure) {
		const table = await publishedTable(locals.supabase, indicator.id, latest.id);
		groups = {
			by,
			wave: table.wave,
			asOf: table.as_of,
			roundedTo: table.rounded_to,
			// a restricted reader gets a question with several answers to tick for everyone only
			byGroup: table.exact || table.grouped,
			figures: groupFigures(
				table.rows,
				table.options,
				by.key,
				table.exact ? 1 : disclosure.current.threshold,
				table.question_kind === 'multi_choice'
			)
		};
	}
	// admins and leads choose which indicators the organisation's public page shows
	const canPublish = roles.some((r) => may(r, 'publishFigures'));
	const published = canPublish
		? await call(locals.supabase, 'public_indicators', { p_organisation_slug: organisation.slug })
		: null;
	return {
		organisation,
		organisations,
		roles,
		surveys,
		survey,
		indicator,
		trend,
		definitionError,
		decisions,
		queue,
		rule: disclosure?.current ?? null,
		exact,
		groups,
		canPublish,
		isPublic:
			indicator !== null && (published?.indicators.some((i) => i.question_id === indicator.id) ?? false)
	};
}) satisfies PageServerLoad;

const publishForm = z.object({
	question_id: z.uuid('Choose an indicator.'),
	public: z.enum(['true', 'false'], 'Say whether to publish it.')
});

export const actions = {
	/** Publish the indicator on the organisation's public page, or stop (admins and leads). */
	publish: async ({ locals, request, url }) => {
		const parsed = publishForm.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { publishError: parsed.error.issues[0]?.message ?? 'Try again.' });
		try {
			await call(locals.supabase, 'set_public_indicator', {
				p_question_id: parsed.data.question_id,
				p_public: parsed.data.public === 'true'
			});
		} catch (e) {
			if (e instanceof ApiError)
				return fail(e.hint === 'not_permitted' ? 403 : 400, { publishError: e.reason });
			throw e;
		}
		const back = new URLSearchParams(url.search);
		back.delete('/publish');
		redirect(303, `${url.pathname}${back.size > 0 ? `?${back}` : ''}`);
	}
} satisfies Actions;
