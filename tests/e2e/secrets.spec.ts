import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { findSecrets, type Finding } from '../support/secret-scan';
import { e2eDataDir } from '../../scripts/lib/e2e.js';
import { DEMO_ORGANISATION_SLUG } from '../../src/lib/server/demo/accounts';
import { signedInContext } from './helpers';

/**
 * Nothing secret reaches a browser (issue 12): the built client files, and the pages the running
 * server sends to a visitor, a respondent and a signed-in lead, hold no service key, no private key,
 * no server setting's value, and none of the running server's own secrets (its JWT secret and the
 * demo passwords made at its first start, in .data/e2e-<port>) nor the environment's keys.
 */
const root = process.cwd();
const TEXT = /\.(js|mjs|css|html|json|svg|txt|webmanifest|map)$/;

async function files(dir: string): Promise<string[]> {
	const out: string[] = [];
	for (const entry of await readdir(dir, { withFileTypes: true })) {
		const p = path.join(dir, entry.name);
		if (entry.isDirectory()) out.push(...(await files(p)));
		else if (TEXT.test(entry.name)) out.push(p);
	}
	return out;
}

async function knownSecrets(): Promise<string[]> {
	const data = e2eDataDir();
	const jwt = (await readFile(path.join(data, 'jwt-secret'), 'utf8')).trim();
	const demo = JSON.parse(await readFile(path.join(data, 'demo-accounts.json'), 'utf8')) as {
		accounts: { password: string }[];
	};
	const env = Object.entries(process.env)
		.filter(([name, value]) => /KEY|SECRET|PASSWORD|TOKEN/i.test(name) && value)
		.map(([, value]) => value!);
	return [jwt, ...demo.accounts.map((a) => a.password), ...env];
}

test('the built client files and the pages served hold no secret', async ({ browser, request }) => {
	const known = await knownSecrets();
	expect(known.length).toBeGreaterThan(4); // the JWT secret and the demo passwords at least

	const built = await files(path.join(root, 'build', 'client'));
	expect(built.some((f) => f.endsWith('.js'))).toBe(true);
	const found: (Finding & { where: string })[] = [];
	for (const file of built) {
		for (const f of findSecrets(await readFile(file, 'utf8'), known)) {
			found.push({ ...f, where: path.relative(root, file) });
		}
	}

	for (const address of ['/', '/sign-in', `/o/${DEMO_ORGANISATION_SLUG}/you-said-we-did`]) {
		const response = await request.get(address);
		expect(response.status()).toBe(200);
		for (const f of findSecrets(await response.text(), known)) found.push({ ...f, where: address });
	}
	const lead = await signedInContext(browser, 'lead');
	const page = await lead.newPage();
	for (const address of ['/dashboard', '/surveys', '/feedback']) {
		const response = await page.goto(address);
		expect(response?.status()).toBe(200);
		for (const f of findSecrets(await page.content(), known)) found.push({ ...f, where: address });
	}
	await lead.close();
	expect(found).toEqual([]);
});
