import type { Example, Func, HttpBinding, Provider } from '../model.js';
import { jsLiteral } from './render/js-literal.js';
import { shownTsExample as tsExample } from './per-example.js';
import { emitFromSplit, generatedHeader, stableJson, type Emitter, type GeneratedFile, type ProviderSplit } from './emitter.js';
import { tsString } from './escape/ts.js';

const ROOT = 'packages/contract-tests';

type HttpFunc = Func & { binding: HttpBinding };

/** The typed error class the runtime raises for an HTTP status. */
function errorClassFor(status: number): string {
  const byStatus: Record<number, string> = {
    400: 'BadRequestError',
    401: 'AuthenticationError',
    403: 'PermissionDeniedError',
    404: 'NotFoundError',
    409: 'ConflictError',
    422: 'UnprocessableEntityError',
    429: 'RateLimitError',
  };
  return byStatus[status] ?? (status >= 500 ? 'InternalServerError' : 'APIError');
}

/** The example file a docs example runs as: the exact snippet shown to users. */
const exampleModule = (provider: Provider, func: Func, index: number) => `examples/${provider.id}/${func.name}.${index + 1}.mjs`;

/** Client options made of the fields' example values: the credentials the examples were written with. */
function clientOptions(provider: Provider): Record<string, string> {
  return Object.fromEntries(provider.fields.map((f) => [f.option, f.example]));
}

function selectedCase(func: HttpFunc, example: Example): string | null {
  return func.binding.endpoint.kind === 'selected' ? String(example.arguments[func.binding.endpoint.parameter]) : null;
}

function withoutKey(args: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...args };
  delete copy[key];
  return copy;
}

/** The assertion that a call's `result` is the documented answer `response` (an expression): its body, or for a download its file. */
function resultCheck(func: Func, response: string): string {
  return func.returns.kind === 'file' ? `expect(await answeredFile(result)).toEqual(${response}.file);` : `expect(result).toEqual(${response}.body);`;
}

function functionTests(provider: Provider, func: Func): string {
  const method = func.names.tsMethod;
  const tests: string[] = [];
  if (func.binding.kind === 'unavailable') {
    tests.push(`  it('is unavailable and fails before any request', async () => {
    const sent = serve([]);
    await expect(client().${method}({} as never)).rejects.toBeInstanceOf(UnavailableFunctionError);
    expect(sent).toHaveLength(0);
  });`);
    return `describe(${JSON.stringify(func.names.qualified)}, () => {\n${tests.join('\n\n')}\n});`;
  }
  const http = func as HttpFunc;
  const first = http.examples[0]!;
  const args = jsLiteral(first.arguments, '    ', 100);

  const handlers = provider.mockExports.handlers;
  http.examples.forEach((example, index) => {
    // A named account's own field values (its URL choice) are passed as it would have them configured.
    const accountFields = Object.entries(example.fields).map(([key, value]) => `, ${provider.fields.find((f) => f.key === key)?.option ?? key}: ${JSON.stringify(value)}`);
    const call = `client(${example.account ? `{ account: ${JSON.stringify(example.account)}${accountFields.join('')} }` : ''}).${method}(example.arguments as never)`;
    const docsModule = JSON.stringify(exampleModule(provider, func, index));
    if (example.response.status >= 400) {
      // A documented failure: the request is still pinned, and the outcome is the typed error.
      const errorClass = errorClassFor(example.response.status);
      tests.push(`  it(${JSON.stringify(`sends the documented request and raises the documented error: ${example.title}`)}, async () => {
    const example = documented(${JSON.stringify(func.names.qualified)}, ${index});
    const sent = serve([() => respondWith(example.response)]);
    const failure = await ${call}.catch((error: unknown) => error);
    expect(requestDifferences(sent[0]!, example.request)).toEqual([]);
    expect(failure).toBeInstanceOf(${errorClass});
  });`);
      tests.push(`  it(${JSON.stringify(`runs its docs example against the mock handlers: ${example.title}`)}, async () => {
    server.use(...${handlers});
    await expect(runDocsExample(${docsModule})).rejects.toBeInstanceOf(${errorClass});
  });`);
      return;
    }
    tests.push(`  it(${JSON.stringify(`sends the documented request: ${example.title}`)}, async () => {
    const example = documented(${JSON.stringify(func.names.qualified)}, ${index});
    const sent = serve([() => respondWith(example.response)]);
    const result = await ${call};
    expect(sent).toHaveLength(1);
    expect(requestDifferences(sent[0]!, example.request)).toEqual([]);
    ${resultCheck(func, 'example.response')}
  });`);
    tests.push(`  it(${JSON.stringify(`runs its docs example against the mock handlers: ${example.title}`)}, async () => {
    server.use(...${handlers});
    const { result } = await runDocsExample(${docsModule});
    ${resultCheck(func, `documented(${JSON.stringify(func.names.qualified)}, ${index}).response`)}
  });`);
  });

  const errorStatus = provider.errors.example.status;
  const { message, code, requestId } = provider.errors.documented;
  const expectedError = [`status: ${errorStatus}`, `providerMessage: ${JSON.stringify(message)}`, code !== null ? `providerCode: ${JSON.stringify(code)}` : null, requestId !== null ? `requestId: ${JSON.stringify(requestId)}` : null].filter(Boolean).join(', ');
  tests.push(`  it(${tsString(`turns ${provider.name}'s error envelope into a typed error`)}, async () => {
    serve([() => respondWith({ status: ${errorStatus}, headers: {}, body: ERROR_BODY })]);
    const failure = await client({ maxRetries: 0 }).${method}(${args} as never).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(${errorClassFor(errorStatus)});
    expect(failure).toMatchObject({ ${expectedError} });
  });`);

  // A write with an idempotency key is retried like an idempotent call: the key makes a repeat the same write.
  const keyHeader = http.binding.idempotencyKey?.header.toLowerCase() ?? null;
  if (keyHeader !== null) {
    tests.push(`  it(${JSON.stringify(`retries after a 503 with the same ${keyHeader}, then succeeds`)}, async () => {
    const example = documented(${JSON.stringify(func.names.qualified)}, 0);
    const sent = serve([
      () => respondWith({ status: 503, headers: {}, body: ERROR_BODY }),
      () => respondWith(example.response),
    ]);
    const result = await client().${method}(example.arguments as never);
    expect(sent).toHaveLength(2);
    expect(sent[0]!.headers[${JSON.stringify(keyHeader)}]).toMatch(/\\S/);
    expect(sent[1]!.headers[${JSON.stringify(keyHeader)}]).toBe(sent[0]!.headers[${JSON.stringify(keyHeader)}]);
    ${resultCheck(func, 'example.response')}
  });`);
  }
  if (func.idempotent || keyHeader !== null) {
    tests.push(`  it('retries after a 429 with Retry-After, then succeeds', async () => {
    const example = documented(${JSON.stringify(func.names.qualified)}, 0);
    const sent = serve([
      () => respondWith({ status: 429, headers: { 'retry-after': '0' }, body: ERROR_BODY }),
      () => respondWith(example.response),
    ]);
    const result = await client().${method}(example.arguments as never);
    expect(sent).toHaveLength(2);
    ${resultCheck(func, 'example.response')}
  });`);
  } else {
    tests.push(`  it('is sent exactly once when the server answers 503 (never retried into a duplicate)', async () => {
    const sent = serve([
      () => respondWith({ status: 503, headers: {}, body: ERROR_BODY }),
      () => respondWith(documented(${JSON.stringify(func.names.qualified)}, 0).response),
    ]);
    await expect(client({ maxRetries: 3 }).${method}(${args} as never)).rejects.toBeInstanceOf(InternalServerError);
    expect(sent).toHaveLength(1);
  });`);
    tests.push(`  it('is sent exactly once when the request times out (never retried into a duplicate)', async () => {
    const sent = serve([
      async () => {
        await delay(1_000);
        return respondWith(documented(${JSON.stringify(func.names.qualified)}, 0).response);
      },
      () => respondWith(documented(${JSON.stringify(func.names.qualified)}, 0).response),
    ]);
    await expect(client({ maxRetries: 3, timeout: 50 }).${method}(${args} as never)).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    expect(sent).toHaveLength(1);
  });`);
  }

  const required = http.parameters.find((p) => p.required && p.name in first.arguments);
  if (required) {
    tests.push(`  it('refuses a missing required parameter (${required.name}) before any request', async () => {
    const sent = serve([]);
    const failure = await client().${method}(${jsLiteral(withoutKey(first.arguments, required.name), '    ', 100)} as never).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationError);
    expect(String((failure as Error).message)).toContain(${JSON.stringify(required.name)});
    expect(sent).toHaveLength(0);
  });`);
  }
  const enumerated = http.parameters.find((p) => p.schema.kind === 'single' && p.schema.enum && p.schema.type === 'string');
  if (enumerated) {
    tests.push(`  it('refuses a value outside the enum of ${enumerated.name} before any request', async () => {
    const sent = serve([]);
    const failure = await client().${method}(${jsLiteral({ ...first.arguments, [enumerated.name]: 'not-a-documented-value' }, '    ', 100)} as never).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationError);
    expect(String((failure as Error).message)).toContain(${JSON.stringify(enumerated.name)});
    expect(sent).toHaveLength(0);
  });`);
  }
  tests.push(`  it('refuses an unknown parameter before any request', async () => {
    const sent = serve([]);
    await expect(client().${method}(${jsLiteral({ ...first.arguments, not_a_parameter: 1 }, '    ', 100)} as never)).rejects.toBeInstanceOf(ValidationError);
    expect(sent).toHaveLength(0);
  });`);

  const pagination = http.binding.pagination;
  if (pagination) {
    const selected = selectedCase(http, first);
    const scenarios: Array<[string, number[]]> = [
      ['iterates a multi-page sequence to the end', [2, 2, 1]],
      ['ends cleanly when the last page is exactly full', [2, 2]],
      ['ends cleanly on an empty page', [2, 0]],
    ];
    for (const [title, sizes] of scenarios) {
      tests.push(`  it(${JSON.stringify(`pagination: ${title}`)}, async () => {
    const sequence = pageSequence(${func.names.tsOperation}.pagination!, documented(${JSON.stringify(func.names.qualified)}, 0).response.body, ${JSON.stringify(selected)}, ${JSON.stringify(sizes)});
    const sent = serve(sequence.bodies.map((body, page) => () => respondWith({ status: ${http.binding.successStatus}, headers: sequence.headers[page]!, body })));
    const items: unknown[] = [];
    for await (const item of client().${method}Items(${args} as never)) items.push(item);
    expect(items).toEqual(sequence.items);
    expect(sent.length).toBeLessThanOrEqual(sequence.bodies.length);
    // Each page after the first is asked for with the previous page's cursor, page number or link, where the spec puts it.
    expect(pagingProblems(${func.names.tsOperation}.pagination!, ${func.names.tsOperation}.params, sent)).toEqual([]);
  });`);
    }
    if (pagination.strategy === 'cursor') {
      tests.push(`  it('pagination: stops with an error on a repeated cursor instead of looping', async () => {
    const sequence = pageSequence(${func.names.tsOperation}.pagination!, documented(${JSON.stringify(func.names.qualified)}, 0).response.body, ${JSON.stringify(selected)}, [2, 2, 2, 2], { repeatCursor: true });
    serve(sequence.bodies.map((body, page) => () => respondWith({ status: ${http.binding.successStatus}, headers: sequence.headers[page]!, body })));
    const iterate = async () => {
      for await (const item of client().${method}Items(${args} as never)) void item;
    };
    await expect(iterate()).rejects.toBeInstanceOf(PaginationError);
  });`);
    }
  }
  return `describe(${JSON.stringify(func.names.qualified)}, () => {\n${tests.join('\n\n')}\n});`;
}

function providerTestFile(provider: Provider): string {
  const handlers = provider.mockExports.handlers;
  const examplesName = provider.mockExports.examples;
  const operations = provider.functions.filter((f) => f.binding.kind === 'http' && f.binding.pagination).map((f) => f.names.tsOperation);
  return `${generatedHeader('//', [provider.source.file, ...provider.functions.map((f) => f.source.file)])}
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { ${provider.functions.some((f) => f.returns.kind === 'file') ? 'answeredFile, ' : ''}pageSequence, pagingProblems, requestDifferences } from '@switchboard/testing';
import {
  ${provider.className},
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  ConflictError,
  NotFoundError,
  PaginationError,
  PermissionDeniedError,
  UnprocessableEntityError,
  RateLimitError,
  UnavailableFunctionError,
  ValidationError,${operations.length ? `\n  ${operations.join(',\n  ')},` : ''}
} from '${provider.packageName}';
import { ${examplesName}, ${handlers} } from '@switchboard/mocks/${provider.id}';
import { delay, documentedIn, respondWith, runDocsExample, serveFrom } from '../support.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

// Not every provider's tests need every error class.
void [APIError, AuthenticationError, BadRequestError, NotFoundError, RateLimitError, PermissionDeniedError, ConflictError, UnprocessableEntityError];

const ERROR_BODY = ${examplesName}.error.body;
const documented = documentedIn(${examplesName});
const serve = serveFrom(server, ${examplesName});

/** A client holding the credentials the examples were written with. */
function client(options: Record<string, unknown> = {}): ${provider.className} {
  return new ${provider.className}({ ...${jsLiteral(clientOptions(provider), '', 100)}, env: {}, ...options });
}

${[...provider.functions.map((f) => functionTests(provider, f)), ...rateLimitTests(provider)].join('\n\n')}
`;
}

/**
 * The spec's `rate_limit.exhausted` and `reset`, tried through the generated client on its first
 * documented read: a declared status with no requests left raises RateLimitError, and is retried
 * after the reset its header names (the clock and sleep are injected; nothing waits).
 */
function rateLimitTests(provider: Provider): string[] {
  const limits = provider.rateLimit;
  const status = limits?.exhaustedStatuses[0];
  const func = provider.functions.find((f) => f.binding.kind === 'http' && f.operation === 'read' && f.examples.some((e) => e.response.status < 400));
  if (!limits || status === undefined || limits.remaining === null || !func) return [];
  const index = func.examples.findIndex((e) => e.response.status < 400);
  const method = func.names.tsMethod;
  const now = Date.UTC(2026, 0, 1);
  // Seven seconds from the injected clock, written as the spec says to read the header.
  const reset = limits.reset !== null && limits.resetFormat !== null ? { [limits.reset.toLowerCase()]: limits.resetFormat === 'epoch_seconds' ? String(now / 1000 + 7) : '7' } : {};
  const exhausted = { [limits.remaining.toLowerCase()]: '0', ...reset };
  const expectedWaits = limits.resetFormat !== null ? '[7000]' : null;
  return [`describe(${tsString(`${provider.name}'s rate limit (spec rate_limit)`)}, () => {
  it(${JSON.stringify(`a ${status} with no requests left raises RateLimitError, not a status error`)}, async () => {
    serve([() => respondWith({ status: ${status}, headers: ${jsLiteral(exhausted)}, body: ERROR_BODY })]);
    const failure = await client({ maxRetries: 0, now: () => ${now} }).${method}(documented(${JSON.stringify(func.names.qualified)}, ${index}).arguments as never).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RateLimitError);
    expect(failure).toMatchObject({ status: ${status} });
  });

  it(${JSON.stringify(`a ${status} with no requests left is retried${expectedWaits ? ' after the reset' : ''}, then succeeds`)}, async () => {
    const example = documented(${JSON.stringify(func.names.qualified)}, ${index});
    const waits: number[] = [];
    const sent = serve([() => respondWith({ status: ${status}, headers: ${jsLiteral(exhausted)}, body: ERROR_BODY }), () => respondWith(example.response)]);
    const result = await client({ now: () => ${now}, sleep: async (ms: number) => void waits.push(ms) }).${method}(example.arguments as never);
    expect(sent).toHaveLength(2);
    ${resultCheck(func, 'example.response')}
    ${expectedWaits ? `expect(waits).toEqual(${expectedWaits});` : 'expect(waits).toHaveLength(1);'}
  });
});`];
}

/** Each docs example as a module: exactly the snippet users see, exporting its result. */
function exampleModules(provider: Provider): GeneratedFile[] {
  return provider.functions.flatMap((func) =>
    func.examples.map((example, index) => ({
      path: `${ROOT}/${exampleModule(provider, func, index)}`,
      contents: `${generatedHeader('//', [func.source.file])}${tsExample(provider, func, example)}\n\nexport { result };\n`,
    })),
  );
}

/**
 * The environment docs examples run in: the fields' examples for the default account, and for
 * each account an example names, its variables too, with the URL choice its request shows.
 */
function environmentOf(provider: Provider): Array<[string, string]> {
  const entries: Array<[string, string]> = provider.fields.map((f) => [f.env, f.example]);
  for (const example of provider.functions.flatMap((func) => func.examples)) {
    if (example.account === null) continue;
    const account = example.account.toUpperCase().replace(/-/g, '_');
    for (const f of provider.fields) entries.push([f.accountEnvTemplate.replace('{ACCOUNT}', account), example.fields[f.key] ?? f.example]);
  }
  return entries;
}

const contractTestsSplit: ProviderSplit<Array<[string, string]>> = {
  provider: (provider) => [{ path: `${ROOT}/test/${provider.id}.test.ts`, contents: providerTestFile(provider) }, ...exampleModules(provider)],
  summary: environmentOf,
  index: (environments) => [{ path: `${ROOT}/test/environment.json`, contents: stableJson(Object.fromEntries([...environments].flat())) }],
};

/** Contract tests pinning every function's wire behaviour to its documented examples. */
export const contractTestsEmitter: Emitter = {
  name: 'contract-tests',
  owns: () => [`${ROOT}/test`, `${ROOT}/examples`],
  emit: emitFromSplit(contractTestsSplit),
  split: contractTestsSplit,
};
