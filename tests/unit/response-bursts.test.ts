/**
 * The survey page's notice of bursts of answers (ResponseBursts.svelte): nothing when there are
 * none; otherwise a heading, a plain sentence with how many hours, and a table of each hour in UK
 * time with its answers and the wave's usual number.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import ResponseBursts from '$lib/builder/ResponseBursts.svelte';

describe('ResponseBursts', () => {
	it('shows nothing when no hour stood out', () => {
		expect(render(ResponseBursts, { props: { bursts: [] } }).body).not.toContain('<section');
	});

	it('names the hours, in UK time, with their answers against the usual', () => {
		const { body } = render(ResponseBursts, {
			props: {
				bursts: [
					{
						wave_id: 'w2',
						wave_label: 'Repeat 2',
						hour: '2026-12-03T14:00:00+00:00',
						responses: 1240,
						usual: 2.5
					},
					{
						wave_id: 'w2',
						wave_label: 'Repeat 2',
						hour: '2026-07-01T09:00:00+00:00',
						responses: 31,
						usual: 0.4
					}
				]
			}
		});
		expect(body).toContain('Far more answers than usual');
		expect(body).toContain('In 2 hours a wave received at least 30 answers');
		const rows = [...body.matchAll(/<tr>(.*?)<\/tr>/gs)].map((m) =>
			[...m[1]!.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)].map((c) => c[1]!.replace(/<!--.*?-->/g, '').trim())
		);
		expect(rows).toEqual([
			['Wave', 'Hour', 'Answers that hour', 'Usual an hour'],
			['Repeat 2', '3 December 2026, 14:00 to 15:00', '1,240', '2.5'],
			// British Summer Time: 09:00 UTC is 10:00 in the UK
			['Repeat 2', '1 July 2026, 10:00 to 11:00', '31', '0.4']
		]);
	});
});
