/**
 * Base64 with only web globals (browsers have no Buffer): of bytes, and of a string's UTF-8.
 * `btoa` alone accepts Latin-1 and throws on anything wider, which a password may well contain.
 */
export function base64Utf8(text: string): string {
  return base64Bytes(new TextEncoder().encode(text));
}

/** A slice at a time: `String.fromCharCode(...bytes)` of a large file would overflow the stack. */
export function base64Bytes(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}
