import { describe, expect, it } from 'vitest';
import { bindings } from '@switchboard/bindings';
import { checkSandboxAnswer, SandboxAnswerMismatchError } from '../src/sandbox-answers.js';

const functions = bindings.flatMap((p) => p.functions).filter((f) => f.available);
const withObjectSchema = functions.find((f) => f.outputSchema?.type === 'object' && Array.isArray(f.outputSchema.required) && f.outputSchema.required.length > 0);
const withoutBody = functions.find((f) => f.outputSchema === null);

describe('checkSandboxAnswer', () => {
  it('refuses an answer of the wrong shape, naming the function and what is wrong', () => {
    expect(withObjectSchema, 'a function with a required response field').toBeDefined();
    const check = () => checkSandboxAnswer(withObjectSchema!, { unrelated: true });
    expect(check).toThrow(SandboxAnswerMismatchError);
    expect(check).toThrow(new RegExp(`^Sandbox answer for ${withObjectSchema!.qualified.replace('.', '\\.')} does not match its response schema: \\(root\\) must have required property`));
  });

  it('refuses a body for a function that documents none', () => {
    expect(withoutBody, 'a function without a response body').toBeDefined();
    expect(() => checkSandboxAnswer(withoutBody!, { id: 'x' })).toThrow(/documents no response body/);
    expect(() => checkSandboxAnswer(withoutBody!, null)).not.toThrow();
  });

  it('refuses an answer of another type altogether', () => {
    expect(() => checkSandboxAnswer(withObjectSchema!, 'not an object')).toThrow(/must be object/);
  });
});
