/**
 * Base64 with only web globals (browsers have no Buffer): of bytes, of a string's UTF-8, and back to bytes.
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

/** The bytes of base64 text; spaces and line breaks (as a wrapped document has them) are ignored. */
export function bytesOfBase64(text: string): Uint8Array {
  const binary = atob(text.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
