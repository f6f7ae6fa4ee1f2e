/**
 * Responses out, as the download reads them (20261204400100_fast_response_export.sql and
 * src/lib/server/exports/responses.ts): api.response_export_rows gives the responses a page at a
 * time in a compact form, and the download reads the next page while it writes this one. An export
 * of many pages holds every response exactly once, in the order they were sent (responses sent in
 * the same instant in the order of their ids), with the same answers as api.response_export_page;
 * an export stopped mid-way leaves the next one whole; only admins, leads and officers may read the
 * pages; and the data dictionary (so the file's columns) orders questions that share a position
 * by their key.
 */
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { beforeAll, expect, it } from 'vitest';
import { call, type Client as ApiClient } from '$lib/server/api';
import type { ExportedResponse } from '$lib/exports/types';
import { exportStream, responsePages, startExport, type ExportRequest } from '$lib/server/exports/responses';
import { forEachEngine, type Client, type Organisation, type Survey } from './engines';

/** Each answer's options in one order, so that two reads of the same answers compare equal. */
function normalised(r: ExportedResponse) {
	const answers = Object.fromEntries(
		Object.entries(r.answers)
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v])
	);
	return { ...r, answers };
}

async function readAll(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

forEachEngine('downloads of many pages (api.response_export_rows)', (engine) => {
	let org: Organisation;
	let survey: Survey;
	let lead: ApiClient;
	const ids: string[] = [];

	beforeAll(async () => {
		org = await engine.createOrganisation();
		survey = await engine.createSurvey(org);
		lead = (await engine.signInAs(await engine.createMember(org, 'lead'))) as unknown as ApiClient;
		// each call's responses are sent in one transaction, so in the same instant: their order is their ids'
		ids.push(
			...(await engine.addResponses(survey, survey.waves.closed!, 7, {
				feel: 'agree',
				services: ['social_care', 'health']
			}))
		);
		ids.push(
			...(await engine.addResponses(
				survey,
				survey.waves.open!,
				4,
				{ feel: 'disagree', services: ['education'], comment: 'My name is Sam', age: 9 },
				{ phase: 'primary' }
			))
		);
		ids.push(...(await engine.addResponses(survey, survey.waves.open!, 2, { age: 15 })));
		// a response with no answers at all is a row too
		ids.push(...(await engine.addResponses(survey, survey.waves.closed!, 1, {})));
	});

	it(`${engine.label} an export of many pages has every response exactly once, in the order they were sent, with the answers of api.response_export_page`, async () => {
		const reference = (await call(lead, 'response_export_page', {
			p_survey_id: survey.id,
			p_limit: 1000
		})) as ExportedResponse[];
		expect(reference).toHaveLength(ids.length);

		for (const pageSize of [2, 3, 5]) {
			const pages: ExportedResponse[][] = [];
			for await (const page of responsePages(lead, survey.id, null, pageSize)) pages.push(page);
			expect(pages.length, `pages of ${pageSize}`).toBe(Math.ceil(ids.length / pageSize));
			const read = pages.flat();
			expect(read.map((r) => r.id)).toEqual(reference.map((r) => r.id));
			expect(new Set(read.map((r) => r.id)).size).toBe(ids.length);
			expect(read.map(normalised)).toEqual(reference.map(normalised));
		}

		// in the order they were sent; the same instant, by id
		const order = reference.map((r) => [r.submitted_at, r.id] as const);
		const sorted = [...order].sort(([a, x], [b, y]) =>
			Date.parse(a) !== Date.parse(b) ? Date.parse(a) - Date.parse(b) : x < y ? -1 : x > y ? 1 : 0
		);
		expect(order).toEqual(sorted);

		// one wave: only its responses, each once
		const open: string[] = [];
		for await (const page of responsePages(lead, survey.id, survey.waves.open!.id, 4))
			open.push(...page.map((r) => r.id));
		expect(open).toEqual(reference.filter((r) => r.wave === survey.waves.open!.slug).map((r) => r.id));
		expect(open).toHaveLength(6);
		const future: string[] = [];
		for await (const page of responsePages(lead, survey.id, survey.waves.future!.id, 4))
			future.push(...page.map((r) => r.id));
		expect(future).toEqual([]);
	});

	it(`${engine.label} the CSV of many pages: the headings, then one line a response, each once, no free text`, async () => {
		const request: ExportRequest = { surveyId: survey.id, waveId: null, format: 'csv', labels: false };
		const dictionary = await startExport(lead, request);
		const text = (await readAll(exportStream(lead, request, dictionary, 3))).toString('utf8');
		expect(text.startsWith('\ufeffresponse_id,')).toBe(true);
		const records = parse(text, { bom: true, columns: true }) as Record<string, string>[];
		expect(records.map((r) => r.response_id!).sort()).toEqual([...ids].sort());
		expect(text).not.toContain('Sam');
		const asked = records.filter((r) => r.feel === 'disagree');
		expect(asked).toHaveLength(4);
		for (const r of asked) {
			expect([r.services_education, r.services_health, r.age]).toEqual(['1', '0', '9']);
		}
		const unanswered = records.filter((r) => r.feel === '' && r.age === '');
		expect(unanswered).toHaveLength(1);
		expect(unanswered[0]!.services_health).toBe('');
	});

	it(`${engine.label} an export stopped mid-way (CSV or XLSX) leaves the next one whole, and each is logged`, async () => {
		const logged = async () =>
			(
				await engine.db.query<{ n: number }>(
					'select count(*)::int as n from app.response_exports where survey_id = $1',
					[survey.id]
				)
			)[0]!.n;
		for (const format of ['csv', 'xlsx'] as const) {
			const request: ExportRequest = { surveyId: survey.id, waveId: null, format, labels: true };
			const before = await logged();
			const stopped = exportStream(lead, request, await startExport(lead, request), 2);
			// the download goes away after its first bytes
			await new Promise<void>((resolve, reject) => {
				stopped.once('data', () => {
					stopped.destroy();
					resolve();
				});
				stopped.once('error', reject);
			});
			expect(stopped.destroyed).toBe(true);
			expect(await logged()).toBe(before + 1);

			const whole = await readAll(exportStream(lead, request, await startExport(lead, request), 2));
			expect(await logged()).toBe(before + 2);
			if (format === 'csv') {
				const records = parse(whole.toString('utf8'), { bom: true, columns: true }) as Record<
					string,
					string
				>[];
				expect(records.map((r) => r.response_id!).sort()).toEqual([...ids].sort());
			} else {
				const ExcelJS = (await import('exceljs')).default;
				const book = new ExcelJS.Workbook();
				await book.xlsx.load(whole as unknown as ArrayBuffer);
				const sheet = book.getWorksheet('Responses')!;
				const read: string[] = [];
				sheet.eachRow((row, n) => {
					if (n > 1) read.push(String(row.getCell(1).value));
				});
				expect(read.sort()).toEqual([...ids].sort());
			}
		}
	});

	it(`${engine.label} the ends of the pages: the last response of every full page, and each page read between two ends`, async () => {
		const reference = (await call(lead, 'response_export_page', {
			p_survey_id: survey.id,
			p_limit: 1000
		})) as ExportedResponse[];
		const ends = await call(lead, 'response_export_bounds', { p_survey_id: survey.id, p_limit: 3 });
		// 14 responses: the 3rd, 6th, 9th and 12th
		expect(ends.map(([, id]) => id)).toEqual([2, 5, 8, 11].map((i) => reference[i]!.id));
		for (const [i, [submitted]] of ends.entries()) {
			expect(Date.parse(submitted)).toBe(Date.parse(reference[3 * i + 2]!.submitted_at));
		}
		// the page between the first two ends: the 4th to the 6th, even when asked for more
		const between = await call(lead, 'response_export_rows', {
			p_survey_id: survey.id,
			p_after_submitted_at: ends[0]![0],
			p_after_id: ends[0]![1],
			p_before_submitted_at: ends[1]![0],
			p_before_id: ends[1]![1],
			p_limit: 10
		});
		expect(between.rows.map((r) => r[0])).toEqual(reference.slice(3, 6).map((r) => r.id));
		// one wave's ends are its own
		const open = await call(lead, 'response_export_bounds', {
			p_survey_id: survey.id,
			p_wave_id: survey.waves.open!.id,
			p_limit: 4
		});
		const openIds = reference.filter((r) => r.wave === survey.waves.open!.slug).map((r) => r.id);
		expect(open.map(([, id]) => id)).toEqual([openIds[3]]);
		expect(await call(lead, 'response_export_bounds', { p_survey_id: survey.id, p_limit: 20 })).toEqual([]);
		const { error } = await (lead as unknown as Client).rpc('response_export_bounds', {
			p_survey_id: survey.id,
			p_limit: 0
		});
		expect(error?.hint).toBe('invalid_request');
	});

	it(`${engine.label} responses sent while a download runs: every response sent before it, once, in order`, async () => {
		const late = await engine.createSurvey(org, { waves: ['open'] });
		const wave = late.waves.open!;
		const first = await engine.addResponses(late, wave, 6, { feel: 'agree' });
		const read: string[] = [];
		let arrived: string[] = [];
		for await (const page of responsePages(lead, late.id, null, 2)) {
			// after the first page, three more arrive (at the end of the order)
			if (read.length === 0) arrived = await engine.addResponses(late, wave, 3, { feel: 'neither' });
			read.push(...page.map((r) => r.id));
		}
		const sorted = (ids: string[]) => [...ids].sort();
		expect(read.slice(0, 6)).toEqual(sorted(first));
		expect(new Set(read).size).toBe(read.length);
		// the later ones come after, each once (those that landed in a range not yet read)
		for (const id of read.slice(6)) expect(arrived).toContain(id);
	});

	it(`${engine.label} the pages and their ends are refused to forum, scrutiny, safeguarding, another organisation and anon`, async () => {
		const other = await engine.signInAs(await engine.createMember(await engine.createOrganisation(), 'lead'));
		for (const fn of ['response_export_rows', 'response_export_bounds'] as const) {
			for (const role of ['forum', 'scrutiny', 'safeguarding'] as const) {
				const client: Client = await engine.signInAs(await engine.createMember(org, role));
				const { data, error } = await client.rpc(fn, { p_survey_id: survey.id });
				expect(data, `${fn} ${role}`).toBeNull();
				expect(error?.code, `${fn} ${role}`).toBe('42501');
			}
			const { error: otherError } = await other.rpc(fn, { p_survey_id: survey.id });
			expect(otherError?.code, fn).toBe('42501');
			const { data, error } = await engine.anon().rpc(fn, { p_survey_id: survey.id });
			expect(data, fn).toBeNull();
			expect(error?.code, fn).toBe('42501');
			// a wave of another survey is not read through this one
			const another = await engine.createSurvey(org, { waves: ['open'] });
			const wrongWave = await (lead as unknown as Client).rpc(fn, {
				p_survey_id: survey.id,
				p_wave_id: another.waves.open!.id
			});
			expect(wrongWave.error?.hint, fn).toBe('invalid_request');
		}
	});

	it(`${engine.label} questions that share a position come in the order of their keys, in the dictionary and the file`, async () => {
		const shared = await engine.createSurvey(org, { waves: ['open'] });
		await engine.db.query('update app.questions set position = 1 where survey_id = $1', [shared.id]);
		await engine.addResponses(shared, shared.waves.open!, 1, { feel: 'agree', services: ['health'], age: 4 });
		const request: ExportRequest = { surveyId: shared.id, waveId: null, format: 'csv', labels: false };
		const dictionary = await startExport(lead, request);
		expect(dictionary.questions.map((q) => q.key)).toEqual(['age', 'comment', 'feel', 'services']);
		const text = (await readAll(exportStream(lead, request, dictionary))).toString('utf8');
		const headings = text.replace('\ufeff', '').split('\n')[0]!.split(',');
		expect(headings.filter((h) => !h.endsWith('_version')).slice(6, 10)).toEqual([
			'age',
			'feel',
			'services_health',
			'services_education'
		]);
	});
});
