import { bindings, type FunctionBinding, type ProviderBinding } from '@switchboard/bindings';
import { examplesByProvider } from '@switchboard/mocks';
import type { FunctionExample } from '@switchboard/testing';

type Rule = { type?: string; items?: { type?: string } } | undefined;

/** Whether an argument rule takes a file, or a list of files. */
export const takesFiles = (rule: Rule): boolean => rule?.type === 'file' || (rule?.type === 'array' && rule.items?.type === 'file');

export interface FileExample {
  provider: ProviderBinding;
  fn: FunctionBinding;
  example: FunctionExample;
  /** The function's parameters that take files. */
  fileParams: string[];
}

/**
 * The first successful documented example, catalog-wide, whose arguments upload files; null in a
 * catalog without one. Tests of uploads find their function here, so they name no provider.
 */
export function fileUploadExample(): FileExample | null {
  for (const provider of bindings) {
    for (const fn of provider.functions) {
      if (!('args' in fn.spec)) continue;
      const rules = fn.spec.args.properties as Record<string, Rule>;
      const fileParams = Object.keys(rules).filter((name) => takesFiles(rules[name]));
      const example = examplesByProvider[provider.id]?.examples.find((e) => e.function === fn.qualified && e.response.status < 400 && fileParams.some((name) => e.arguments[name] !== undefined));
      if (example) return { provider, fn, example, fileParams };
    }
  }
  return null;
}
