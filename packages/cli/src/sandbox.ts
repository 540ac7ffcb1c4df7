import type { ProviderBinding } from '@switchboard/bindings';

let started: Promise<void> | null = null;

/**
 * Serve every provider from the generated mock handlers, in this process: no
 * network, no credentials. Loaded only when asked for, so normal runs never
 * pay for msw.
 */
export function startSandbox(): Promise<void> {
  started ??= (async () => {
    const [{ setupServer }, { handlers }] = await Promise.all([import('msw/node'), import('@switchboard/mocks')]);
    setupServer(...handlers).listen({ onUnhandledRequest: 'error' });
  })();
  return started;
}

/**
 * Whether a sandbox answer is the catch-all's: no documented example answers that request
 * (@switchboard/testing's handlers mark it `x-switchboard-mock: unmatched`; the sandbox walk test
 * in packages/cli/test/all-pages.test.ts meets one, so the two cannot drift apart unnoticed).
 */
export function undocumentedAnswer(headers: { get(name: string): string | null }): boolean {
  return headers.get('x-switchboard-mock') === 'unmatched';
}

/**
 * The fake credentials sandbox runs use: each field's documented example value, except the
 * fields that choose a server URL (Dialpad's environment), which keep the account's own
 * value (`configured`, by option name), so a sandbox run answers at the host a real call
 * of that account would reach. Secrets never come from the account.
 */
export function sandboxCredentials(provider: ProviderBinding, configured: Record<string, string> = {}): Record<string, string> {
  const choosing = new Set(Object.values(provider.provider.servers).flatMap((s) => (typeof s.url === 'string' ? [] : [s.url.byField])));
  return Object.fromEntries(
    provider.fields.map((f) => [f.option, choosing.has(f.key) && !f.secret && configured[f.option] !== undefined ? configured[f.option]! : f.example]),
  );
}

export function sandboxRequested(flag: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return flag === true || env.SWITCHBOARD_SANDBOX === '1' || env.SWITCHBOARD_SANDBOX === 'true';
}
