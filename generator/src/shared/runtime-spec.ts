/**
 * The runtime's ProviderSpec and OperationSpec of the model, as plain data: what a client package
 * carries, and what the loader runs the runtime's argument checks against when it checks examples.
 * Shared by both, so neither imports the other.
 */

import type { Credential, Func, HttpBinding, Provider, ServerUrl } from '../model.js';
import { declaredIdempotent, DEFAULT_SERVER } from '@switchboard/runtime';
import { argsRule } from './arg-rules.js';

/** The runtime's ProviderSpec for `provider`, as plain data. */
export function providerSpec(provider: Provider) {
  return {
    id: provider.id,
    name: provider.name,
    fields: provider.fields.map((f) => ({
      key: f.key,
      secret: f.secret,
      env: f.env,
      accountEnvTemplate: f.accountEnvTemplate,
      option: f.option,
      default: f.default,
      // Only where declared, so providers without optional fields generate as before.
      ...(f.required ? {} : { optional: true }),
    })),
    servers: Object.fromEntries(provider.servers.map((s) => [s.name, { url: serverUrlSpec(s.url), auth: authSpec(s.auth) }])),
    ...(provider.headers.length > 0 ? { headers: Object.fromEntries(provider.headers.map((h) => [h.name, h.template])) } : {}),
    errorMessagePaths: provider.errors.messagePaths,
    errorCodePaths: provider.errors.codePaths,
    ...(provider.errors.failureInBody ? { failureInBody: provider.errors.failureInBody } : {}),
    ...(provider.errors.details ? { errorDetails: provider.errors.details } : {}),
    ...(provider.errors.requestIdPaths.length > 0 ? { errorRequestIdPaths: provider.errors.requestIdPaths } : {}),
    requestIdHeader: provider.requestIdHeader,
    // Only where the spec says more than 429 and Retry-After, so other providers generate as before.
    ...rateLimitSpec(provider),
  };
}

/** The runtime's `rateLimit`, exactly when the spec says more than 429 and Retry-After (its code is then a provider part). */
export function rateLimitSpec(provider: Provider) {
  const r = provider.rateLimit;
  if (!r) return {};
  const exhausted = r.exhaustedStatuses.length > 0 && r.remaining !== null ? { statuses: r.exhaustedStatuses, remainingHeader: r.remaining } : null;
  const reset = r.resetFormat !== null && r.reset !== null ? { header: r.reset, format: r.resetFormat } : null;
  if (!exhausted && !reset) return {};
  return { rateLimit: { ...(exhausted ? { exhausted } : {}), ...(reset ? { reset } : {}) } };
}

function serverUrlSpec(url: ServerUrl) {
  if (url.kind === 'fixed') return url.template;
  return { byField: url.field, urls: Object.fromEntries(url.choices.map((c) => [c.value, c.url.template])) };
}

function credentialSpec(credential: Credential) {
  switch (credential.kind) {
    case 'field':
      return { field: credential.field };
    case 'literal':
      return { literal: credential.value };
    case 'template':
      return { template: credential.pieces.map((p) => (p.kind === 'text' ? p.text : { field: p.field })) };
  }
}

function authSpec(auth: Provider['servers'][number]['auth']) {
  switch (auth.kind) {
    case 'bearer':
      return { kind: auth.kind, tokenField: auth.tokenField };
    case 'basic':
      return { kind: auth.kind, username: credentialSpec(auth.username), password: credentialSpec(auth.password) };
    case 'api_key':
      return { kind: auth.kind, in: auth.in, params: auth.params.map((p) => ({ name: p.wireName, value: credentialSpec(p.value) })) };
    case 'oauth2_client_credentials':
      return {
        kind: auth.kind,
        clientIdField: auth.clientIdField,
        clientSecretField: auth.clientSecretField,
        tokenServer: auth.tokenServer,
        tokenPath: auth.tokenPath,
        scopes: auth.scopes,
        clientAuth: auth.clientAuth,
      };
    case 'none':
      return { kind: auth.kind };
  }
}

/** The runtime's OperationSpec for an available function. */
export function operationSpec(func: Func & { binding: HttpBinding }) {
  const binding = func.binding;
  const endpoint =
    binding.endpoint.kind === 'fixed'
      ? { kind: 'fixed', method: binding.endpoint.endpoint.method, path: binding.endpoint.endpoint.path }
      : { kind: 'selected', parameter: binding.endpoint.parameter, cases: Object.fromEntries(binding.endpoint.cases.map((c) => [c.value, c.endpoint])) };
  return {
    id: func.names.qualified,
    operation: func.operation,
    // Default-valued fields are left out here too (see OperationSpec): a read is idempotent and a
    // write is not unless its spec says otherwise, most functions use the default server, and many send no body.
    ...(func.idempotent !== declaredIdempotent({ operation: func.operation }) ? { idempotent: func.idempotent } : {}),
    ...(binding.server.name !== DEFAULT_SERVER ? { server: binding.server.name } : {}),
    endpoint,
    ...(binding.bodyEncoding !== 'none' ? { body: binding.bodyEncoding } : {}),
    // Default-valued fields are left out (the runtime fills them in once per operation), so a
    // parameter sent as it is named is just `{ name, in }`.
    params: func.parameters.map((p) => ({
      name: p.name,
      in: p.location,
      ...(p.wireName !== p.name ? { wire: p.wireName } : {}),
      ...(p.transforms.length > 0 ? { transforms: p.transforms } : {}),
      ...(p.spread ? { spread: true } : {}),
      ...(p.bodyPath.length > 0 ? { bodyPath: p.bodyPath } : {}),
      ...(p.arrayFormat !== 'comma' ? { arrayFormat: p.arrayFormat } : {}),
      ...(p.pathStyle !== 'segment' ? { pathStyle: p.pathStyle } : {}),
      ...(p.appliesTo !== null ? { appliesTo: p.appliesTo } : {}),
      ...(p.sentWhenOmitted ? { whenOmitted: p.sentWhenOmitted.value } : {}),
    })),
    ...constantsSpec(binding.constants),
    ...(binding.successStatus !== 200 ? { successStatus: binding.successStatus } : {}),
    // A file answer is asked for by its media type (any, when the spec names none) and read as bytes.
    ...(func.returns.kind === 'file' ? { download: { accept: func.returns.contentType ?? '*/*' } } : {}),
    args: argsRule(func.parameters),
    ...(binding.pagination ? { pagination: paginationSpec(binding.pagination) } : {}),
    // Only when declared, so operations without one keep their literal unchanged.
    ...(binding.idempotencyKey ? { idempotencyKey: binding.idempotencyKey } : {}),
    // Only where there are groups, so functions without them generate as before.
    ...(func.requiredGroups.length > 0 ? { requiredGroups: func.requiredGroups } : {}),
    ...renamedParamsSpec(func),
  };
}

/** Old parameter names the runtime still accepts, warning once; only where there are any. */
function renamedParamsSpec(func: Func) {
  const renamed = func.parameters.flatMap((p) => p.renamedFrom.map((old) => [old.name, { name: p.name, removedIn: old.removedIn }] as const));
  return renamed.length > 0 ? { renamedParams: Object.fromEntries(renamed) } : {};
}

/** Only the parts an operation declares: most declare none. */
function constantsSpec(constants: HttpBinding['constants']) {
  const declared = Object.entries(constants).filter(([, values]) => Object.keys(values).length > 0);
  return declared.length > 0 ? { constants: Object.fromEntries(declared) } : {};
}

function paginationSpec(p: NonNullable<HttpBinding['pagination']>) {
  const items = p.items.kind === 'single' ? p.items.path : p.items.paths;
  switch (p.strategy) {
    case 'page':
      return { strategy: p.strategy, items, pageParam: p.pageParam, sizeParam: p.sizeParam, firstPage: p.firstPage, totalPagesPath: p.totalPagesPath, totalItemsPath: p.totalItemsPath };
    case 'offset':
      return { strategy: p.strategy, items, offsetParam: p.offsetParam, limitParam: p.limitParam, nextPath: p.nextPath, totalItemsPath: p.totalItemsPath };
    case 'cursor':
      return { strategy: p.strategy, items, cursorParam: p.cursorParam, sizeParam: p.sizeParam, nextCursorPath: p.nextCursorPath, hasMorePath: p.hasMorePath, ...(p.lastPageWithout !== null ? { lastPageWithout: p.lastPageWithout } : {}) };
    case 'next_link':
      return { strategy: p.strategy, items, next: p.next };
  }
}
