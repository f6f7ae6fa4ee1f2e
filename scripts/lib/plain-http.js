// Preloaded into the production server by scripts/start.js (`node --import`) when the person starting
// it has set none of ORIGIN, PROTOCOL_HEADER and HOST_HEADER. start.js then sets
// PROTOCOL_HEADER=x-forwarded-proto, and this module supplies `X-Forwarded-Proto: http` on every
// request that arrives without one: a request that reaches Node directly came over plain HTTP.
//
// Why: adapter-node works out the site's origin from ORIGIN or, failing that, from
// `${PROTOCOL_HEADER or 'https'}://${Host header}`. SvelteKit refuses form posts whose Origin header
// differs from that origin (403 "Cross-site POST form submissions are forbidden"). A fixed ORIGIN
// suits one address only (http://localhost:3000 breaks http://127.0.0.1:3000 and a LAN address), and
// without a protocol header adapter-node assumes https, which breaks every plain-HTTP address. With
// this module the origin is the address the browser actually used, over http; behind a proxy that
// terminates TLS and sends X-Forwarded-Proto (Caddy, most nginx set-ups) it is https, as it should be.
import http from 'node:http';

const emit = /** @type {(this: http.Server, event: string | symbol, ...args: unknown[]) => boolean} */ (
	http.Server.prototype.emit
);

/**
 * @this {http.Server}
 * @param {string | symbol} event
 * @param {...any} args
 */
http.Server.prototype.emit = function (event, ...args) {
	if (event === 'request') {
		const request = /** @type {http.IncomingMessage} */ (args[0]);
		request.headers['x-forwarded-proto'] ??= 'http';
	}
	return emit.call(this, event, ...args);
};
