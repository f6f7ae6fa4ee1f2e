import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../src/lib/server/api';
import { StartupError } from '../../src/lib/server/platform/backend';
import { mailSettings, sendDueNotices, type Mailer } from '../../src/lib/server/safeguarding/notices';

/**
 * The safeguarding lead is told by email that something has arrived, never what: sent through a real
 * SMTP server (smtp-server, on a port of its own) with nodemailer, as the app sends it.
 */

const DISCLOSURE = 'My dad hits me';

/** A message as a reader sees it: quoted-printable soft line breaks joined and its escapes decoded. */
const readable = (raw: string) =>
	raw
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

/** A client whose api.safeguarding_notices_due answers these rows, and remembers what it was asked. */
function clientAnswering(rows: unknown[]) {
	const asked: unknown[] = [];
	const client = {
		rpc: async (fn: string, args: unknown) => {
			asked.push({ fn, args });
			return { data: rows, error: null, status: 200 };
		}
	} as unknown as Client;
	return { client, asked };
}

const due = (recipients: string[], n = 1) => ({
	organisation_id: '11111111-1111-4111-8111-111111111111',
	organisation_name: 'Northbridge',
	new_items: n,
	recipients
});

describe('safeguarding notices by email', () => {
	const received: { to: string[]; raw: string }[] = [];
	let server: SMTPServer;
	let port: number;

	beforeAll(async () => {
		server = new SMTPServer({
			authOptional: true,
			disabledCommands: ['STARTTLS'],
			onData(stream, session, callback) {
				const chunks: Buffer[] = [];
				stream.on('data', (c: Buffer) => chunks.push(c));
				stream.on('end', () => {
					received.push({
						to: session.envelope.rcptTo.map((r) => r.address),
						raw: readable(Buffer.concat(chunks).toString('utf8'))
					});
					callback();
				});
			}
		});
		server.listen(0, '127.0.0.1');
		await once(server.server, 'listening');
		port = (server.server.address() as AddressInfo).port;
	});
	afterAll(async () => {
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});

	it('sends each safeguarding member one email with the count and the link, and nothing of the item', async () => {
		received.length = 0;
		const mailer = nodemailer.createTransport(`smtp://127.0.0.1:${port}`);
		const { client, asked } = clientAnswering([due(['lead@council.example', 'deputy@council.example'], 3)]);
		const result = await sendDueNotices(client, mailer, {
			origin: 'https://impact.council.example/',
			from: 'Co-production Impact <noreply@council.example>'
		});
		expect(result).toEqual({ sent: 2, failed: 0 });
		expect(asked).toEqual([{ fn: 'safeguarding_notices_due', args: { p_quiet_minutes: 15 } }]);
		expect(received.map((m) => m.to).sort()).toEqual([['deputy@council.example'], ['lead@council.example']]);
		for (const { raw } of received) {
			expect(raw).toMatch(/^Subject: 3 new items in the safeguarding queue$/m);
			expect(raw).toContain('There are 3 new items in the safeguarding queue of Northbridge.');
			expect(raw).toContain('https://impact.council.example/safeguarding');
			expect(raw).not.toContain(DISCLOSURE);
			expect(raw).not.toMatch(/hits/i);
		}
	});

	it('says "a new item" for one', async () => {
		received.length = 0;
		const mailer = nodemailer.createTransport(`smtp://127.0.0.1:${port}`);
		await sendDueNotices(clientAnswering([due(['lead@council.example'])]).client, mailer, {
			origin: 'http://localhost:3000',
			from: 'noreply@council.example'
		});
		expect(received).toHaveLength(1);
		expect(received[0]!.raw).toMatch(/^Subject: New item in the safeguarding queue$/m);
		expect(received[0]!.raw).toContain('There is a new item in the safeguarding queue of Northbridge.');
	});

	it('sends nothing when nothing is due', async () => {
		received.length = 0;
		const mailer = nodemailer.createTransport(`smtp://127.0.0.1:${port}`);
		const result = await sendDueNotices(clientAnswering([]).client, mailer, {
			origin: 'http://localhost:3000',
			from: 'noreply@council.example'
		});
		expect(result).toEqual({ sent: 0, failed: 0 });
		expect(received).toHaveLength(0);
	});

	it('logs a failed send by organisation and kind only, and goes on with the others', async () => {
		const logged: string[] = [];
		let calls = 0;
		const mailer: Mailer = {
			async sendMail() {
				if (calls++ === 0) throw Object.assign(new Error(`refused: ${DISCLOSURE}`), { code: 'EENVELOPE' });
			}
		};
		const result = await sendDueNotices(
			clientAnswering([due(['a@council.example', 'b@council.example'])]).client,
			mailer,
			{ origin: 'http://localhost:3000', from: 'noreply@council.example' },
			(m) => logged.push(m)
		);
		expect(result).toEqual({ sent: 1, failed: 1 });
		expect(logged).toEqual(['Could not send a safeguarding notice for Northbridge (EENVELOPE).']);
	});

	it('is off without SMTP_URL, and refuses to start with a bad one or no sender', () => {
		expect(mailSettings({})).toBeNull();
		expect(mailSettings({ SMTP_URL: 'smtp://u:p@mail.example:587', MAIL_FROM: 'x@council.example' })).toEqual(
			{
				smtpUrl: 'smtp://u:p@mail.example:587',
				from: 'x@council.example'
			}
		);
		expect(() => mailSettings({ SMTP_URL: 'mail.example' })).toThrow(StartupError);
		expect(() => mailSettings({ SMTP_URL: 'http://mail.example' })).toThrow(/smtp:\/\//);
		expect(() => mailSettings({ SMTP_URL: 'smtp://mail.example' })).toThrow(/MAIL_FROM/);
	});
});
