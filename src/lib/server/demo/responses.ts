/** Draws the demo respondents of one survey, and their answers, from its story. */

import { CommentBox, type Tone } from './comments';
import { drawProfile, reportAbout, type About, type Profile } from './population';
import { Random } from './random';
import type { SurveyStory } from './story';
import type { SurveyDef, WaveDef } from './surveys';
import { SCALES, type ScaleKind } from './vocabulary';

export interface Respondent {
	id: string;
	/** Index into the survey's waves. */
	wave: number;
	profile: Profile;
	about: About;
	/** General mood on the log-odds scale: some people are more satisfied than others. */
	mood: number;
	channel: string;
	assistance: string | null;
	panelCode: string | null;
	submittedAt: Date;
	/** Question key -> option value (scales) or text (free text). */
	answers: Map<string, { option?: string; text?: string }>;
}

const HOUR = 3_600_000;

/** Most answers come in the evening, after the children are in bed; few at night. */
const HOUR_OF_DAY: Record<string, number> = {
	'7': 2,
	'8': 3,
	'9': 5,
	'10': 6,
	'11': 6,
	'12': 7,
	'13': 7,
	'14': 6,
	'15': 5,
	'16': 5,
	'17': 6,
	'18': 7,
	'19': 10,
	'20': 12,
	'21': 10,
	'22': 5
};

/** A moment in the wave, up to now: a burst in the first week after launch, then a trickle. */
function submittedAt(rng: Random, wave: WaveDef, now: Date): Date {
	const start = wave.opensAt.getTime();
	const end = Math.min(wave.closesAt.getTime(), now.getTime());
	const share = rng.chance(0.4) ? rng.next() * 0.2 : rng.next();
	const moment = start + share * (end - start);
	const day = moment - (moment % (24 * HOUR));
	const atHour = day + Number(rng.weighted(HOUR_OF_DAY)) * HOUR + rng.int(3600) * 1000;
	return new Date(atHour >= start && atHour < end ? atHour : moment);
}

function drawRespondents(story: SurveyStory, survey: SurveyDef, now: Date, rng: Random): Respondent[] {
	const respondents: Respondent[] = [];
	const make = (wave: number, profile: Profile, about: About, mood: number, panelCode: string | null) => {
		const waveDef = survey.waves[wave];
		if (!waveDef) throw new Error(`${survey.slug} has no wave ${wave}.`);
		respondents.push({
			id: rng.uuid(),
			wave,
			profile,
			about,
			mood,
			channel: rng.weighted(story.channel),
			assistance: story.assistance ? story.assistance(rng, profile) : null,
			panelCode,
			submittedAt: submittedAt(rng, waveDef, now),
			answers: new Map()
		});
	};
	const newFamily = () => {
		const profile = drawProfile(rng, story.population);
		return {
			profile,
			about: reportAbout(rng, profile, story.population),
			mood: story.moodSpread * rng.normal()
		};
	};

	// Panel families answer the baseline with a code, and some come back for each repeat.
	const perWave = story.responsesPerWave.map(() => 0);
	for (let i = 0; i < (story.panel?.families ?? 0); i++) {
		const family = newFamily();
		const code = rng.panelCode();
		make(0, family.profile, family.about, family.mood, code);
		perWave[0]!++;
		story.panel?.returnChance.forEach((chance, r) => {
			if (!rng.chance(chance)) return;
			// the same family, so the same about-you answers and the same temperament
			make(r + 1, family.profile, family.about, family.mood, code);
			perWave[r + 1]!++;
		});
	}
	story.responsesPerWave.forEach((n, wave) => {
		for (let i = perWave[wave] ?? 0; i < n; i++) {
			const family = newFamily();
			make(wave, family.profile, family.about, family.mood, null);
		}
	});
	return respondents;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The log-odds baseline at which the average chance of a positive answer is the target. */
function solveBaseline(shifts: number[], target: number): number {
	let lo = -12;
	let hi = 12;
	for (let i = 0; i < 60; i++) {
		const mid = (lo + hi) / 2;
		const mean = shifts.reduce((sum, s) => sum + sigmoid(mid + s), 0) / shifts.length;
		if (mean < target) lo = mid;
		else hi = mid;
	}
	return (lo + hi) / 2;
}

/** Broad ethnic group, for ordering only. */
const broadGroup = (code: string | null) => (code ?? '').split('_')[0];

/**
 * Systematic sampling: each respondent answers positively with their own chance, and the number
 * who do is the sum of those chances, rounded. Respondents are ordered by support, phase, area
 * and broad ethnic group first (randomly within), so the same holds, give or take one, for each
 * of those groups: the wave lands on its target and each group's gap is the story's, not noise.
 */
function balancedDraw(respondents: Respondent[], chances: number[], rng: Random): boolean[] {
	const positive = chances.map(() => false);
	const key = (p: Profile) => [p.support, p.phase, p.area, broadGroup(p.ethnicity)].join('|');
	// a stable sort keeps the shuffled order within each group
	const order = rng
		.shuffled(respondents.map((r, i) => ({ i, key: key(r.profile) })))
		.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	let running = rng.next();
	for (const { i } of order) {
		const before = Math.floor(running);
		running += chances[i]!;
		positive[i] = Math.floor(running) > before;
	}
	return positive;
}

/** Which option a respondent ticks, given whether it is a positive one and how likely that was. */
function optionFor(kind: ScaleKind, positive: boolean, chance: number, rng: Random): string {
	const r = rng.next();
	if (kind === 'agreement_5') {
		if (positive) return r < 0.2 + 0.3 * chance ? 'strongly_agree' : 'agree';
		if (r < 0.22 + 0.25 * chance) return 'neither';
		return r < 1 - 0.4 * (1 - chance) ? 'disagree' : 'strongly_disagree';
	}
	if (kind === 'faces_3') return positive ? 'happy' : r < 0.5 + 0.3 * chance ? 'okay' : 'sad';
	return positive ? 'yes' : r < 0.7 ? 'no' : 'not_sure';
}

function answerScale(story: SurveyStory, survey: SurveyDef, respondents: Respondent[], rng: Random) {
	for (const question of survey.questions) {
		if (question.kind === 'free_text') continue;
		const kind = question.kind;
		const model = story.indicators[question.key];
		if (!model) throw new Error(`The story of ${survey.slug} has no model for ${question.key}.`);
		model.target.forEach((target, wave) => {
			const answering = respondents.filter(
				(r) => r.wave === wave && !(model.skip && rng.chance(model.skip(r.profile)))
			);
			const shifts = answering.map((r) => r.mood + (model.effect?.(r.profile) ?? 0));
			const baseline = solveBaseline(shifts, target);
			const chances = shifts.map((s) => sigmoid(baseline + s));
			const positive = balancedDraw(answering, chances, rng);
			answering.forEach((r, i) => {
				r.answers.set(question.key, { option: optionFor(kind, positive[i]!, chances[i]!, rng) });
			});
		});
	}
}

function isPositive(value: string | undefined): boolean {
	return Object.values(SCALES).some((scale) => scale.some((o) => o.value === value && o.isPositive));
}

function answerComments(story: SurveyStory, survey: SurveyDef, respondents: Respondent[], rng: Random) {
	const comments = story.comments;
	if (!comments) return;
	const box = new CommentBox(comments.pool, rng);
	for (const r of respondents) {
		const given = [...r.answers.values()].filter((a) => a.option !== undefined);
		if (given.length === 0) continue;
		const positiveShare = given.filter((a) => isPositive(a.option)).length / given.length;
		if (!rng.chance(comments.chance(1 - positiveShare))) continue;
		const tone: Tone = positiveShare >= 0.8 ? 'positive' : positiveShare >= 0.45 ? 'mixed' : 'negative';
		const text =
			box.take(tone, r.profile, survey.waves[r.wave]?.kind === 'repeat') ??
			box.take('mixed', r.profile, false);
		if (text) r.answers.set(comments.questionKey, { text });
	}
}

/** Everyone who answered the survey, with their answers, drawn from its story. */
export function drawResponses(story: SurveyStory, survey: SurveyDef, now: Date): Respondent[] {
	const rng = new Random(`demo/responses/${survey.slug}`);
	const respondents = drawRespondents(story, survey, now, rng);
	answerScale(story, survey, respondents, rng);
	answerComments(story, survey, respondents, rng);
	return respondents.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
}
