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

/** The fake credentials sandbox runs use: each field's documented example value. */
export function sandboxCredentials(provider: ProviderBinding): Record<string, string> {
  return Object.fromEntries(provider.fields.map((f) => [f.option, f.example]));
}

export function sandboxRequested(flag: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return flag === true || env.SWITCHBOARD_SANDBOX === '1' || env.SWITCHBOARD_SANDBOX === 'true';
}
