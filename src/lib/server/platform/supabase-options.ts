import WebSocket from 'ws';

/**
 * Options every supabase-js client of ours shares. supabase-js 2.110+ looks for a native WebSocket
 * when the client is made, which Node 20 lacks: realtime gets `ws` as its transport (it is never
 * connected; the app uses no realtime channel).
 */
export const API_SCHEMA = 'api' as const;

export function clientOptions(customFetch?: typeof fetch) {
	return {
		db: { schema: API_SCHEMA },
		global: customFetch ? { fetch: customFetch } : {},
		realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket }
	};
}
