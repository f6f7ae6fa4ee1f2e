import nodemailer from 'nodemailer';
import type { NoticeDue } from '$lib/feedback/types';
import { call, type Client } from '../api';
import { StartupError, type Backend, type BackendEnv } from '../platform/backend';
import { every, type Every } from '../platform/every';
import { serverClient } from '../platform/server-client';

/**
 * "Where mail is configured, the safeguarding lead is told that something has arrived (never what)."
 * The server asks the database now and then which organisations have new flags
 * (api.safeguarding_notices_due, which also keeps a quiet period between two notices) and sends each
 * safeguarding member one short email: how many new items, and the address of the queue. Never the
 * text, the survey or anything of the respondent: they are read in the queue, signed in.
 */

/** How often the server asks, and the least time between two notices to one organisation. */
export const NOTICE_EVERY_MS = 60_000;
export const QUIET_MINUTES = 15;

/** What sends mail: nodemailer's transport, or a stand-in in tests. */
export interface Mailer {
	sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

export interface MailSettings {
	smtpUrl: string;
	from: string;
}

/** SMTP_URL and MAIL_FROM, checked; null when mail is not set up. Throws StartupError naming what to fix. */
export function mailSettings(env: BackendEnv): MailSettings | null {
	if (!env.SMTP_URL) return null;
	let url: URL;
	try {
		url = new URL(env.SMTP_URL);
	} catch {
		throw new StartupError('SMTP_URL is not an address: write it as smtp://user:password@host:587.');
	}
	if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
		throw new StartupError(
			'SMTP_URL must start with smtp:// or smtps://, for example smtp://user:password@host:587.'
		);
	}
	if (!env.MAIL_FROM?.includes('@')) {
		throw new StartupError(
			'SMTP_URL is set but MAIL_FROM is not: set it to the sender, for example "Co-production Impact <noreply@council.example>".'
		);
	}
	return { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM };
}

/** The email to one safeguarding member: a count and a link, nothing of the items. */
export function noticeMessage(due: NoticeDue, to: string, origin: string, from: string) {
	const n = due.new_items;
	const items = n === 1 ? 'a new item' : `${n.toLocaleString('en-GB')} new items`;
	return {
		from,
		to,
		subject: n === 1 ? 'New item in the safeguarding queue' : `${n} new items in the safeguarding queue`,
		text: [
			`There ${n === 1 ? 'is' : 'are'} ${items} in the safeguarding queue of ${due.organisation_name}.`,
			'',
			`Sign in to read ${n === 1 ? 'it' : 'them'} and record what you do: ${origin.replace(/\/$/, '')}/safeguarding`,
			'',
			'For the safety of the people who wrote them, this email never says what they are: they are shown only in the queue, to the safeguarding role.'
		].join('\n')
	};
}

/**
 * Sends the notices due now. A failed send is logged with the organisation and the kind of failure
 * only, and does not stop the others; the queue itself still shows every item on the lead's home.
 */
export async function sendDueNotices(
	client: Client,
	mailer: Mailer,
	options: { origin: string; from: string; quietMinutes?: number },
	log: (message: string) => void = (m) => console.error(m)
): Promise<{ sent: number; failed: number }> {
	const due = await call(client, 'safeguarding_notices_due', {
		p_quiet_minutes: options.quietMinutes ?? QUIET_MINUTES
	});
	let sent = 0;
	let failed = 0;
	for (const d of due) {
		for (const to of d.recipients) {
			try {
				await mailer.sendMail(noticeMessage(d, to, options.origin, options.from));
				sent++;
			} catch (error) {
				failed++;
				const code = (error as { code?: unknown }).code;
				log(
					`Could not send a safeguarding notice for ${d.organisation_name} (${typeof code === 'string' ? code : error instanceof Error ? error.name : 'error'}).`
				);
			}
		}
		if (d.recipients.length === 0) {
			log(
				`${d.organisation_name} has new safeguarding items and no member with the safeguarding role to tell.`
			);
		}
	}
	return { sent, failed };
}

/** Starts the notices when mail is set up: every NOTICE_EVERY_MS, never two runs at once. */
export function startSafeguardingMail(
	b: Pick<Backend, 'url' | 'serviceRoleKey' | 'fetch'>,
	settings: MailSettings,
	origin: string
): Every {
	const mailer = nodemailer.createTransport(settings.smtpUrl);
	const client = serverClient(b);
	return every(NOTICE_EVERY_MS, 'Sending safeguarding notices', () =>
		sendDueNotices(client, mailer, { origin, from: settings.from })
	);
}
