/**
 * The Lua host caps output in UTF-8 bytes with Node's Buffer (`byteLength`, and `from(text)`
 * cut with `subarray(0, n).toString('utf8')`). Browsers have no Buffer; this gives exactly
 * those calls, on TextEncoder/TextDecoder, and nothing else.
 */
class Utf8Bytes {
  constructor(private readonly bytes: Uint8Array) {}
  subarray(start?: number, end?: number): Utf8Bytes {
    return new Utf8Bytes(this.bytes.subarray(start, end));
  }
  toString(): string {
    return new TextDecoder().decode(this.bytes);
  }
}

const encoder = new TextEncoder();
const shim = {
  byteLength: (text: string) => encoder.encode(text).length,
  from: (text: string) => new Utf8Bytes(encoder.encode(text)),
};

const global = globalThis as { Buffer?: unknown };
global.Buffer ??= shim;
