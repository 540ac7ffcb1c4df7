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
  /** How the files are sent: parts of a multipart/form-data body, or one file as the whole body. */
  body: 'multipart' | 'binary';
}

/**
 * For each way of sending files (multipart parts, a binary body), the first successful documented
 * example, catalog-wide, whose arguments upload files; none for a way no function uses. Tests of
 * uploads find their functions here, so they name no provider.
 */
export function fileUploadExamples(): FileExample[] {
  const found = new Map<FileExample['body'], FileExample>();
  for (const provider of bindings) {
    for (const fn of provider.functions) {
      if (!('args' in fn.spec)) continue;
      const body = (fn.spec as { body?: string }).body;
      if ((body !== 'multipart' && body !== 'binary') || found.has(body)) continue;
      const rules = fn.spec.args.properties as Record<string, Rule>;
      const fileParams = Object.keys(rules).filter((name) => takesFiles(rules[name]));
      const example = examplesByProvider[provider.id]?.examples.find((e) => e.function === fn.qualified && e.response.status < 400 && fileParams.some((name) => e.arguments[name] !== undefined));
      if (example) found.set(body, { provider, fn, example, fileParams, body });
    }
  }
  return [...found.values()];
}

export interface DownloadExample {
  provider: ProviderBinding;
  fn: FunctionBinding;
  example: FunctionExample & { response: { file: NonNullable<FunctionExample['response']['file']> } };
}

/**
 * Every successful documented example, catalog-wide, that answers with a file (`response.body:
 * file`), first-found first; empty in a catalog without downloads. Tests of downloads find their
 * functions here, so they name no provider.
 */
export function fileDownloadExamples(): DownloadExample[] {
  return bindings.flatMap((provider) =>
    (examplesByProvider[provider.id]?.examples ?? []).flatMap((example) => {
      const fn = provider.functions.find((f) => f.qualified === example.function);
      return fn && example.response.file && example.response.status < 400 ? [{ provider, fn, example: example as DownloadExample['example'] }] : [];
    }),
  );
}
