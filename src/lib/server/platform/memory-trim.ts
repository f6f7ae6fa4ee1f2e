import { every, type Every } from './every';
import { StartupError, type BackendEnv } from './backend';

/**
 * Hands the C allocator's free memory back to the system every few seconds.
 *
 * glibc's malloc gives memory back only from the top of each arena. A request's buffers, the
 * messages to and from the database thread and V8's compiler work are freed between blocks still in
 * use, so the free pages stay with the process: after the bench's load, the two arenas held 119 MB
 * of which 35 MB was in use (malloc_stats), and the server sat at 330 to 350 MB. glibc's
 * `malloc_trim(0)` releases every whole free page in every arena (the blocks stay where they are);
 * called every two seconds it keeps the server near 270 MB through the same load.
 *
 * It is called through koffi (a C function interface with prebuilt binaries, no compiler needed) on
 * libuv's thread pool, so the event loop never waits for it. Where there is no glibc (macOS, Alpine's
 * musl, Windows) there is nothing to call and nothing is done.
 */

/** How often, unless MEMORY_TRIM_SECONDS says otherwise. */
export const TRIM_EVERY_SECONDS = 2;

/** The interval in seconds MEMORY_TRIM_SECONDS asks for: 0 (off) or 1 to 3600; a startup error otherwise. */
export function trimSeconds(env: BackendEnv): number {
	const given = env.MEMORY_TRIM_SECONDS?.trim();
	if (given === undefined || given === '') return TRIM_EVERY_SECONDS;
	if (!/^\d{1,4}$/.test(given) || Number(given) > 3600) {
		throw new StartupError(
			`MEMORY_TRIM_SECONDS must be a whole number of seconds from 0 (off) to 3600, not "${given}".`
		);
	}
	return Number(given);
}

/** glibc's malloc_trim(0), run off the event loop; true when memory went back. */
export type Trim = () => Promise<boolean>;

/** malloc_trim where the C library is glibc, or null (koffi cannot load it or it is not there). */
export async function glibcTrim(): Promise<Trim | null> {
	if (process.platform !== 'linux') return null;
	try {
		const { default: koffi } = await import('koffi');
		const trim = koffi.load('libc.so.6').func('int malloc_trim(size_t pad)');
		return () =>
			new Promise((resolve, reject) =>
				trim.async(0, (error: unknown, released: number) => (error ? reject(error) : resolve(released === 1)))
			);
	} catch {
		return null;
	}
}

/**
 * Trims every `seconds` for as long as the server runs (never two at once; the timer never keeps the
 * process alive). Null when off (0) or where there is no glibc.
 */
export async function startMemoryTrim(
	seconds: number,
	load: () => Promise<Trim | null> = glibcTrim
): Promise<Every | null> {
	const run = seconds > 0 ? await load() : null;
	if (!run) return null;
	return every(seconds * 1000, 'Returning free memory to the system', run);
}
