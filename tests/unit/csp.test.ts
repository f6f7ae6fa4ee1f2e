import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config, { ANNOUNCER_STYLE_HASH } from '../../svelte.config.js';
import { overTimeCharts } from '$lib/server/decisions/over-time-charts';
import type { ImpactOverTime } from '$lib/decisions/over-time';

describe('the Content-Security-Policy for styles', () => {
	it("has no 'unsafe-inline', and allows the announcer's style attribute of the installed SvelteKit by its hash", () => {
		const styleSrc = config.kit?.csp?.directives?.['style-src'] ?? [];
		expect(styleSrc).not.toContain('unsafe-inline');
		expect(styleSrc).toEqual(['self', 'unsafe-hashes', ANNOUNCER_STYLE_HASH]);
		const kit = path.join(process.cwd(), 'node_modules', '@sveltejs', 'kit');
		const root = readFileSync(path.join(kit, 'src', 'core', 'sync', 'write_root.js'), 'utf8');
		const style = /id="svelte-announcer"[^>]*\sstyle="([^"]+)"/.exec(root)?.[1];
		expect(style).toBeDefined();
		expect(`sha256-${createHash('sha256').update(style!).digest('base64')}`).toBe(ANNOUNCER_STYLE_HASH);
	});

	it('a chart Plot draws with a legend carries no <style> and no style attribute, its look as attributes', () => {
		const charts = overTimeCharts({
			exact: true,
			rule: { threshold: 10, rounding_base: 1 },
			themes: [{ quarter: '2026-01-01', raised: 4, answered: 1 }],
			responses: [],
			activities: [{ quarter: '2026-01-01', participation: 'engagement', activities: 2 }]
		} as unknown as ImpactOverTime);
		for (const svg of [charts.themes.svg, charts.activities.svg]) {
			expect(svg).toContain('plot-chart-swatches');
			expect(svg).not.toMatch(/<style|\sstyle=/);
			expect(svg).toMatch(
				/<svg[^>]*\scolor="#1a1a1a"[^>]*\sfont-size="12"|<svg[^>]*\sfont-size="12"[^>]*\scolor="#1a1a1a"/
			);
		}
	});
});
