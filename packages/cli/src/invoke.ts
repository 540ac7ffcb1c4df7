import type { FunctionBinding, ProviderBinding } from '@switchboard/bindings';
import {
  APIConnectionError,
  APIError,
  Core,
  fileAnswer,
  InternalServerError,
  itemsOf,
  MissingCredentialsError,
  OAuth2TokenStore,
  RepeatedPageError,
  type PreparedRequest,
  type RequestOptions,
} from '@switchboard/runtime';
import { UsageError } from './io.js';
import { credentialsFor, envNameFor, policyFor, type Settings } from './accounts.js';
import { baseUrlsFor, BaseUrlError, type BaseUrlFlags, type BaseUrls } from './base-url.js';
import { useLinearPatterns } from './linear-patterns.js';
import { liveTransport, proxyShownFor } from './proxy-transport.js';
import { checkSandboxAnswer } from './sandbox-answers.js';
import { sandboxCredentials, startSandbox, undocumentedAnswer } from './sandbox.js';

// Every call, prompt and script of the CLI reaches providers through this module: from its first
// import on, argument patterns run in linear time (see linear-patterns.ts).
useLinearPatterns();

/** What a call did, as the call log records it. */
export type EffectStatus = 'read' | 'write_succeeded' | 'write_unknown' | 'denied' | 'failed' | 'dry_run';

export interface CallLogEntry {
  function: string;
  account: string;
  operation: 'read' | 'write';
  effect: EffectStatus;
  duration_ms: number;
  error?: string;
}

export interface InvokeContext {
  settings: Settings;
  env: NodeJS.ProcessEnv;
  sandbox: boolean;
  /** Headless runs refuse writes unless forced or allowed by the provider's policy. */
  force: boolean;
  dryRun: boolean;
  log: CallLogEntry[];
  /** `--base-url` overrides given to the command; environment and settings overrides are read per call. */
  baseUrlFlags?: BaseUrlFlags;
}

/** What one call may choose beside its arguments. */
export interface CallChoices {
  /**
   * The idempotency key of a write whose spec declares one, instead of a fresh one: repeating a
   * call whose outcome is unknown with the same key cannot repeat its effect.
   */
  idempotencyKey?: string;
  /**
   * Walk every page of a paginated list and answer with all its items (as `…Items()` in
   * TypeScript), instead of the first page's body: the only way to reach later pages of a list
   * that pages by links (`links.next`), which no parameter takes.
   */
  allPages?: boolean;
}

export interface InvokeResult {
  data: unknown;
  request: PreparedRequest | null;
  permissionBypassed: boolean;
  /** The base-URL overrides this call used, by server, with their sources. */
  baseUrls: BaseUrls;
  /** For a dry run, where its OAuth2 token request would go (a server with OAuth2); null otherwise. */
  tokenUrl: string | null;
  /** Whether a sandbox walk ended where the documented examples ran out, before the walk did. */
  sandboxWalkEnded: boolean;
  /** The proxy the request goes (or would go) through, without its password, and the variable naming it; null when it goes directly. */
  proxy: { url: string; source: string } | null;
}

/** A call refused by the effects policy (a write without permission, or any call the policy denies); nothing was sent. */
export class WriteDeniedError extends Error {}

/** Credentials were needed and not found; the message says every way to provide them. */
export class CredentialsMissingError extends Error {}

/** Overrides for this call. The sandbox answers at the spec's URLs, so an explicit flag there is refused rather than ignored. */
function overridesFor(provider: ProviderBinding, account: string, ctx: InvokeContext): BaseUrls {
  if (!ctx.sandbox) return baseUrlsFor(provider, account, ctx.settings, ctx.env, ctx.baseUrlFlags ?? new Map());
  if (ctx.baseUrlFlags?.has(provider.id)) throw new BaseUrlError('--base-url cannot be combined with --sandbox: the sandbox answers at the servers of the spec.');
  return {};
}

/**
 * OAuth2 tokens of this process: every call makes its own Core, and a Lua script or MCP session
 * making many calls must still fetch one token per account, not one per call. The sandbox keeps
 * its own, so a mock token is never sent to a real provider.
 */
const oauth2Tokens = { live: new OAuth2TokenStore(), sandbox: new OAuth2TokenStore() };

function coreFor(provider: ProviderBinding, account: string, ctx: InvokeContext, baseUrls: BaseUrls): Core {
  const configured = credentialsFor(provider, account, ctx.settings, ctx.env);
  const credentials = ctx.sandbox ? sandboxCredentials(provider, configured) : configured;
  const baseURL = Object.fromEntries(Object.entries(baseUrls).map(([server, o]) => [server, o.url]));
  // The CLI resolves credentials itself (environment, then the settings file), so the runtime sees no environment.
  const tokens = ctx.sandbox ? oauth2Tokens.sandbox : oauth2Tokens.live;
  // Live calls go through the environment's proxies; the sandbox answers inside this process.
  const transport = ctx.sandbox ? undefined : liveTransport(ctx.env);
  return new Core(provider.provider, { ...credentials, env: {}, account: account === 'default' ? undefined : account, baseURL, oauth2Tokens: tokens, ...(transport ? { transport } : {}) });
}

function missingCredentials(provider: ProviderBinding, fn: FunctionBinding, account: string, error: MissingCredentialsError): CredentialsMissingError {
  const keys = new Set(error.fields.map((f) => f.key));
  const fields = provider.fields.filter((f) => keys.has(f.key));
  const vars = fields.map((f) => envNameFor(f, account)).join(', ');
  const sets = fields.map((f) => `--set ${f.key}=…`).join(' ');
  return new CredentialsMissingError(
    `${fn.qualified} needs credentials for account '${account}': set ${vars}, or run \`switchboard configure ${provider.id}${account === 'default' ? '' : ` --account ${account}`} ${sets}\`, or try it offline with --sandbox.`,
  );
}

/** Whether a function's spec declares an idempotency-key header, so a caller may choose the key. */
export function declaresIdempotencyKey(fn: FunctionBinding): boolean {
  return !('unavailable' in fn.spec) && fn.spec.idempotencyKey !== undefined;
}

/** Whether a function is a list the runtime can walk page by page. */
export function isPaginated(fn: FunctionBinding): boolean {
  return !('unavailable' in fn.spec) && fn.spec.pagination !== null && fn.spec.pagination !== undefined;
}

/** The runtime options of the choices; a key for a function that declares none, or a walk of one that does not page, is refused, not ignored. */
function requestOptionsFor(fn: FunctionBinding, choices: CallChoices): RequestOptions {
  if (choices.allPages === true && !isPaginated(fn)) throw new UsageError(`${fn.qualified} answers in one page: it is not a paginated list, so there are no other pages to walk.`, { code: 'invalid_option' });
  if (choices.idempotencyKey === undefined) return {};
  if (!declaresIdempotencyKey(fn)) throw new UsageError(`${fn.qualified} takes no idempotency key: its spec declares none (only writes that send one, such as Stripe's Idempotency-Key, do).`, { code: 'invalid_option' });
  return { idempotencyKey: choices.idempotencyKey };
}

/** A failure after the request may have reached the provider: the write may or may not have happened. */
function outcomeUnknown(error: unknown): boolean {
  // A 5xx may come after the provider acted; a broken connection says itself whether anything was sent.
  return error instanceof InternalServerError || (error instanceof APIConnectionError && error.requestSent === 'maybe');
}

/**
 * The one call path shared by `switchboard call`, Lua scripts and MCP:
 * validate and build the request (no I/O), apply the effects policy, then send.
 * Every outcome lands in the call log.
 */
export async function invoke(provider: ProviderBinding, fn: FunctionBinding, args: object, account: string, ctx: InvokeContext, choices: CallChoices = {}): Promise<InvokeResult> {
  const started = performance.now();
  const entry: CallLogEntry = { function: fn.qualified, account, operation: fn.operation, effect: fn.operation === 'read' ? 'read' : 'write_succeeded', duration_ms: 0 };
  const finish = (effect: EffectStatus, error?: unknown) => {
    entry.effect = effect;
    entry.duration_ms = Math.round((performance.now() - started) * 100) / 100;
    if (error) entry.error = error instanceof Error ? error.message : String(error);
    ctx.log.push(entry);
  };

  let request: PreparedRequest;
  let baseUrls: BaseUrls;
  let core: Core;
  let options: RequestOptions;
  let tokenUrl: string | null;
  let proxy: InvokeResult['proxy'];
  try {
    options = requestOptionsFor(fn, choices);
    baseUrls = overridesFor(provider, account, ctx);
    core = coreFor(provider, account, ctx, baseUrls);
    request = core.prepare(fn.spec, args, options);
    // Only a dry run shows it; a real call has no use for it.
    tokenUrl = ctx.dryRun ? core.tokenUrlOf(fn.spec) : null;
    proxy = ctx.sandbox ? null : proxyShownFor(ctx.env, request.url);
  } catch (error) {
    finish('failed', error);
    throw error instanceof MissingCredentialsError ? missingCredentials(provider, fn, account, error) : error;
  }
  if (ctx.dryRun) {
    finish('dry_run');
    return { data: null, request, permissionBypassed: false, baseUrls, tokenUrl, sandboxWalkEnded: false, proxy };
  }

  let permissionBypassed = false;
  if (fn.operation === 'read' && policyFor(provider, ctx.settings).read === 'deny') {
    const denied = new WriteDeniedError(`${fn.qualified} was not sent: reads from ${provider.id} are denied by policy; change it with \`switchboard configure ${provider.id} --read allow\`.`);
    finish('denied', denied);
    throw denied;
  }
  if (fn.operation === 'write') {
    const policy = policyFor(provider, ctx.settings).write;
    if (policy === 'deny' || (policy !== 'allow' && !ctx.force)) {
      const why =
        policy === 'deny'
          ? `writes to ${provider.id} are denied by policy; change it with \`switchboard configure ${provider.id} --write allow\``
          : `re-run with --force, or allow writes with \`switchboard configure ${provider.id} --write allow\``;
      const denied = new WriteDeniedError(`${fn.qualified} is a write and was not sent: ${why}.`);
      finish('denied', denied);
      throw denied;
    }
    permissionBypassed = policy !== 'allow';
  }

  if (ctx.sandbox) await startSandbox();
  try {
    const walked = choices.allPages === true ? await allItems(core, fn, args, options, ctx.sandbox) : null;
    const answer = walked ? walked.items : await core.call(fn.spec, args, options);
    // A download is a File; as data it is its name, type and bytes (file-answer.ts).
    const data = answer instanceof Blob ? await fileAnswer(answer) : answer;
    // A sandbox answer of the wrong shape would mislead the caller; it fails loudly instead (a walk answers with items, not a page).
    if (ctx.sandbox && choices.allPages !== true) checkSandboxAnswer(fn, data);
    finish(fn.operation === 'read' ? 'read' : 'write_succeeded');
    // What the provider answers goes to a terminal, a script's output or an agent: a server that echoes the key (a debug
    // page, a request echoed back) must not show it there. The SDK itself returns the answer untouched. A downloaded
    // file is not redacted: changing its bytes would corrupt it, and they are the provider's content, not an echo.
    return { data: answer instanceof Blob ? data : core.redactor.value(data), request, permissionBypassed, baseUrls, tokenUrl, sandboxWalkEnded: walked?.sandboxEnded ?? false, proxy };
  } catch (error) {
    finish(fn.operation === 'write' && outcomeUnknown(error) ? 'write_unknown' : 'failed', error);
    throw error;
  }
}

/**
 * Every item of every page, in order; the runtime's page cap and loop guards end a walk that would
 * not. In the sandbox each page is the nearest documented example, so the examples can run out
 * before the walk does: a page that repeats the one before (not a provider ignoring its paging
 * parameter), or a next page no example documents (a next link of the provider's own form). The
 * walk ends there with what it had, and says so.
 */
async function allItems(core: Core, fn: FunctionBinding, args: object, options: RequestOptions, sandbox: boolean): Promise<{ items: unknown[]; sandboxEnded: boolean }> {
  const items: unknown[] = [];
  try {
    for await (const item of itemsOf(core, fn.spec, args, options)) items.push(item);
  } catch (error) {
    const undocumentedNextPage = items.length > 0 && error instanceof APIError && undocumentedAnswer(error.headers);
    if (sandbox && (error instanceof RepeatedPageError || undocumentedNextPage)) return { items, sandboxEnded: true };
    throw error;
  }
  return { items, sandboxEnded: false };
}
