import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_SURVEY_LINKS } from '../../src/lib/server/demo/accounts';
import { DEMO_DATA } from '../../src/lib/server/demo/data';
import { isPublicHttpsOrigin } from '../../src/lib/server/demo/first-start';

describe('the demo accounts', () => {
	it('refuse to start on a public https address, and only there', () => {
		for (const origin of [
			'https://surveys.northbridge.gov.uk',
			'https://coproduction.example.org',
			'https://203.0.113.9',
			'https://8.8.8.8:8443'
		]) {
			expect(isPublicHttpsOrigin(origin), origin).toBe(true);
		}
		for (const origin of [
			undefined,
			'',
			'not a url',
			'http://surveys.northbridge.gov.uk',
			'https://localhost:3000',
			'https://demo.localhost',
			'https://127.0.0.1:3000',
			'https://[::1]:3000',
			'https://192.168.1.20',
			'https://10.0.0.5',
			'https://172.20.0.2',
			'https://laptop.local',
			'https://demo.test'
		]) {
			expect(isPublicHttpsOrigin(origin), String(origin)).toBe(false);
		}
	});

	it('have no password anywhere in the code, tests, scripts or bench', () => {
		const roots = ['src', 'tests', 'scripts', 'bench'];
		const found: string[] = [];
		const walk = (dir: string) => {
			for (const name of readdirSync(dir)) {
				const file = path.join(dir, name);
				if (statSync(file).isDirectory()) walk(file);
				else if (
					/\.(ts|js|svelte|json)$/.test(name) &&
					readFileSync(file, 'utf8').match(/demo-[a-z]+-20\d\d/)
				)
					found.push(file);
			}
		};
		for (const root of roots) walk(root);
		expect(found).toEqual([]);
	});

	it('offer on the home page the demo surveys that exist, with their titles', () => {
		for (const link of DEMO_SURVEY_LINKS) {
			const survey = DEMO_DATA.surveys.find((s) => s.slug === link.slug);
			expect(survey?.title, link.slug).toBe(link.title);
		}
	});
});
