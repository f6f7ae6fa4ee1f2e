/**
 * PostgreSQL settings for the embedded PGlite, as start-up flags. PostgreSQL's shared buffers are the
 * largest part of the server's memory: PGlite's default (128 MB) is sized for a database server of its
 * own; 32 MB holds a local area's surveys many times over (its answers are a few megabytes a year, and
 * the dashboards read running counts, not answers), and the operating system keeps the rest of the data
 * folder in its cache. PGLITE_SHARED_BUFFERS (for example 128MB) sets it for a much larger database.
 */
export const DEFAULT_SHARED_BUFFERS = '32MB';

export function pgliteSettings(env: Record<string, string | undefined> = process.env): string[] {
	const value = env.PGLITE_SHARED_BUFFERS?.trim() || DEFAULT_SHARED_BUFFERS;
	if (!/^\d+(kB|MB|GB)$/.test(value)) {
		throw new Error(`PGLITE_SHARED_BUFFERS must be a size such as 32MB or 1GB, not "${value}".`);
	}
	return ['-c', `shared_buffers=${value}`];
}
