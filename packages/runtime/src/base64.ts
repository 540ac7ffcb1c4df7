/**
 * Base64 of a UTF-8 string with only web globals: `btoa` alone accepts Latin-1
 * and throws on anything wider, which a password may well contain.
 */
export function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
