// The floor for issue 14's 4 KB aim: Telnyx `sendSms` written by hand, for the bundle bench only
// (never shipped), keeping what the issue keeps and nothing generic. Its bundle says what a
// minimal honest call path costs, beside our generated one, in the same run.
//
// Kept: every argument problem at once in the caller's terms, before sending; credentials from an
// option or TELNYX_API_KEY, a typed error naming both when missing; the key redacted from every
// message and dry run; typed errors by status (with the provider's message and request id) and for
// connection failures, saying whether the write may have arrived; a write retried only when it
// cannot have been sent (a refused connection), reads and 429/5xx never silently repeated for it;
// a per-attempt timeout; a dry run. Dropped (the generic runtime's, not the issue's): other
// operations, providers, auth kinds, pagination, transports, option checking beyond the timeout.

export class SwitchboardError extends Error {
  constructor(message, fields) {
    super(message);
    Object.assign(this, fields);
    Object.defineProperty(this, 'name', { value: new.target.name });
  }
}
export class ValidationError extends SwitchboardError {}
export class MissingCredentialsError extends SwitchboardError {}
export class APIConnectionError extends SwitchboardError {}
export class APIError extends SwitchboardError {}
/** One class per status the caller branches on; the table keeps their construction in one place. */
export class BadRequestError extends APIError {}
export class AuthenticationError extends APIError {}
export class PermissionDeniedError extends APIError {}
export class NotFoundError extends APIError {}
export class ConflictError extends APIError {}
export class UnprocessableEntityError extends APIError {}
export class RateLimitError extends APIError {}
export class InternalServerError extends APIError {}
const BY_STATUS = { 400: BadRequestError, 401: AuthenticationError, 403: PermissionDeniedError, 404: NotFoundError, 409: ConflictError, 422: UnprocessableEntityError, 429: RateLimitError };

const E164 = [/^\+[1-9][0-9]{1,14}$/, 'an E.164 phone number such as +15555550100'];
const URL_ = [/^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/, 'an absolute URL such as https://example.com/path'];
/** name → [type, format, extra check]: the rules of send_sms as data. */
const RULES = {
  from: ['string', E164], to: ['string', E164], text: ['string', null, (v) => v.length < 1 && 'must be at least 1 character long'],
  subject: ['string'], media_urls: ['array', URL_, (v) => v.length > 10 && 'must have at most 10 items'], use_mms: ['boolean'],
  messaging_profile_id: ['string'], webhook_url: ['string', URL_],
};

export function createCore(options = {}) {
  const key = options.apiKey ?? globalThis.process?.env?.TELNYX_API_KEY;
  const redact = (text) => (key ? String(text).split(key).join('[REDACTED]') : String(text));
  return { key, redact, fetch: options.fetch ?? globalThis.fetch, timeout: options.timeout ?? 60_000, baseURL: options.baseURL ?? 'https://api.telnyx.com/v2' };
}

function check(args, redact) {
  const issues = [];
  if (args?.to == null) issues.push("missing 'to'");
  for (const [name, value] of Object.entries(args ?? {})) {
    const rule = RULES[name];
    if (!rule) { issues.push(`unknown '${name}'`); continue; }
    if (value == null) continue;
    const [type, format, extra] = rule;
    const shown = redact(JSON.stringify(value)).slice(0, 60);
    if (type === 'array' ? !Array.isArray(value) : typeof value !== type) { issues.push(`'${name}' must be ${format && type === 'string' ? format[1] : `a ${type}`} (got ${shown})`); continue; }
    const problem = extra?.(value);
    if (problem) issues.push(`'${name}' ${problem}`);
    for (const [i, item] of (type === 'array' ? value : [value]).entries()) {
      if (format && !(typeof item === 'string' && format[0].test(item))) issues.push(`'${name}${type === 'array' ? `[${i}]` : ''}' must be ${format[1]} (got ${redact(JSON.stringify(item)).slice(0, 60)})`);
    }
  }
  if (issues.length) throw new ValidationError(`Invalid arguments for telnyx.send_sms: ${issues.join('; ')}. No request was made.`, { issues });
}

function request(core, args) {
  check(args, core.redact);
  if (!core.key) throw new MissingCredentialsError('telnyx.send_sms needs a Telnyx API key: set TELNYX_API_KEY or pass { apiKey }.');
  const { use_mms, ...rest } = args;
  const body = JSON.stringify(use_mms == null ? rest : { ...rest, type: use_mms ? 'MMS' : 'SMS' });
  return { method: 'POST', url: `${core.baseURL.replace(/\/+$/, '')}/messages`, headers: { accept: 'application/json', 'content-type': 'application/json', authorization: `Bearer ${core.key}` }, body };
}

/** The exact request, the key redacted; nothing is sent. */
export function prepareSendSms(core, args) {
  const r = request(core, args);
  return { ...r, headers: { ...r.headers, authorization: 'Bearer [REDACTED]' } };
}

export async function sendSms(core, args) {
  const r = request(core, args);
  for (let attempt = 0; ; attempt++) {
    let response;
    try {
      response = await core.fetch(r.url, { method: r.method, headers: r.headers, body: r.body, signal: AbortSignal.timeout(core.timeout) });
    } catch (error) {
      // Refused before any byte went out: the one failure a write may be sent again after.
      const refused = error?.cause?.code === 'ECONNREFUSED';
      if (refused && attempt < 2) continue;
      throw new APIConnectionError(`Could not reach Telnyx for telnyx.send_sms: ${core.redact(error?.cause?.code ?? error?.name)}. ${refused ? 'Nothing was sent.' : 'The message may have been sent; check before sending again.'}`, { maybeSent: !refused });
    }
    const text = await response.text();
    let body = text;
    try { body = JSON.parse(text); } catch {}
    if (response.ok) return body;
    const detail = body?.errors?.[0]?.detail ?? body?.errors?.[0]?.title ?? null;
    const Class = BY_STATUS[response.status] ?? (response.status >= 500 ? InternalServerError : APIError);
    throw new Class(core.redact(`Telnyx answered HTTP ${response.status} to telnyx.send_sms${detail ? `: ${detail}` : ''}.`), { status: response.status, providerMessage: detail && core.redact(detail), requestId: response.headers.get('x-request-id') });
  }
}
