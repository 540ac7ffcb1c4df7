/**
 * Text in an order that is the same on every machine: by UTF-16 code unit, as `Array.prototype.sort`
 * orders strings by default. `localeCompare` follows the machine's locale (LANG): under Czech or
 * Slovak, `ch` sorts after `h`, and generated files came out in another order than the committed ones.
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Headings people read (category names), A to Z whatever their case, then by code unit: the same on every machine. */
export function alphabetically(a: string, b: string): number {
  return byCodeUnits(a.toLowerCase(), b.toLowerCase()) || byCodeUnits(a, b);
}
