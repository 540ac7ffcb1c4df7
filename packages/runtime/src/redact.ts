/**
 * The one place secrets are removed. Every string leaving the runtime (error
 * messages and fields, log lines, dry runs) goes through a Redactor built from
 * the client's secret values, so no code path has to remember which header or
 * query key carries a credential.
 */

export const REDACTED = '[REDACTED]';

export class Redactor {
  /** Longest first, so a secret that contains another is replaced whole. */
  private needles: string[] = [];
  private readonly all = new Set<string>();

  constructor(secrets: Iterable<string>) {
    for (const secret of secrets) this.add(secret);
  }

  /**
   * One more secret from now on: an OAuth2 access token is known only once fetched, and must
   * leave no message, log line or dry run from then on either.
   */
  add(secret: string): void {
    if (!secret || this.all.has(secret)) return;
    // A secret travels raw (headers), JSON-escaped (bodies), percent-encoded
    // (path, query) and form-encoded (URLSearchParams uses `+` for spaces).
    this.all.add(secret);
    const forms = [JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), new URLSearchParams({ k: secret }).toString().slice(2)];
    this.needles = [...new Set([...this.needles, secret, ...forms])].sort((a, b) => b.length - a.length);
  }

  string(text: string): string {
    let out = text;
    for (const needle of this.needles) {
      if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    }
    return out;
  }

  /** Deep copy of JSON-like data with every string (keys included) redacted. */
  value(data: unknown): unknown {
    if (typeof data === 'string') return this.string(data);
    if (Array.isArray(data)) return data.map((item) => this.value(item));
    // fromEntries defines own properties, so a `__proto__` key (JSON.parse keeps it as data) stays data, not a prototype.
    if (data !== null && typeof data === 'object') return Object.fromEntries(Object.entries(data).map(([key, item]) => [this.string(key), this.value(item)]));
    return data;
  }

  headers(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) out[name] = this.string(value);
    return out;
  }
}
