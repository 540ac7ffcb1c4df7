import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import { hostname as machineName, networkInterfaces } from 'node:os';

/**
 * Who may talk to the Streamable HTTP gateway. The MCP transport specification asks a local server
 * to validate Origin (DNS rebinding: a web page whose name resolves to 127.0.0.1 would otherwise
 * reach the gateway and the credentials behind it), to bind to loopback, and to authenticate.
 *
 * The SDK (1.32) offers the transport's `allowedHosts`/`allowedOrigins` options, deprecated in favour
 * of external middleware, and an Express-only `hostHeaderValidation` that checks Host but not
 * Origin; the gateway runs on node:http, so these checks are done here, before the SDK sees a request.
 */
export interface HttpGuard {
  /** Host names (lower case, no port; IPv6 in brackets) a request's Host header may name. */
  allowedHostnames: ReadonlySet<string>;
  /** Origins besides the gateway's own that a browser page may call from (`http://localhost:6274`). */
  allowedOrigins: ReadonlySet<string>;
  /** When set, every request must carry `Authorization: Bearer <token>`. */
  token: string | null;
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** `localhost`, 127.0.0.0/8 and ::1: addresses no other machine can reach. */
export function isLoopback(address: string): boolean {
  const bare = address.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || (isIP(bare) === 4 && bare.startsWith('127.'));
}

const isWildcard = (address: string) => address === '0.0.0.0' || address === '::';

/** How an address appears in a Host header: IPv6 in brackets. */
const asHostname = (address: string) => (isIP(address) === 6 ? `[${address.toLowerCase()}]` : address.toLowerCase());

/**
 * The names a request may address the gateway by: loopback names always; the bound address; for a
 * wildcard bind, every address of this machine and its name; and any the user added.
 */
export function allowedHostnamesFor(bindAddress: string, extra: readonly string[]): Set<string> {
  const names = new Set([...LOOPBACK_NAMES, ...extra.map((name) => name.toLowerCase())]);
  if (isWildcard(bindAddress)) {
    for (const addresses of Object.values(networkInterfaces())) for (const a of addresses ?? []) names.add(asHostname(a.address));
    names.add(machineName().toLowerCase());
  } else names.add(asHostname(bindAddress));
  return names;
}

/** A fresh token for a gateway bound beyond loopback: 256 random bits. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

// A Host header is a name or address and an optional port, nothing else (no user info, no path).
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i;

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? undefined : value);

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Constant-time comparison, so response timing does not reveal how much of a guess was right. */
function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!), digest(token));
}

/**
 * Host first, then Origin, then the token: a rebinding page gets 403 whatever it sends. Messages
 * never repeat the request's headers.
 */
export function checkRequest(headers: IncomingHttpHeaders, guard: HttpGuard): GuardVerdict {
  const host = single(headers.host);
  const parsed = host === undefined ? null : HOST_HEADER.exec(host);
  if (!parsed || !guard.allowedHostnames.has(parsed[1]!.toLowerCase())) {
    return { ok: false, status: 403, message: 'Forbidden: the Host header does not name this gateway (DNS rebinding protection).' };
  }
  const origin = headers.origin;
  if (origin !== undefined) {
    const own = `http://${host!.toLowerCase()}`;
    if (typeof origin !== 'string' || (origin.toLowerCase() !== own && !guard.allowedOrigins.has(origin.toLowerCase()))) {
      return { ok: false, status: 403, message: 'Forbidden: requests from this Origin are not allowed; start the gateway with --allowed-origin to allow a browser client.' };
    }
  }
  if (guard.token !== null && !tokenMatches(single(headers.authorization), guard.token)) {
    return { ok: false, status: 401, message: 'Unauthorized: send Authorization: Bearer <token>, the token the gateway printed at start or SWITCHBOARD_MCP_TOKEN.' };
  }
  return { ok: true };
}
