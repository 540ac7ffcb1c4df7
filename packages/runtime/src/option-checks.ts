/**
 * Numeric options checked up front, so a bad value is refused with its name
 * and range instead of being silently bent: Node turns a timer delay of
 * `Infinity`, `NaN`, `-1` or anything above 2³¹−1 into 1 ms, and `NaN`
 * compares false with everything, so `maxPages: NaN` would be no cap at all.
 */

import { InvalidOptionError } from './errors.js';
import type { ClientOptions, RequestOptions } from './options.js';

/** Node's timers hold a signed 32-bit millisecond count. */
const MAX_TIMER_MS = 2_147_483_647;

interface Range {
  min: number;
  max: number;
  unit?: string;
}

const CLIENT_RANGES = {
  timeout: { min: 1, max: MAX_TIMER_MS, unit: 'milliseconds' },
  totalTimeout: { min: 1, max: MAX_TIMER_MS, unit: 'milliseconds' },
  maxRetries: { min: 0, max: 100 },
  maxRetryAfter: { min: 0, max: MAX_TIMER_MS, unit: 'milliseconds' },
  maxArgumentDepth: { min: 1, max: 1000 },
  maxRequestBytes: { min: 1, max: 1_073_741_824, unit: 'bytes' },
} satisfies Partial<Record<keyof ClientOptions, Range>>;

const REQUEST_RANGES = {
  timeout: CLIENT_RANGES.timeout,
  totalTimeout: CLIENT_RANGES.totalTimeout,
  maxRetries: CLIENT_RANGES.maxRetries,
  maxPages: { min: 1, max: 1_000_000 },
} satisfies Partial<Record<keyof RequestOptions, Range>>;

export function checkClientOptions(options: object): void {
  checkRanges(options as Record<string, unknown>, CLIENT_RANGES, 'client');
  const { baseURL } = options as ClientOptions;
  if (baseURL === undefined) return;
  for (const url of typeof baseURL === 'object' && baseURL !== null ? Object.values(baseURL) : [baseURL]) checkBaseUrl(url, 'baseURL');
}

/** A base URL from the `baseURL` option or from an environment variable (named as `option`). */
export function checkBaseUrl(url: unknown, option: string): void {
  const received = url === undefined ? null : baseUrlProblem(url);
  if (received !== null) throw new InvalidOptionError(option, 'client', BASE_URL_ALLOWED, received);
}

const BASE_URL_ALLOWED = 'an absolute http or https URL without credentials, query or fragment (or an object of such URLs by server name)';

/**
 * What is wrong with a base URL, as "got …" says it, or null. A bad URL fails here rather than as a
 * connection error after retries; a user:password in it would be dropped from the request and
 * shown in debug lines; a query would end up before the path. Text with an @ may hold a password
 * wherever the parse puts it, so it is never quoted. `{field}` placeholders, which the runtime
 * fills from the account, stand for a letter here.
 */
function baseUrlProblem(raw: unknown): string | null {
  if (typeof raw !== 'string') return describe(raw);
  let url: URL | null = null;
  try {
    url = new URL(raw.replace(/\{\w+\}/g, 'x'));
  } catch {
    // Not a URL: `why` says so.
  }
  const why = !url ? 'is not an absolute URL' : url.username || url.password ? 'has credentials' : !/^https?:$/.test(url.protocol) ? 'is not http or https' : url.search || url.hash ? 'has a query or fragment' : null;
  return why && (raw.includes('@') ? `a text that ${why} (not shown: it has an @)` : `${JSON.stringify(raw)}, which ${why}`);
}

export function checkRequestOptions(options: object): void {
  checkRanges(options as Record<string, unknown>, REQUEST_RANGES, 'request');
}

function checkRanges(options: Record<string, unknown>, ranges: Record<string, Range>, scope: 'client' | 'request'): void {
  // Only the options given: per call that is usually none at all.
  for (const name in options) {
    const range = Object.hasOwn(ranges, name) ? ranges[name] : undefined;
    const value = options[name];
    if (range === undefined || value === undefined) continue; // not a ranged option, or the default applies
    if (typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max) continue;
    const allowed = `an integer from ${range.min} to ${range.max}${range.unit ? ` (${range.unit})` : ''}`;
    throw new InvalidOptionError(name, scope, allowed, describe(value));
  }
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value); // NaN, Infinity, -1, 1.5 as people write them
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  if (typeof value === 'bigint') return `the BigInt ${value}n`;
  return value === null ? 'null' : typeof value;
}
