import { DEMO_ACCOUNTS, DEMO_ORGANISATION_SLUG } from '../demo/accounts';
import type { Backend, BackendEnv } from './backend';

/** What the server prints once it is ready: where to open it, and the demo accounts. */
export function announce(b: Backend, env: BackendEnv & { PORT?: string; HOST?: string; ORIGIN?: string }) {
	const port = env.PORT ?? '3000';
	const url = env.ORIGIN ?? `http://localhost:${port}`;
	const lines = [
		'',
		`Co-production Impact is running at ${url}`,
		`  database: ${b.mode}${b.migration ? `, migration ${b.migration}` : ''}`
	];
	if (b.mode !== 'supabase' && env.DEMO_DATA !== 'off') {
		lines.push(`  demo area: ${DEMO_ORGANISATION_SLUG}; survey for parent carers: ${url}/s/ehc-journey`);
		lines.push('  demo accounts (sign in at /sign-in):');
		for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.role.padEnd(13)} ${a.email.padEnd(34)} ${a.password}`);
	}
	console.log(lines.join('\n'));
}
