/**
 * What a server others can reach warns about at start (deploymentWarnings): an address taken from
 * the Host header when ORIGIN is not set, and one shared address for every limit when
 * ADDRESS_HEADER is not set; nothing when it listens on a loopback address only.
 */
import { describe, expect, it } from 'vitest';
import { deploymentWarnings } from '$lib/server/platform/deployment';

describe('deploymentWarnings', () => {
	it('names ORIGIN and ADDRESS_HEADER when listening on every interface (the default) without them', () => {
		for (const env of [{}, { HOST: '0.0.0.0' }, { HOST: '192.168.1.20' }]) {
			const warnings = deploymentWarnings(env);
			expect(warnings).toHaveLength(2);
			expect(warnings[0]).toMatch(/^ORIGIN is not set .*Host header/);
			expect(warnings[1]).toMatch(/^ADDRESS_HEADER is not set .*X-Forwarded-For/);
		}
	});

	it('says nothing of what is set', () => {
		expect(deploymentWarnings({ HOST: '0.0.0.0', ORIGIN: 'https://surveys.example' })).toEqual([
			expect.stringMatching(/^ADDRESS_HEADER/)
		]);
		expect(
			deploymentWarnings({ ORIGIN: 'https://surveys.example', ADDRESS_HEADER: 'X-Forwarded-For' })
		).toEqual([]);
	});

	it('names API_DATABASE_URL with DATABASE_URL and without it, wherever the server listens', () => {
		const local = { HOST: '127.0.0.1', DATABASE_URL: 'postgres://owner@db/app' };
		expect(deploymentWarnings(local)).toEqual([
			expect.stringMatching(/^API_DATABASE_URL is not set: .*authenticator role/)
		]);
		expect(deploymentWarnings({ ...local, API_DATABASE_URL: 'postgres://authenticator@db/app' })).toEqual([]);
		// the embedded default and Supabase have nothing to set
		expect(deploymentWarnings({ HOST: '127.0.0.1' })).toEqual([]);
		expect(deploymentWarnings({ ...local, PUBLIC_SUPABASE_URL: 'https://x.supabase.co' })).toEqual([]);
	});

	it('says nothing when only this machine can reach the server', () => {
		for (const HOST of ['127.0.0.1', '127.0.1.1', 'localhost', '::1', 'LOCALHOST'])
			expect(deploymentWarnings({ HOST }), HOST).toEqual([]);
	});
});
