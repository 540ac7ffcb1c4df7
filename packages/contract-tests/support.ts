/**
 * Hand-written support for the generated contract tests: serving scripted
 * responses at the network boundary and recording exactly what was sent.
 */
import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import { respond } from '@switchboard/testing';
import type { SetupServer } from 'msw/node';
import { recordRequest, serverPattern, tokenHandlers, type FunctionExample, type ProviderExamples, type RecordedRequest } from '@switchboard/testing';

/** Contract tests answer with documented responses exactly as the mock handlers do. */
export const respondWith = respond;

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The `index`-th documented example of `fn` (`telnyx.send_sms`). */
export function documentedIn(data: ProviderExamples) {
  return (fn: string, index: number): FunctionExample => {
    const example = data.examples.filter((e) => e.function === fn)[index];
    if (!example) throw new Error(`no example ${index} for ${fn}`);
    return example;
  };
}

/**
 * Answer requests to the provider's servers with `responses` in order (the
 * last one repeats), recording each request. A test with no responses expects
 * no request at all: any request then fails with 599 and is still recorded.
 */
export function serveFrom(server: SetupServer, data: ProviderExamples) {
  return (responses: Array<() => Response | Promise<Response>>): RecordedRequest[] => {
    const sent: RecordedRequest[] = [];
    server.use(
      // OAuth2 token requests are answered by the mock token endpoint and not recorded: `sent` is what reached the API.
      ...tokenHandlers(data),
      ...data.servers.map((url) =>
        http.all(serverPattern(url), async ({ request }) => {
          sent.push(await recordRequest(request));
          const next = responses[Math.min(sent.length - 1, responses.length - 1)];
          return next ? next() : new HttpResponse('no request was expected', { status: 599 });
        }),
      ),
    );
    return sent;
  };
}

const environment = JSON.parse(readFileSync(new URL('./test/environment.json', import.meta.url), 'utf8')) as Record<string, string>;

/**
 * Run a docs example module exactly as shown to users, with the credentials
 * it expects in the environment.
 */
export async function runDocsExample(path: string): Promise<{ result: unknown }> {
  Object.assign(process.env, environment);
  return (await import(new URL(`./${path}`, import.meta.url).href)) as { result: unknown };
}
