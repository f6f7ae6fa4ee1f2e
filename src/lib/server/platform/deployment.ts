import type { BackendEnv } from './backend';

/**
 * What a server that others can reach should have been told, and was not: one line each, printed at
 * start (hooks.server.ts). A server listening on a loopback address (HOST=127.0.0.1, localhost or
 * ::1) is reached only through this machine, by a proxy in front of it or by its own user, and
 * hears nothing; adapter-node listens on every interface unless HOST says otherwise.
 */
export function deploymentWarnings(env: BackendEnv & { HOST?: string; ADDRESS_HEADER?: string }): string[] {
	const warnings: string[] = [];
	// wherever it listens: the API's calls run on the migrations' owner, whose rights a RESET ROLE regains
	if (env.DATABASE_URL && !env.PUBLIC_SUPABASE_URL && !env.API_DATABASE_URL) {
		warnings.push(
			`API_DATABASE_URL is not set: the API's calls run on DATABASE_URL's user, which owns the tables. Set API_DATABASE_URL to a connection as the authenticator role (ALTER ROLE authenticator PASSWORD '...'), as PostgREST connects on Supabase.`
		);
	}
	const host = (env.HOST ?? '0.0.0.0').trim().toLowerCase();
	const loopback =
		host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
	if (loopback) return warnings;
	if (!env.ORIGIN) {
		warnings.push(
			`ORIGIN is not set while listening on ${host}: the server takes its own address from each request's Host header. Set ORIGIN to the address people use (https://surveys.council.example).`
		);
	}
	if (!env.ADDRESS_HEADER) {
		warnings.push(
			`ADDRESS_HEADER is not set while listening on ${host}: behind a reverse proxy everyone shares the proxy's address, so one person's wrong sign-ins or burst of answers holds back everyone. Set ADDRESS_HEADER=X-Forwarded-For (and XFF_DEPTH to the number of proxies), or listen on HOST=127.0.0.1 behind the proxy.`
		);
	}
	return warnings;
}
