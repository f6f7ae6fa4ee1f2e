/** The few things the local Supabase API, the migrator and the seed need from a database. */
export interface Queryable {
	/** One statement with $1.. parameters; rows as plain objects. */
	query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
	/** Many statements, no parameters. */
	exec(sql: string): Promise<void>;
}

/** One statement of a batch: its text and its $1.. parameters. */
export interface Statement {
	sql: string;
	params?: unknown[];
}

export interface Database extends Queryable {
	/** Which engine this is, for /healthz and logs. */
	readonly engine: 'pglite' | 'postgres';
	/** Runs fn in one transaction: commit when it resolves, roll back when it throws. */
	transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
	/**
	 * The statements in order in one transaction, sent together (to the database thread as one
	 * message, to PostgreSQL without waiting for each answer): committed when every one succeeds,
	 * rolled back at the first that fails, whose error it throws. Each statement's rows.
	 */
	batch(statements: Statement[]): Promise<Record<string, unknown>[][]>;
	close(): Promise<void>;
}

/** A database error as both engines report it (SQLSTATE code, message, detail, hint). */
export interface DatabaseError {
	code?: string;
	message: string;
	detail?: string;
	hint?: string;
}

export function asDatabaseError(error: unknown): DatabaseError {
	if (error && typeof error === 'object' && 'message' in error) {
		const e = error as Record<string, unknown>;
		return {
			code: typeof e.code === 'string' ? e.code : undefined,
			message: String(e.message),
			detail: typeof e.detail === 'string' ? e.detail : undefined,
			hint: typeof e.hint === 'string' ? e.hint : undefined
		};
	}
	return { message: String(error) };
}
