import { error } from '@sveltejs/kit';
import { MINIMUM_ANSWERS } from '$lib/analytics/proportion';
import { AUDIENCES, labelOf } from '$lib/domain';
import { listMemberships, type Membership } from '$lib/server/members/data';
import { listSurveys } from '$lib/server/indicators/data';
import { buildView, type RepresentationView } from '$lib/representation/view';
import type { PopulationSet, Representation } from '$lib/representation/types';
import { representation } from './data';
import { organisationsOf } from '$lib/server/dashboards/selection';

/**
 * What the representation view shows for the filters in the URL (org, survey, wave, population), shared by the
 * page and its CSV download. A filter that names nothing gives a message, never a 500.
 */
export interface RepresentationPage {
	organisation: { id: string; slug: string; name: string } | null;
	isAdmin: boolean;
	surveys: {
		slug: string;
		title: string;
		audience: string;
		waves: { slug: string; label: string; status: string }[];
	}[];
	survey: { slug: string; title: string; audience: string } | null;
	wave: { slug: string; label: string } | null;
	/** why there is nothing to show: a filter naming nothing, no survey, no wave open yet */
	problem: string | null;
	data: Representation | null;
	populations: { origin: string; label: string }[];
	population: PopulationSet | null;
	view: RepresentationView | null;
	/** every opened wave of every survey (each survey asks one kind of respondent), against the same population */
	overview: OverviewRow[];
}

export interface OverviewRow {
	survey: string;
	surveySlug: string;
	audience: string;
	wave: string;
	waveSlug: string;
	open: boolean;
	/** null: hidden under the disclosure rule */
	respondents: number | null;
	responseRate: number | null;
	/** the groups under-represented, "Ethnic group: Asian: Pakistani" */
	under: string[];
	/** dimensions with too few respondents to tell */
	tooFew: string[];
	/** how many dimensions had enough respondents to be tested */
	tested: number;
}

export async function representationPage(
	locals: App.Locals,
	url: URL,
	memberships?: Membership[],
	{ overview = false }: { overview?: boolean } = {}
): Promise<RepresentationPage> {
	if (!memberships) {
		const { user } = await locals.safeGetSession();
		if (!user) error(401, 'Sign in to read the representation figures.');
		memberships = await listMemberships(locals.supabase);
	}
	const organisations = organisationsOf(memberships);
	const empty: RepresentationPage = {
		organisation: null,
		isAdmin: false,
		surveys: [],
		survey: null,
		wave: null,
		problem: null,
		data: null,
		populations: [],
		population: null,
		view: null,
		overview: []
	};
	const orgParam = url.searchParams.get('org');
	const organisation = orgParam ? organisations.find((o) => o.slug === orgParam) : organisations[0];
	if (!organisation) {
		return {
			...empty,
			problem: orgParam
				? `You are not a member of an organisation called “${orgParam}”.`
				: 'You are not a member of any organisation yet.'
		};
	}
	const isAdmin = memberships.some((m) => m.organisation_id === organisation.id && m.role === 'admin');
	const all = await listSurveys(locals.supabase, organisation.id);
	const surveys = all.map((s) => ({
		slug: s.slug,
		title: s.title,
		audience: labelOf(AUDIENCES, s.audience),
		waves: s.waves.map((w) => ({ slug: w.slug, label: w.label, status: w.status }))
	}));
	const base = { ...empty, organisation, isAdmin, surveys };
	const surveyParam = url.searchParams.get('survey');
	// by default, the survey whose latest opened wave has most responses
	const opened = (s: (typeof all)[number]) => s.waves.filter((w) => w.status !== 'not_yet_open');
	const survey = surveyParam
		? all.find((s) => s.slug === surveyParam)
		: ([...all].sort((a, b) => (opened(b).at(-1)?.responses ?? 0) - (opened(a).at(-1)?.responses ?? 0))[0] ??
			undefined);
	if (!survey) {
		return {
			...base,
			problem: surveyParam
				? `There is no survey “${surveyParam}”: choose one from the list.`
				: 'There are no surveys yet.'
		};
	}
	const surveyOut = { slug: survey.slug, title: survey.title, audience: labelOf(AUDIENCES, survey.audience) };
	const waveParam = url.searchParams.get('wave');
	const wave = waveParam ? survey.waves.find((w) => w.slug === waveParam) : opened(survey).at(-1);
	if (!wave) {
		return {
			...base,
			survey: surveyOut,
			problem: waveParam
				? `The survey “${survey.title}” has no wave “${waveParam}”: choose one from the list.`
				: `No wave of “${survey.title}” has opened yet, so no one has answered it.`
		};
	}
	const waveOut = { slug: wave.slug, label: wave.label };
	const data = await representation(locals.supabase, wave.id);
	const populations = data.populations.map((p) => ({
		origin: p.origin,
		label:
			p.origin === 'dfe'
				? `DfE: EHC plans in ${p.la_name ?? p.la_code}, ${p.year}`
				: `Your own: ${p.source}, ${p.year}`
	}));
	const populationParam = url.searchParams.get('population');
	const population =
		(populationParam ? data.populations.find((p) => p.origin === populationParam) : data.populations[0]) ??
		null;
	if (!population) {
		return {
			...base,
			survey: surveyOut,
			wave: waveOut,
			data,
			populations,
			problem: populationParam
				? `There are no population figures “${populationParam}”: choose from the list.`
				: 'No population figures have been loaded yet, so there is nothing to compare with.'
		};
	}
	return {
		...base,
		survey: surveyOut,
		wave: waveOut,
		data,
		populations,
		population,
		view: buildView(data, population),
		overview: overview ? await overviewRows(locals, all, wave.id, data, population.origin) : []
	};
}

async function overviewRows(
	locals: App.Locals,
	surveys: Awaited<ReturnType<typeof listSurveys>>,
	shownWaveId: string,
	shown: Representation,
	origin: string
): Promise<OverviewRow[]> {
	const waves = surveys.flatMap((s) =>
		s.waves.filter((w) => w.status !== 'not_yet_open').map((w) => ({ s, w }))
	);
	const figures = await Promise.all(
		waves.map(({ w }) => (w.id === shownWaveId ? shown : representation(locals.supabase, w.id)))
	);
	return waves.map(({ s, w }, i) => {
		const data = figures[i]!;
		const set = data.populations.find((p) => p.origin === origin)!;
		const view = buildView(data, set);
		return {
			survey: s.title,
			surveySlug: s.slug,
			audience: labelOf(AUDIENCES, s.audience),
			wave: w.label,
			waveSlug: w.slug,
			open: w.status === 'open',
			respondents: data.respondents.n,
			responseRate: view.responseRate,
			under: view.dimensions.flatMap((d) =>
				d.rows.filter((r) => r.verdict === 'under').map((r) => `${d.label}: ${r.label}`)
			),
			tested: view.dimensions.filter((d) => d.comparisons > 0).length,
			tooFew: view.dimensions
				.filter((d) => d.compared > 0 && d.compared < MINIMUM_ANSWERS && d.populationCompared > 0)
				.map((d) => d.label)
		};
	});
}
