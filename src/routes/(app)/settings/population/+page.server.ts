import { error, fail } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { ApiError, refusal } from '$lib/server/api';
import { listMemberships, type Membership } from '$lib/server/members/data';
import { redirectWithNotice, takeNotice } from '$lib/server/builder/forms';
import { readFormPost } from '$lib/server/form-post';
import { DFE_SOURCE, dfeAreas, dfeFigures } from '$lib/server/representation/dfe';
import { populationSettings, removePopulation, setPopulation } from '$lib/server/representation/data';
import { readPopulationFile } from '$lib/representation/csv';
import { areaSchema } from '$lib/representation/schema';
import type { Actions, PageServerLoad } from './$types';

const REFUSED = 'Only an administrator can change the population figures.';
const PATH = '/settings/population';
const MAX_BYTES = 1_000_000;

async function adminSettings(locals: App.Locals, memberships: Membership[]) {
	const id = memberships.find((m) => m.role === 'admin')?.organisation_id;
	const settings = id ? await populationSettings(locals.supabase, id) : null;
	if (!settings?.can_edit) error(403, REFUSED);
	const name = memberships.find((m) => m.organisation_id === id)?.organisation_name ?? '';
	return { settings, name };
}

export const load = (async ({ cookies, locals, parent }) => {
	const { memberships } = await parent();
	const { settings, name } = await adminSettings(locals, memberships);
	const dfe = settings.populations.find((p) => p.origin === 'dfe');
	const form = await superValidate(
		{
			la_code: settings.la_code ?? '',
			year: (dfe?.year === 'January 2024' ? '2024' : '2025') as '2024' | '2025'
		},
		zod4(areaSchema),
		{ errors: false, id: 'area' }
	);
	return {
		organisationName: name,
		populations: settings.populations.map(({ counts, ...p }) => ({ ...p, rows: counts.length })),
		areas: dfeAreas(),
		form,
		notice: takeNotice(cookies, PATH)
	};
}) satisfies PageServerLoad;

export const actions = {
	area: async ({ cookies, locals, request }) => {
		const form = await superValidate(request, zod4(areaSchema), { id: 'area' });
		if (!form.valid) return fail(400, { form });
		const { settings } = await adminSettings(locals, await listMemberships(locals.supabase));
		const figures = dfeFigures(form.data.la_code, form.data.year);
		if (!figures) {
			setError(
				form,
				'la_code',
				`There are no DfE figures for that local authority in ${form.data.year}: choose another.`
			);
			return fail(400, { form });
		}
		try {
			await setPopulation(locals.supabase, settings.organisation_id, {
				origin: 'dfe',
				source: DFE_SOURCE,
				year: figures.year,
				rows: figures.rows,
				laCode: form.data.la_code,
				laName: figures.name
			});
		} catch (e) {
			if (e instanceof ApiError && e.hint === 'not_permitted') error(403, REFUSED);
			throw e;
		}
		const missing = figures.rows.filter((r) => r.count === '').length;
		redirectWithNotice(
			cookies,
			PATH,
			`Loaded DfE’s figures for ${figures.name}, ${figures.year}.` +
				(missing > 0
					? ` DfE marks ${missing} of its figures as not available (x): they are shown as such.`
					: '')
		);
	},
	upload: async ({ cookies, locals, request }) => {
		const { settings } = await adminSettings(locals, await listMemberships(locals.supabase));
		const file = (await readFormPost(request)).get('file');
		if (!(file instanceof File) || file.size === 0 || file.name === '') {
			return fail(400, { upload: { fileError: 'Choose a CSV file of population figures.', problems: [] } });
		}
		if (file.size > MAX_BYTES) {
			return fail(400, { upload: { fileError: 'The file is larger than 1 MB.', problems: [] } });
		}
		const parsed = readPopulationFile(new Uint8Array(await file.arrayBuffer()));
		const bad = (problems: { row: number | null; message: string }[]) =>
			fail(400, {
				upload: {
					fileError:
						problems.find((p) => p.row === null)?.message ??
						'Some rows need attention: nothing was loaded. Fix them and upload the file again.',
					problems: problems.filter((p) => p.row !== null)
				}
			});
		if (!parsed.ok) return bad(parsed.problems);
		let rows: number;
		try {
			rows = (
				await setPopulation(locals.supabase, settings.organisation_id, {
					origin: 'upload',
					...parsed.value
				})
			).rows;
		} catch (e) {
			if (e instanceof ApiError && e.hint === 'not_permitted') error(403, REFUSED);
			const problems = refusal(e, 'invalid_population');
			if (!problems) throw e;
			return bad(problems.problems);
		}
		redirectWithNotice(cookies, PATH, `Loaded ${rows.toLocaleString('en-GB')} rows from ${file.name}.`);
	},
	remove: async ({ cookies, locals, request }) => {
		const { settings } = await adminSettings(locals, await listMemberships(locals.supabase));
		const origin = (await readFormPost(request)).get('origin');
		if (origin !== 'dfe' && origin !== 'upload') error(400, 'Say which figures to remove.');
		await removePopulation(locals.supabase, settings.organisation_id, origin);
		redirectWithNotice(
			cookies,
			PATH,
			origin === 'dfe' ? 'Removed the DfE figures.' : 'Removed the figures you uploaded.'
		);
	}
} satisfies Actions;
