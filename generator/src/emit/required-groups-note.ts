import type { Func } from '../model.js';
import { mdCode } from './escape/markdown.js';

/**
 * The lines shown under a parameter table for the function's required groups
 * ("Give exactly one of `src`, `powerpack_uuid`."), empty when it has none: the
 * table's Required column can say "no" for each of them and still be right.
 */
export function requiredGroupsNote(func: Func): string {
  if (func.requiredGroups.length === 0) return '';
  const lines = func.requiredGroups.map((g) => {
    if (g.kind === 'requires') {
      const required = g.required.map(mdCode).join(' and ');
      return `Give ${required} too when giving ${mdCode(g.given)}; calls with ${mdCode(g.given)} without ${g.required.length > 1 ? 'them' : 'it'} are refused before any request.`;
    }
    const names = g.parameters.map(mdCode);
    const list = `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]!}`;
    return g.kind === 'exactly_one' ? `Give exactly one of ${list}; calls with none or several are refused before any request.` : `Give at least one of ${list}; calls with none are refused before any request.`;
  });
  return `\n\n${lines.join('\n\n')}`;
}
