/**
 * The whole demo as rows, ready to insert, computed without touching a database: organisations,
 * accounts, priorities, areas, surveys with their questions, options and waves, and the
 * responses with their answers. Ids are drawn from a seeded stream, so the plan is the same
 * every time for the same `now`.
 */

import {
	ALL_DEMO_ACCOUNTS,
	DEMO_ORGANISATION_NAME,
	DEMO_ORGANISATION_SLUG,
	OTHER_ORGANISATION_NAME,
	OTHER_ORGANISATION_SLUG,
	type DemoRole
} from './accounts';
import { addDays, addMonths } from './calendar';
import { Random } from './random';
import { drawResponses } from './responses';
import { DEMO_STORIES } from './story';
import { demoSurveys, type SurveyDef } from './surveys';
import { EASTMOOR_PRIORITIES, NORTHBRIDGE_AREAS, NORTHBRIDGE_PRIORITIES, SCALES } from './vocabulary';

export interface DemoPlan {
	organisations: {
		id: string;
		slug: string;
		name: string;
		created_at: string;
		/** the organisation's own "you said, we did" page (a reserved .example address) */
		you_said_we_did_url: string;
	}[];
	/** Each with its password, or null for an account that cannot sign in until one is set. */
	users: { id: string; email: string; password: string | null; name: string }[];
	memberships: { organisation_id: string; email: string; role: DemoRole }[];
	priorities: {
		id: string;
		organisation_id: string;
		position: number;
		title: string;
		description: string | null;
	}[];
	categories: { organisation_id: string; dimension: string; code: string; label: string; position: number }[];
	surveys: {
		id: string;
		organisation_id: string;
		slug: string;
		title: string;
		audience: string;
		easy_read: boolean;
		introduction: string;
		privacy_notice: string;
		created_at: string;
	}[];
	questions: {
		id: string;
		organisation_id: string;
		survey_id: string;
		key: string;
		position: number;
		kind: string;
		prompt: string;
		easy_read_prompt: string;
		help_text: string | null;
		required: boolean;
		max_length: number | null;
		priority_id: string | null;
		same_page: boolean;
		created_at: string;
	}[];
	options: {
		id: string;
		organisation_id: string;
		question_id: string;
		value: string;
		label: string;
		easy_read_label: string;
		symbol: string | null;
		is_positive: boolean;
		position: number;
	}[];
	waves: {
		id: string;
		organisation_id: string;
		survey_id: string;
		slug: string;
		kind: string;
		label: string;
		opens_at: string;
		closes_at: string;
		created_at: string;
	}[];
	responses: {
		id: string;
		organisation_id: string;
		wave_id: string;
		submitted_at: string;
		channel: string;
		assistance: string | null;
		panel_code: string | null;
		language: string;
		about: Record<string, string>;
	}[];
	answers: {
		organisation_id: string;
		response_id: string;
		question_id: string;
		option_id: string | null;
		text_value: string | null;
	}[];
}

const iso = (date: Date) => date.toISOString();

function emptyPlan(): DemoPlan {
	return {
		organisations: [],
		users: [],
		memberships: [],
		priorities: [],
		categories: [],
		surveys: [],
		questions: [],
		options: [],
		waves: [],
		responses: [],
		answers: []
	};
}

function planOrganisations(plan: DemoPlan, ids: Random, now: Date): Record<string, string> {
	const organisationIds: Record<string, string> = {};
	for (const [slug, name, months] of [
		[DEMO_ORGANISATION_SLUG, DEMO_ORGANISATION_NAME, -15],
		[OTHER_ORGANISATION_SLUG, OTHER_ORGANISATION_NAME, -6]
	] as const) {
		const id = ids.uuid();
		organisationIds[slug] = id;
		plan.organisations.push({
			id,
			slug,
			name,
			created_at: iso(addMonths(now, months)),
			you_said_we_did_url: `https://www.${slug}.example/local-offer/you-said-we-did`
		});
	}
	return organisationIds;
}

function planAccounts(
	plan: DemoPlan,
	ids: Random,
	organisationIds: Record<string, string>,
	passwords: Record<string, string>
) {
	for (const account of ALL_DEMO_ACCOUNTS) {
		const password = passwords[account.email] ?? null;
		plan.users.push({ id: ids.uuid(), email: account.email, password, name: account.name });
		plan.memberships.push({
			organisation_id: organisationIds[account.organisation]!,
			email: account.email,
			role: account.role
		});
	}
}

/** Priority title -> id, per organisation. */
function planPriorities(plan: DemoPlan, ids: Random, organisationIds: Record<string, string>) {
	const byTitle = new Map<string, string>();
	const add = (organisation: string, list: readonly { title: string; description: string | null }[]) =>
		list.forEach((p, i) => {
			const id = ids.uuid();
			byTitle.set(`${organisation}/${p.title}`, id);
			plan.priorities.push({
				id,
				organisation_id: organisationIds[organisation]!,
				position: i + 1,
				title: p.title,
				description: p.description
			});
		});
	add(DEMO_ORGANISATION_SLUG, NORTHBRIDGE_PRIORITIES);
	add(OTHER_ORGANISATION_SLUG, EASTMOOR_PRIORITIES);
	return byTitle;
}

function planAreas(plan: DemoPlan, organisationIds: Record<string, string>) {
	NORTHBRIDGE_AREAS.forEach((area, i) =>
		plan.categories.push({
			organisation_id: organisationIds[DEMO_ORGANISATION_SLUG]!,
			dimension: 'area',
			code: area.code,
			label: area.label,
			position: i + 1
		})
	);
}

interface PlannedSurvey {
	organisationId: string;
	waveIds: string[];
	/** Question key -> id, and option ids by question key and value. */
	questionIds: Map<string, string>;
	optionIds: Map<string, string>;
}

function planSurvey(
	plan: DemoPlan,
	ids: Random,
	survey: SurveyDef,
	organisationId: string,
	priorities: Map<string, string>,
	now: Date
): PlannedSurvey {
	const firstOpens = survey.waves[0]!.opensAt;
	const createdAt = new Date(Math.min(addDays(firstOpens, -21).getTime(), addDays(now, -7).getTime()));
	const surveyId = ids.uuid();
	plan.surveys.push({
		id: surveyId,
		organisation_id: organisationId,
		slug: survey.slug,
		title: survey.title,
		audience: survey.audience,
		easy_read: survey.easyRead,
		introduction: survey.introduction,
		privacy_notice: survey.privacyNotice,
		created_at: iso(createdAt)
	});
	const planned: PlannedSurvey = {
		organisationId,
		waveIds: [],
		questionIds: new Map(),
		optionIds: new Map()
	};
	survey.questions.forEach((q, i) => {
		const questionId = ids.uuid();
		planned.questionIds.set(q.key, questionId);
		const priorityId = q.priority ? priorities.get(`${survey.organisation}/${q.priority}`) : undefined;
		if (q.priority && !priorityId) throw new Error(`${survey.slug}.${q.key}: no priority "${q.priority}".`);
		plan.questions.push({
			id: questionId,
			organisation_id: organisationId,
			survey_id: surveyId,
			key: q.key,
			position: i + 1,
			kind: q.kind,
			prompt: q.prompt,
			easy_read_prompt: q.easyReadPrompt,
			help_text: q.helpText ?? null,
			required: q.required,
			max_length: q.maxLength ?? null,
			same_page: q.samePage ?? false,
			priority_id: priorityId ?? null,
			created_at: iso(createdAt)
		});
		if (q.kind === 'free_text') return;
		SCALES[q.kind].forEach((o, j) => {
			const optionId = ids.uuid();
			planned.optionIds.set(`${q.key}/${o.value}`, optionId);
			plan.options.push({
				id: optionId,
				organisation_id: organisationId,
				question_id: questionId,
				value: o.value,
				label: o.label,
				easy_read_label: o.easyReadLabel,
				symbol: o.symbol ?? null,
				is_positive: o.isPositive,
				position: j + 1
			});
		});
	});
	for (const wave of survey.waves) {
		const waveId = ids.uuid();
		planned.waveIds.push(waveId);
		plan.waves.push({
			id: waveId,
			organisation_id: organisationId,
			survey_id: surveyId,
			slug: wave.slug,
			kind: wave.kind,
			label: wave.label,
			opens_at: iso(wave.opensAt),
			closes_at: iso(wave.closesAt),
			created_at: iso(wave.kind === 'baseline' ? createdAt : addDays(wave.opensAt, -21))
		});
	}
	return planned;
}

function planResponses(plan: DemoPlan, survey: SurveyDef, planned: PlannedSurvey, now: Date) {
	const story = DEMO_STORIES.find((s) => s.surveySlug === survey.slug);
	if (!story) return;
	for (const r of drawResponses(story, survey, now)) {
		plan.responses.push({
			id: r.id,
			organisation_id: planned.organisationId,
			wave_id: planned.waveIds[r.wave]!,
			submitted_at: iso(r.submittedAt),
			channel: r.channel,
			assistance: r.assistance,
			panel_code: r.panelCode,
			language: 'en',
			about: r.about
		});
		for (const [key, answer] of r.answers) {
			plan.answers.push({
				organisation_id: planned.organisationId,
				response_id: r.id,
				question_id: planned.questionIds.get(key)!,
				option_id: answer.option === undefined ? null : planned.optionIds.get(`${key}/${answer.option}`)!,
				text_value: answer.text ?? null
			});
		}
	}
}

/** The demo as rows to write; `passwords` (email -> password) come from ./credentials.ts. */
export function planDemo(now: Date, passwords: Record<string, string> = {}): DemoPlan {
	const plan = emptyPlan();
	const ids = new Random('demo/ids');
	const organisationIds = planOrganisations(plan, ids, now);
	planAccounts(plan, ids, organisationIds, passwords);
	const priorities = planPriorities(plan, ids, organisationIds);
	planAreas(plan, organisationIds);
	for (const survey of demoSurveys(now)) {
		const planned = planSurvey(plan, ids, survey, organisationIds[survey.organisation]!, priorities, now);
		planResponses(plan, survey, planned, now);
	}
	return plan;
}
