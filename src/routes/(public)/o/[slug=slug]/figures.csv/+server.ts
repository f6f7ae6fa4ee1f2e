import { csvDownload } from '$lib/server/charts/download';
import { publicFigures } from '$lib/server/indicators/public';
import type { RequestHandler } from './$types';

/** Every published indicator's figures, one row per wave, as the page shows them ([c] for a hidden count). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { organisation, indicators } = await publicFigures(locals.supabase, params.slug);
	const rows = indicators.flatMap(({ indicator, trend }) =>
		trend.map((t) => [
			indicator.survey.title,
			indicator.prompt,
			indicator.positive.join(' or '),
			t.wave_label,
			t.wave_kind,
			t.as_of,
			t.n === null ? '[c]' : t.n,
			t.positive === null ? (t.n === 0 ? 0 : '[c]') : t.positive,
			t.share === null ? null : Math.round(Number(t.share) * 1000) / 10,
			t.rule.label
		])
	);
	return csvDownload(
		[
			[
				'Survey',
				'Indicator',
				'Counts as positive',
				'Wave',
				'Kind',
				'As at',
				'Answered (n)',
				'Positive',
				'Share (%)',
				'Rule'
			],
			...rows
		],
		`${organisation.slug}-figures.csv`
	);
};
