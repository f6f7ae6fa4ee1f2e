/**
 * Helpers of the disclosure-control suites: many responses written at once (with a channel and an
 * about-you answer), and an attacker who adds and subtracts what a restricted role can fetch.
 */
import type { Engine, Survey, Wave } from './engines';

/**
 * `count` responses to the `feel` question, written straight to the tables (any wave) in three
 * statements and added to the running counts as a submission adds them.
 */
export async function respond(
	engine: Engine,
	survey: Survey,
	wave: Wave,
	count: number,
	feel: string,
	options: {
		channel?: string;
		about?: Record<string, string>;
		panelCodes?: string[];
		daysAgo?: number;
		/** their ticks to the several-answer question `services` */
		services?: string[];
	} = {}
): Promise<string[]> {
	const ids: string[] = [];
	await engine.db.transaction(async (tx) => {
		const rows = await tx.query<{ id: string }>(
			`insert into app.responses (id, organisation_id, wave_id, channel, about, panel_code, submitted_at)
			 select gen_random_uuid(), $1, $2, $3::app.response_channel, $4::text::jsonb, ($6::text[])[i],
			        now() - make_interval(days => $7::int)
			   from generate_series(1, $5::int) i
			 returning id`,
			[
				survey.organisationId,
				wave.id,
				options.channel ?? 'online',
				JSON.stringify(options.about ?? {}),
				count,
				options.panelCodes ?? [],
				options.daysAgo ?? 0
			]
		);
		for (const r of rows) ids.push(r.id);
		await tx.query(
			`insert into app.answers (organisation_id, response_id, question_id, option_id)
			 select $1, id, $2, $3 from unnest($4::uuid[]) id`,
			[survey.organisationId, survey.questions.feel.id, survey.questions.feel.options[feel], ids]
		);
		for (const tick of options.services ?? [])
			await tx.query(
				`insert into app.answers (organisation_id, response_id, question_id, option_id)
				 select $1, id, $2, $3 from unnest($4::uuid[]) id`,
				[survey.organisationId, survey.questions.services.id, survey.questions.services.options[tick], ids]
			);
		await tx.query(
			`select count(*) from (select app.count_response(id) from unnest($1::uuid[]) id order by id) c`,
			[ids]
		);
	});
	return ids;
}

/** A sum the reader knows: the listed figures (shown or hidden) add up to `total` (shown or hidden). */
export interface Relation {
	parts: (number | null)[];
	total: number | null;
	/** which hidden figures these are: the names of the parts and of the total (null when shown) */
	names: string[];
	totalName: string;
}

/**
 * What an attacker who adds and subtracts can pin down: bounds on each hidden figure, tightened line by
 * line (a hidden part is at most the total minus the shown parts minus the lower bounds of the other hidden
 * parts, and at least the total minus the upper bounds of the others) until nothing changes. Every bound is
 * a real inference, so a hidden figure whose bounds meet is worked out. `lowest` is what the attacker
 * assumes a hidden figure is at least (1 under a rule that hides only counts from 1 up).
 */
export function boundsOf(
	relations: Relation[],
	lowest: number,
	highest: number,
	roundedTo = 1
): Map<string, [number, number]> {
	// a shown figure p rounded to the nearest multiple of roundedTo is a count from p - floor(b/2) to p + ceil(b/2) - 1
	const shown = (p: number): [number, number] =>
		roundedTo <= 1 ? [p, p] : [Math.max(0, p - Math.floor(roundedTo / 2)), p + Math.ceil(roundedTo / 2) - 1];
	const bounds = new Map<string, [number, number]>();
	const hidden = (name: string) => {
		if (!bounds.has(name)) bounds.set(name, [lowest, highest]);
		return bounds.get(name)!;
	};
	for (const r of relations) {
		r.parts.forEach((p, i) => p === null && hidden(r.names[i]!));
		if (r.total === null) hidden(r.totalName);
	}
	let changed = true;
	let rounds = 0;
	while (changed && rounds++ < 1000) {
		changed = false;
		for (const r of relations) {
			const terms = r.parts.map((p, i) => (p === null ? hidden(r.names[i]!) : shown(p)));
			const total = r.total === null ? hidden(r.totalName) : shown(r.total);
			const lo = terms.reduce((s, t) => s + t[0], 0);
			const hi = terms.reduce((s, t) => s + t[1], 0);
			// the total lies within the sum of the parts' bounds
			if (r.total === null) {
				if (total[0] < lo) [total[0], changed] = [lo, true];
				if (total[1] > hi) [total[1], changed] = [hi, true];
			}
			// each hidden part lies within the total minus the others
			r.parts.forEach((p, i) => {
				if (p !== null) return;
				const b = terms[i]!;
				const othersLo = lo - b[0];
				const othersHi = hi - b[1];
				const newLo = Math.max(b[0], total[0] - othersHi);
				const newHi = Math.min(b[1], total[1] - othersLo);
				if (newLo !== b[0] || newHi !== b[1]) {
					b[0] = newLo;
					b[1] = newHi;
					changed = true;
				}
			});
		}
	}
	return bounds;
}

/**
 * The hidden figures whose bounds meet above zero: worked out by the attacker. A hidden figure pinned to 0
 * says only that nobody in the group gave that answer, which a published 0 (nobody at all gave it) already
 * says; what a 0 can give away, that everyone in a group gave one answer, the tests check on its own.
 */
export function pinned(bounds: Map<string, [number, number]>): string[] {
	return [...bounds].filter(([, [lo, hi]]) => lo >= hi && hi > 0).map(([name]) => name);
}
