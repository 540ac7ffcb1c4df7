/**
 * Bounds for the host-side helpers (regex.*, json.*). Their work happens in JS, outside the Lua
 * allocator, so without these a script could make the host allocate far beyond its memory limit:
 * regex.match_all(string.rep("a", 1.5e7), "") took the host to 2.6 GB for 31.6 s. Each helper
 * refuses oversized input, stops at MAX_MATCHES results, and charges what it builds in JS to the
 * memory the script has left; results are pushed into Lua as they are made, where the Lua
 * allocator charges them as well.
 */

/** Largest regex subject, regex.gsub replacement and json.decode text a helper takes: 8 MiB. */
export const MAX_SUBJECT_BYTES = 8 * 1024 * 1024;
/** Largest regex pattern: 64 KiB (patterns are compiled on the host thread). */
export const MAX_PATTERN_BYTES = 64 * 1024;
/** Most matches regex.match_all returns, and regex.gsub replaces, in one call. */
export const MAX_MATCHES = 100_000;

/** What one helper call may allocate in JS: the memory the script has left under its limit. */
export class HostAllowance {
  private spent = 0;

  constructor(private readonly fn: string, private readonly left: number, private readonly limit: number) {}

  charge(bytes: number, what: string): void {
    this.spent += bytes;
    if (this.spent > this.left) {
      throw new Error(`${this.fn}: ${what} needs more than the ${Math.max(0, this.left)} bytes left of the script's memory limit of ${this.limit} bytes`);
    }
  }
}

export function tooLong(fn: string, what: string, bytes: number, max: number): Error {
  return new Error(`${fn}: ${what} is ${bytes} bytes; the limit is ${max} bytes`);
}

export function tooManyMatches(fn: string): Error {
  return new Error(`${fn}: more than ${MAX_MATCHES} matches; work on a smaller part of the subject or use a pattern that matches less often`);
}
