import type { Transport } from '@sveltejs/kit';
import { ServerOnly } from '$lib/server-only';

export const transport: Transport = {
	// never sent: an empty placeholder in its place (see $lib/server-only)
	ServerOnly: {
		encode: (value) => value instanceof ServerOnly && [],
		decode: () => new ServerOnly(undefined)
	}
};
