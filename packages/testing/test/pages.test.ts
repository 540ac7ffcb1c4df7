import { describe, expect, it } from 'vitest';
import { pageSequence, type PagingSpec } from '../src/pages.js';

const lastItemCursor: PagingSpec = { strategy: 'cursor', items: 'data', cursorParam: 'after', sizeParam: 'limit', nextCursorPath: 'data.-1.id', hasMorePath: 'has_more' };
const template = { object: 'list', has_more: false, data: [{ id: 'e1', subject: 'Hi' }] };

describe('page sequences whose cursor is the last item\'s id (data.-1.id)', () => {
  it('put each page\'s cursor on its last item, and has_more false on the last page', () => {
    const { bodies } = pageSequence(lastItemCursor, template, null, [2, 2, 1]) as { bodies: Array<typeof template> };
    expect(bodies.map((b) => b.data.map((item) => item.id))).toEqual([['e1', 'cursor-1'], ['e1', 'cursor-2'], [null]]);
    expect(bodies.map((b) => b.has_more)).toEqual([true, true, false]);
  });

  it('leave an empty page without items rather than inventing one to carry the cursor', () => {
    const { bodies, items } = pageSequence(lastItemCursor, template, null, [2, 0]) as { bodies: Array<typeof template>; items: unknown[] };
    expect(bodies[1]!.data).toEqual([]);
    expect(items).toHaveLength(2);
  });
});
