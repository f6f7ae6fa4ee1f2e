import { call, type Client } from '../api';
import type { Backend } from './backend';
import { every, type Every } from './every';
import { serverClient } from './server-client';

/** How often expired drafts and idle address counts are purged. */
export const PURGE_EVERY_MS = 10 * 60_000;

/**
 * Deletes what may no longer be kept (api.purge_expired): drafts past their expiry or of a wave closed
 * a week ago, and the counts of client addresses not seen for a day.
 */
export function purgeExpired(client: Client) {
	return call(client, 'purge_expired');
}

/** Purges once now and then every PURGE_EVERY_MS, for as long as the server runs. */
export function startPurge(b: Pick<Backend, 'url' | 'serviceRoleKey' | 'fetch'>, ms = PURGE_EVERY_MS): Every {
	const client = serverClient(b);
	const job = every(ms, 'Purging expired drafts', () => purgeExpired(client));
	void job.tick();
	return job;
}
