import { DEMO_ORGANISATION_SLUG } from '../demo/accounts';
import type { Backend, BackendEnv } from './backend';

/**
 * What the server prints once it is ready: where to open it, and, in the demo, its accounts. The
 * demo passwords are printed only at the start that made them; later starts say where they are kept.
 */
export function announce(b: Backend, env: BackendEnv & { PORT?: string; HOST?: string; ORIGIN?: string }) {
	const port = env.PORT ?? '3000';
	const url = env.ORIGIN ?? `http://localhost:${port}`;
	const lines = [
		'',
		`Co-production Impact is running at ${url}`,
		`  database: ${b.mode}${b.migration ? `, migration ${b.migration}` : ''}`
	];
	lines.push(
		env.SMTP_URL
			? `  safeguarding mail: on, through ${new URL(env.SMTP_URL).host}, from ${env.MAIL_FROM ?? ''}`
			: '  safeguarding mail: off (set SMTP_URL and MAIL_FROM to tell safeguarding members of new items)'
	);
	const demo = b.demo;
	if (demo) {
		lines.push(`  demo area: ${DEMO_ORGANISATION_SLUG}; survey for parent carers: ${url}/s/ehc-journey`);
		if (demo.foundBefore) {
			lines.push('  the demo area was already in the database: its accounts keep the passwords they had');
		} else if (demo.created) {
			lines.push('  demo accounts (sign in at /sign-in), shown this once and kept in ' + demo.file + ':');
			for (const a of demo.created)
				lines.push(`    ${a.role.padEnd(13)} ${a.email.padEnd(34)} ${a.password}`);
		} else {
			lines.push(`  demo accounts: their passwords are in ${demo.file}`);
		}
	}
	console.log(lines.join('\n'));
}
