/**
 * The data a generated client hands the runtime: what a provider is and what
 * each operation sends. Generated code contains only these literals; every
 * behaviour lives in the runtime and is driven by this data, never by
 * provider-specific code. The literals also name the runtime pieces their
 * data needs (`OperationSpec.parts`, `ProviderSpec.parts`, `ProviderSpec.oauth2`), so a program
 * bundles only the runtime code of the functions it calls.
 */

import type { ArgsRule, RuleChecks, StringFormat } from './arg-rules.js';
import type { AuthKinds } from './auth.js';
import type { BodyNesting } from './body-nesting.js';
import type { SelectedEndpoint } from './endpoint.js';
import type { ReadDownload } from './download.js';
import type { ValidationIssue } from './errors.js';
import type { FormatRule } from './formats.js';
import type { FormBody } from './form-body.js';
import type { BinaryBody } from './binary-body.js';
import type { MultipartBody } from './multipart-body.js';
import type { NextLinkSource } from './next-link.js';
import type { PagingStrategy } from './pagination.js';
import type { QueryEntry, ResolvedParam } from './param-plan.js';
import type { OAuth2Support } from './oauth2-session.js';
import type { Pairs } from './query.js';
import type { Transforms } from './transforms.js';
import type { ResponseHeaders } from './transport-types.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Where a credential's value comes from: an account field, a value the spec fixes (Mailgun's Basic
 * user `api`), or fixed text and fields in order (`['App ', { field: 'api_key' }]`).
 */
export type CredentialSpec = { field: string } | { literal: string } | { template: ReadonlyArray<string | { field: string }> };

export type AuthSpec =
  | { kind: 'bearer'; tokenField: string }
  | { kind: 'basic'; username: CredentialSpec; password: CredentialSpec }
  /** `body`: merged into the JSON or form body; only on servers whose operations all send one. */
  | { kind: 'api_key'; in: 'header' | 'query' | 'body'; params: Array<{ name: string; value: CredentialSpec }> }
  /** Nothing is added: a server that needs no credentials, such as an OAuth2 token endpoint's. */
  | { kind: 'none' }
  | OAuth2ClientCredentialsSpec;

/**
 * A bearer token obtained from a token endpoint with the client-credentials grant (RFC 6749 §4.4).
 * The endpoint is `tokenPath` on the provider's server `tokenServer`, so base-URL overrides reach it
 * like any server.
 */
export interface OAuth2ClientCredentialsSpec {
  kind: 'oauth2_client_credentials';
  clientIdField: string;
  clientSecretField: string;
  tokenServer: string;
  tokenPath: string;
  /** Sent space-separated as `scope`; empty sends none. */
  scopes: string[];
  /** `basic`: HTTP Basic client_id:client_secret; `form`: both as form fields of the token request. */
  clientAuth: 'basic' | 'form';
}

export interface FieldSpec {
  key: string;
  /** Secret values are redacted from every message, log line and dry run. */
  secret: boolean;
  /** Environment variable for the default account, e.g. `TELNYX_API_KEY`. */
  env: string;
  /** For a named account: `{ACCOUNT}` is replaced by the upper-cased account name. */
  accountEnvTemplate: string;
  /** Client option name (camelCase of key), e.g. `apiKey`. */
  option: string;
  default: string | null;
  /** Present for fields an account may leave unset (`required: false`); they only fill account headers. */
  optional?: true;
}

/**
 * `https://{region}.sms.api.sinch.com/xms/v1/{service_plan_id}` (placeholders are field keys),
 * or one such URL per value of an enum field: `{ byField: 'region', urls: { us: …, eu: … } }`.
 */
export type ServerUrlSpec = string | { byField: string; urls: Record<string, string> };

export interface ServerSpec {
  url: ServerUrlSpec;
  auth: AuthSpec;
}

export interface ProviderSpec {
  id: string;
  name: string;
  fields: FieldSpec[];
  servers: Record<string, ServerSpec>;
  /** Headers sent on every request, `{field}` placeholders filled; a header whose optional field is unset is left out. Absent: none. */
  headers?: Record<string, string>;
  /** Dotted paths (array indexes as numbers) tried in order in an error body. */
  errorMessagePaths: string[];
  errorCodePaths: string[];
  /** Where the error body carries the request id, when the `requestIdHeader` does not (Notion's `request_id`). */
  errorRequestIdPaths?: string[];
  /** A provider that answers some failures with a success status: the body path and value marking them (Slack: `ok`, `false`). */
  failureInBody?: { path: string; equals: string | number | boolean };
  /** Where an error body lists its field-level reasons, and how each reads (spec `errors.details`). Absent: none. */
  errorDetails?: ErrorDetailsSpec;
  requestIdHeader: string | null;
  /** Rate limits signalled beyond a 429 with Retry-After (spec `rate_limit`); absent for most providers. */
  rateLimit?: RateLimitSpec;
  /** Token fetching and caching (`oauth2ClientCredentials`), for providers with an OAuth2 server; absent otherwise. */
  oauth2?: OAuth2Support;
  /** The runtime code the provider's servers, fields and headers need (see `ProviderParts`). Absent: none. */
  parts?: ProviderParts;
}

/**
 * The runtime code behind a provider's features, carried by the provider literal as operations
 * carry theirs (`OperationParts`): a generated provider imports the auth kinds its servers use and,
 * only when it has server URLs chosen by a field or headers of its own, `accountParts`. A provider
 * whose data needs a part it does not carry is refused before sending, naming the part;
 * `allProviderParts` carries every one, for providers written by hand.
 */
export interface ProviderParts {
  /** The code of each auth kind the servers use other than `none` (`bearerAuth`, `basicAuth`, `apiKeyAuth`, `oauth2Auth`). */
  auth?: AuthKinds;
  /** With a server URL chosen by a field, or `headers` (`accountParts`). */
  accounts?: AccountParts;
  /** With `rateLimit` (`rateLimitParts`). */
  rateLimit?: RateLimitParts;
  /** With `failureInBody` (`failureInBodyParts`). */
  failureInBody?: FailureInBodyParts;
  /** With `errorDetails` (`errorDetailsParts`). */
  errorDetails?: ErrorDetailsParts;
}

/** GitHub's `{ each: 'errors', text: ['{field}: {code}', '{message}'] }`. */
export interface ErrorDetailsSpec {
  /** Dotted path to the entries; `*` is every item of a list or value of an object, and a list found at the end gives its items. */
  each: string;
  /** Templates over an object entry's dotted paths, tried in order: the first whose every `{path}` has a value is its text. */
  text: string[];
}

export interface ErrorDetailsParts {
  /** The texts of an error body's entries, in body order, as `readErrorDetails` reads them. */
  read: (spec: ErrorDetailsSpec, body: unknown) => string[];
  /** The sentence of the error's message that names them, with a trailing space; empty for none. */
  sentence: (details: readonly string[]) => string;
}

export interface FailureInBodyParts {
  /** Whether a success-status body carries the provider's mark. */
  marks: (marker: NonNullable<ProviderSpec['failureInBody']>, body: unknown) => boolean;
  /** What the error of such an answer advises. */
  advice: (providerName: string, status: number, marker: NonNullable<ProviderSpec['failureInBody']>) => string;
}

export interface RateLimitParts {
  /** Whether a status other than 429 is a rate limit by the provider's `rateLimit.exhausted`. */
  exhausted: (provider: ProviderSpec, status: number, headers: ResponseHeaders) => boolean;
  /** Milliseconds until the window resets by the provider's `rateLimit.reset`, or null. */
  resetWaitMs: (provider: ProviderSpec, headers: ResponseHeaders, now: number) => number | null;
}

export interface AccountParts {
  chooseServerUrl: (provider: ProviderSpec, url: ServerUrlSpec, value: string | undefined) => string;
  /** Fields the provider's headers need on every request. */
  headerFields: (provider: ProviderSpec) => string[];
  /** The provider's headers with fields filled in. */
  headers: (provider: ProviderSpec, value: (key: string) => string | undefined) => Record<string, string>;
}

export type Transform =
  | { kind: 'seconds_to_milliseconds' }
  | { kind: 'strip_plus' }
  | { kind: 'wrap_in_array' }
  | { kind: 'join'; separator: string }
  | { kind: 'map'; values: Record<string, unknown> }
  | { kind: 'datetime_format'; format: string }
  /** An object or array as JSON text; `asciiOnly` (header parameters) writes every non-ASCII character as `\uXXXX`. */
  | { kind: 'json_encode'; asciiOnly?: true };

/**
 * One parameter of an operation. Generated literals leave out every field that has its default,
 * so a parameter sent as it is named is just `{ name, in }`; `param-plan.ts` fills the defaults
 * in once per operation.
 */
export interface ParamSpec {
  name: string;
  in: 'path' | 'query' | 'body' | 'header';
  /** The provider's name for it. Default: `name`. */
  wire?: string;
  /** Default: none. */
  transforms?: Transform[];
  /** Object body parameter whose properties are merged into the body root. Default: false. */
  spread?: boolean;
  /** Body parameters: keys of the nested object `wire` goes in (`['data', 'attributes']`). Default: the body's root. */
  bodyPath?: string[];
  /** How an array goes into the query or a form body: `a,b`, `k=a&k=b`, `k[]=a&k[]=b` or `k[0]=a&k[1]=b`. Default: `comma`. */
  arrayFormat?: 'comma' | 'repeat' | 'brackets' | 'indexed';
  /** Default: `segment`. */
  pathStyle?: 'segment' | 'relative_path';
  /** With a selected endpoint: the case values this parameter belongs to. Default: every case. */
  appliesTo?: string[] | null;
  /**
   * Sent as if the caller had given it when the call leaves the parameter out (transforms apply),
   * after every caller-given parameter. Never null. Default: nothing is sent.
   */
  whenOmitted?: unknown;
}

export interface Endpoint {
  method: HttpMethod;
  /** `{param}` placeholders name parameters. */
  path: string;
}

export type EndpointSpec =
  | { kind: 'fixed'; method: HttpMethod; path: string }
  | { kind: 'selected'; parameter: string; cases: Record<string, Endpoint> };

export type ItemsPath = string | Record<string, string>;

export type PaginationSpec =
  | { strategy: 'page'; items: ItemsPath; pageParam: string; sizeParam: string; firstPage: 0 | 1; totalPagesPath: string | null; totalItemsPath: string | null }
  | { strategy: 'offset'; items: ItemsPath; offsetParam: string; limitParam: string; nextPath: string | null; totalItemsPath: string | null }
  /** `lastPageWithout`: the first key of `nextCursorPath` the last page leaves out (HubSpot's `paging`). */
  | { strategy: 'cursor'; items: ItemsPath; cursorParam: string; sizeParam: string | null; nextCursorPath: string; hasMorePath: string | null; lastPageWithout?: string }
  /** Follows a link to the next page, from a body path or the `Link` header's `rel="next"`. */
  | { strategy: 'next_link'; items: ItemsPath; next: NextLinkSource };

/** The server an operation that names none is sent to (the spec format's default too). */
export const DEFAULT_SERVER = 'default';

/** The key into ProviderSpec.servers of the server `op` is sent to. */
export const serverNameOf = (op: Pick<OperationSpec, 'server'>): string => op.server ?? DEFAULT_SERVER;

/** Whether repeating `op`'s request is harmless as its spec declares, the default (a read is, a write is not) filled in. */
export const declaredIdempotent = (op: Pick<OperationSpec, 'operation' | 'idempotent'>): boolean => op.idempotent ?? op.operation === 'read';

export interface OperationSpec {
  /** `telnyx.send_sms`. */
  id: string;
  operation: 'read' | 'write';
  /** Whether repeating the request is harmless, so it may be retried after a timeout or a server error. Absent: true for a read, false for a write (the spec format's defaults). */
  idempotent?: boolean;
  /** Key into ProviderSpec.servers. Absent: `default`, the server a spec's function uses unless it names another. */
  server?: string;
  endpoint: EndpointSpec;
  /**
   * How the body is encoded; `multipart` is multipart/form-data, which carries files among fields,
   * and `binary` one file's bytes as the whole body. Absent: the request has no body.
   */
  body?: 'json' | 'form' | 'multipart' | 'binary';
  params: ParamSpec[];
  /** Fixed parts every request sends. Absent (or a part absent): none. */
  constants?: { query?: Record<string, string | number | boolean>; header?: Record<string, string>; body?: Record<string, unknown> };
  /** The status the provider documents for success; any 2xx also succeeds. Default: 200. */
  successStatus?: number;
  /**
   * The answer is a file (`response.body: file`): asked for with `accept`, read as bytes and
   * returned as a `File` (by `parts.download`), never parsed. Absent: a JSON (or text) answer.
   */
  download?: { accept: string };
  /** Absent or null: the operation returns a single page. */
  pagination?: PaginationSpec | null;
  /** Choices among optional parameters ("exactly one of src, powerpack_uuid"); absent when there are none. */
  requiredGroups?: RequiredGroupSpec[];
  /** What the arguments must look like, checked before any request (`arg-rules.ts`). */
  args: ArgsRule;
  /** The provider's idempotency-key header: each call sends one key, reused by its retries, so the write may be retried like a read. Absent: none. */
  idempotencyKey?: { header: string };
  /** Old parameter names still accepted (spec `renamed_from`), each with its new name and the version that drops it. Absent: none. */
  renamedParams?: Record<string, { name: string; removedIn: string }>;
  /** The runtime code this operation's features need (see `OperationParts`). Absent: none. */
  parts?: OperationParts;
}

/**
 * The runtime code behind an operation's optional features, carried by the operation itself: a
 * generated literal imports exactly the pieces it uses, so `Core`'s call path reaches them only
 * through the operation and a program bundles only what its functions need. The data that drives
 * each piece (`renamedParams`, `requiredGroups`, …) stays in the literal, for the CLI, the Lua host
 * and the MCP gateway to read. An operation whose data needs a piece it does not carry is refused
 * (`partOf`), never half-handled; `allParts` carries every piece, for hand-written operations.
 */
export interface OperationParts {
  /** With `renamedParams`: old parameter names moved to the new ones (`renameDeprecatedArguments`). */
  rename?: (spec: OperationSpec, args: Record<string, unknown>) => Record<string, unknown>;
  /** With `requiredGroups` (`requiredGroupIssues`). */
  groups?: (groups: RequiredGroupSpec[], args: object) => ValidationIssue[];
  /** With `idempotencyKey`: the header of one call's key (`idempotencyHeader`). */
  keyHeader?: (op: OperationSpec, given: unknown) => Record<string, string>;
  /** With a `selected` endpoint (`selectedEndpoints`). */
  endpoint?: {
    select: (op: OperationSpec, args: Record<string, unknown>) => SelectedEndpoint | ValidationIssue[];
    appliesToIssues: (op: OperationSpec, args: Record<string, unknown>, selected: SelectedEndpoint) => ValidationIssue[];
  };
  /** With path parameters: the path template filled with their encoded values, or issues (`encodePathValue`; `encodeRelativePathValue` with a relative_path one). */
  path?: (
    template: string,
    params: readonly ResolvedParam[],
    values: ReadonlyMap<string, unknown> | undefined,
    refused: ReadonlySet<string> | undefined,
    issues: ValidationIssue[],
  ) => string;
  /** With parameter transforms: the code of each kind used (`mapTransform`, …). */
  transforms?: Transforms;
  /** With query parameters or a form body: a value as `key=value` pairs (`toPairs`). */
  pairs?: (key: string, value: unknown, arrayFormat: NonNullable<ParamSpec['arrayFormat']>) => Pairs;
  /** With a parameter that has `whenOmitted`: the arguments with those values filled in (`withValuesSentWhenOmitted`). */
  omitted?: (op: OperationSpec, args: Record<string, unknown>, selectedCase: string | null) => Record<string, unknown>;
  /** With query parameters: the query's pairs, a key several parameters send in parameter order (`queryPairs`). */
  query?: (op: OperationSpec, entries: QueryEntry[]) => Pairs;
  /** With a JSON body parameter under a `bodyPath`, or body constants (`nestedBody`). */
  nesting?: BodyNesting;
  /** With `body: 'form'` (`formBody`). */
  form?: FormBody;
  /** With `body: 'multipart'` (`multipartBody`). */
  multipart?: MultipartBody;
  /** With `body: 'binary'`: the one file parameter's bytes as the body (`binaryBody`). */
  binary?: BinaryBody;
  /** The named string formats the argument rules use, each with its pattern and words (`e164Format`, …). */
  formats?: Partial<Record<StringFormat, FormatRule>>;
  /** The checks of the rule keywords beyond strings, lists and booleans that the rules use (`numberCheck`, …). */
  checks?: RuleChecks;
  /** With `download`: the answer's bytes as a `File` (`downloadedFile`). */
  download?: ReadDownload;
  /** With `pagination`: its strategy's code (`pageNumberPaging`, `offsetPaging`, `cursorPaging`, `nextLinkPaging`). */
  paging?: PagingStrategy;
}

/** Parameters to choose among, or (`requires`) what a call that gives `given` must give too. */
export type RequiredGroupSpec = { kind: 'exactly_one' | 'at_least_one'; parameters: string[] } | { kind: 'requires'; given: string; required: string[] };

/** An operation the provider cannot perform: calls fail before any request with the reason. */
export interface UnavailableOperationSpec {
  id: string;
  unavailable: { reason: string; alternative: string | null };
}

/** How a provider signals a rate limit besides 429 and Retry-After. */
export interface RateLimitSpec {
  /** These statuses are a rate limit when `remainingHeader` says 0 requests are left (GitHub's 403). */
  exhausted?: { statuses: number[]; remainingHeader: string };
  /** When the window resets, for the wait when the answer has no Retry-After. */
  reset?: { header: string; format: 'epoch_seconds' | 'seconds' };
}
