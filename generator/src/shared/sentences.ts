/** Text helpers more than one emitter needs (the docs' function lists, the clients' standalone TSDoc). */

/** The first sentence of a description: what a list of functions shows beside each name. */
export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  // A sentence ends at ". " outside a code span; `e.g. ` does not end one.
  let inCode = false;
  for (let i = 0; i < flat.length; i++) {
    if (flat[i] === '`') inCode = !inCode;
    if (!inCode && flat[i] === '.' && (flat[i + 1] === ' ' || i === flat.length - 1) && !/\b(e\.g|i\.e|etc|vs)$/.test(flat.slice(0, i))) return flat.slice(0, i + 1);
  }
  return flat;
}
