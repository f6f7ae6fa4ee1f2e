import { env as privateEnv } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';
import type { BackendEnv } from './backend';

/** The server's environment, private and public variables together, read at run time. */
export function serverEnv(): BackendEnv {
	return { ...privateEnv, ...publicEnv };
}
