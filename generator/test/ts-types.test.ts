import { describe, expect, it } from 'vitest';
import { jsonSchemaType } from '../src/emit/render/ts-types.js';

describe('response object types', () => {
  it('keep undeclared fields reachable by default, since providers add fields over time', () => {
    expect(jsonSchemaType({ type: 'object', required: ['id'], properties: { id: { type: 'string' } } })).toBe('{\n  id: string;\n  [key: string]: unknown;\n}');
  });

  it('are closed when the schema says additionalProperties: false, so a misspelt property fails to compile', () => {
    expect(jsonSchemaType({ type: 'object', additionalProperties: false, properties: { id: { type: 'string' } } })).toBe('{\n  id?: string;\n}');
  });
});
