import { Readable } from 'node:stream';
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { ApiError, SESSION_ENDED } from '$lib/server/api';
import { exportStream, fileName, startExport } from '$lib/server/exports/responses';
import type { RequestHandler } from './$types';

const query = z.object({
	wave: z.union([z.literal('all'), z.uuid()]).default('all'),
	format: z.enum(['csv', 'xlsx', 'dictionary']).default('csv'),
	values: z.enum(['labels', 'codes']).default('labels')
});

const TYPES = {
	csv: 'text/csv; charset=utf-8',
	dictionary: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
} as const;

/**
 * A download of a wave's responses (or every wave's), streamed as it is read. The database refuses
 * anyone but the survey's admins, leads and officers, and records the download; a refusal is a 403
 * with the database's plain message, before any of the file is sent.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	// signed out, or a session that has ended: a 401, as the other downloads answer
	const { user } = await locals.safeGetSession();
	if (!user) error(401, SESSION_ENDED);
	const parsed = query.safeParse(Object.fromEntries(url.searchParams));
	if (!parsed.success) error(400, 'Choose a wave, a kind of file and how answers are shown.');
	const q = parsed.data;
	const request = {
		surveyId: params.surveyId,
		waveId: q.wave === 'all' ? null : q.wave,
		format: q.format,
		labels: q.values === 'labels'
	};
	let dictionary;
	try {
		dictionary = await startExport(locals.supabase, request);
	} catch (e) {
		if (e instanceof ApiError && (e.code === '42501' || e.hint === 'not_permitted')) error(403, e.reason);
		if (e instanceof ApiError && e.hint === 'invalid_request') error(400, e.reason);
		throw e;
	}
	const body = Readable.toWeb(exportStream(locals.supabase, request, dictionary)) as ReadableStream;
	return new Response(body, {
		headers: {
			'content-type': TYPES[q.format],
			'content-disposition': `attachment; filename="${fileName(dictionary, request)}"`,
			'cache-control': 'no-store'
		}
	});
};
