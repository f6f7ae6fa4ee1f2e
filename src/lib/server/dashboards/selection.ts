import { may, type MemberRole } from '$lib/domain';
import { listSurveys } from '$lib/server/indicators/data';
import type { Client } from '$lib/server/api';
import type { Indicator, SurveySummary, WaveSummary } from '$lib/indicators/types';

/** A membership as the (app) layout gives it. */
interface Membership {
	organisation_id: string;
	organisation_slug: string;
	organisation_name: string;
	role: MemberRole;
}

export interface Organisation {
	id: string;
	slug: string;
	name: string;
}

/**
 * What a dashboard view shows, chosen by the filters in its URL (`org`, `survey`, `indicator`, `wave`), so
 * that a link shows the same view to someone else. A filter that names nothing is not silently replaced:
 * `problems` says what was asked for and what is shown instead, for the page to print.
 */
export interface Selection {
	organisation: Organisation | null;
	organisations: Organisation[];
	roles: MemberRole[];
	exact: boolean;
	surveys: SurveySummary[];
	survey: SurveySummary | null;
	indicator: Indicator | null;
	wave: WaveSummary | null;
	/** the survey's baseline: its first baseline wave that has opened, else its first wave that has opened */
	baseline: WaveSummary | null;
	problems: string[];
}

/** The organisations of a member's memberships, once each, in the order of their memberships. */
export function organisationsOf(memberships: readonly Omit<Membership, 'role'>[]): Organisation[] {
	return [
		...new Map(
			memberships.map((m) => [
				m.organisation_id,
				{ id: m.organisation_id, slug: m.organisation_slug, name: m.organisation_name }
			])
		).values()
	];
}

export async function selectView(
	supabase: Client,
	memberships: readonly Membership[],
	url: URL
): Promise<Selection> {
	const problems: string[] = [];
	const organisations = organisationsOf(memberships);
	const wantedOrg = url.searchParams.get('org');
	const organisation = organisations.find((o) => o.slug === wantedOrg) ?? organisations[0] ?? null;
	if (wantedOrg && organisation && organisation.slug !== wantedOrg)
		problems.push(
			`You are not a member of a local area called “${wantedOrg}”: showing ${organisation.name}.`
		);
	const empty = { surveys: [], survey: null, indicator: null, wave: null, baseline: null };
	if (!organisation) return { organisation, organisations, roles: [], exact: false, problems, ...empty };

	const roles = memberships.filter((m) => m.organisation_id === organisation.id).map((m) => m.role);
	const exact = roles.some((r) => may(r, 'seeExactFigures'));
	const surveys = await listSurveys(supabase, organisation.id);
	const answered = (s: SurveySummary) => s.waves.reduce((sum, w) => sum + (w.responses ?? 0), 0);
	const busiest = surveys.filter((s) => s.indicators.length > 0).sort((a, b) => answered(b) - answered(a))[0];
	const wantedSurvey = url.searchParams.get('survey');
	let survey = surveys.find((s) => s.slug === wantedSurvey) ?? null;
	if (!survey) {
		survey = busiest ?? surveys[0] ?? null;
		if (wantedSurvey)
			problems.push(
				`There is no survey “${wantedSurvey}”${survey ? `: showing “${survey.title}” instead` : ''}.`
			);
	}
	const wantedIndicator = url.searchParams.get('indicator');
	let indicator = survey?.indicators.find((i) => i.key === wantedIndicator) ?? null;
	if (!indicator) {
		indicator = survey?.indicators[0] ?? null;
		if (wantedIndicator && survey)
			problems.push(
				`“${survey.title}” has no indicator “${wantedIndicator}”${indicator ? `: showing “${indicator.prompt}” instead` : ''}.`
			);
	}
	const opened = survey?.waves.filter((w) => w.status !== 'not_yet_open') ?? [];
	const wantedWave = url.searchParams.get('wave');
	let wave = survey?.waves.find((w) => w.slug === wantedWave) ?? null;
	if (!wave) {
		wave = opened.at(-1) ?? null;
		if (wantedWave && survey)
			problems.push(
				`“${survey.title}” has no wave “${wantedWave}”${wave ? `: showing ${wave.label} instead` : ''}.`
			);
	}
	const baseline = opened.find((w) => w.kind === 'baseline') ?? opened[0] ?? null;
	return { organisation, organisations, roles, exact, surveys, survey, indicator, wave, baseline, problems };
}
