/**
 * Public API of @switchboard/runtime: the Core client that generated packages
 * wrap, its options, the request shape of dry runs, the errors callers catch,
 * and the spec types generated code is written against.
 */

export { Core, type AnyOperation } from './core.js';
/** Walking a list operation's pages or items (apart from `Core`, so programs that do not paginate do not bundle it). */
export { pagesOf, itemsOf } from './pages.js';
export type { ClientOptions, CoreOptions, RequestOptions, Logger, LogLevel } from './options.js';
export { CLIENT_OPTION_NAMES } from './options.js';
export { firstText } from './json-path.js';
export { baseUrlEnvName, type EnvNamedProvider } from './base-url-env.js';
/** Failures answered with a success status (`ProviderSpec.failureInBody`); the loader checks examples with `marksFailure`. */
export { marksFailure, failureInBodyParts } from './failure-in-body.js';
/** Field-level reasons of error answers (`ProviderSpec.errorDetails`); the loader reads the spec's error example with `readErrorDetails`. */
export { readErrorDetails, errorDetailsParts } from './error-details.js';
export type { PreparedRequest, ShownRequest } from './build-request.js';
/** The generator's `validate` sends every spec example through this very builder. */
export { buildRequest, type BuildInput } from './build-request.js';
/** How an account's fields pick a server URL and fill the provider's headers; `validate` and the CLI use them too. */
export { InvalidFieldError, chooseServerUrl, choosingField, accountHeaders, accountParts } from './account-parts.js';
export { rateLimitParts } from './rate-limit.js';
/**
 * The parts a generated provider carries for its servers (`ProviderSpec.parts`): the code of each auth
 * kind they use, and `accountParts`; `allProviderParts` has every one, for providers written by hand.
 */
export { authCodeOf, type AuthCode, type AuthKinds } from './auth.js';
export { bearerAuth } from './auth-bearer.js';
export { basicAuth } from './auth-basic.js';
export { apiKeyAuth } from './auth-api-key.js';
export { oauth2Auth } from './auth-oauth2.js';
export {
  SwitchboardError,
  APIError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  ValidationError,
  MissingCredentialsError,
  UnavailableFunctionError,
  PaginationError,
  InvalidOptionError,
  type ValidationIssue,
  type MissingField,
} from './errors.js';
export { REDACTED } from './redact.js';
/** Generated clients call it for old names kept after a rename (spec `renamed_from`). */
export { warnDeprecatedOnce } from './deprecation.js';
/** Share one store between clients (the CLI, Lua host and MCP gateway do) so they share OAuth2 tokens. */
export { OAuth2TokenStore } from './oauth2-token.js';
export { oauth2ClientCredentials, type OAuth2Support } from './oauth2-session.js';
export type * from './spec.js';
export { DEFAULT_SERVER, declaredIdempotent, serverNameOf } from './spec.js';
export type { Transport, AttemptLimits, AnswerResult, AttemptResult, ResponseHeaders, StartTimer } from './transport-types.js';
export { fetchTransport } from './transport.js';
export { formatPattern } from './formats.js';
/**
 * The parts a generated operation carries for its features (`OperationSpec.parts`), each imported
 * only by the operations that use it; `allParts` has every one, for operations written by hand.
 */
export { allParts, allProviderParts, allAuthKinds } from './all-parts.js';
export { renameDeprecatedArguments } from './deprecation.js';
export { requiredGroupIssues } from './required-groups.js';
export { idempotencyHeader } from './idempotency-key.js';
export { selectedEndpoints } from './endpoint.js';
export { encodePathValue } from './path.js';
export { encodeRelativePathValue } from './path-relative.js';
export {
  wrapInArrayTransform,
  joinTransform,
  secondsToMillisecondsTransform,
  stripPlusTransform,
  mapTransform,
  datetimeFormatTransform,
  jsonEncodeTransform,
  type Transforms,
} from './transforms.js';
export { toPairs, queryPairs } from './query.js';
export { withValuesSentWhenOmitted } from './sent-when-omitted.js';
export { formBody } from './form-body.js';
export { multipartBody } from './multipart-body.js';
export { binaryBody, type BuiltBinary } from './binary-body.js';
export { downloadedFile, filenameOf, type ReadDownload } from './download.js';
export { fileAnswer, isFileAnswer, returnsFile, type FileAnswer } from './file-answer.js';
export { fileCheck } from './file-value.js';
export { takesFiles } from './file-kind.js';
export type { FileInput, FileParts } from './file-value.js';
export { nestedBody, type BodyNesting } from './body-nesting.js';
export { numberCheck, objectCheck, unionCheck, enumCheck, patternCheck } from './rule-checks.js';
/** The code of each pagination strategy, carried by the list operations that page by it. */
export { pageNumberPaging } from './paging-page.js';
export { offsetPaging } from './paging-offset.js';
export { cursorPaging } from './paging-cursor.js';
export { nextLinkPaging } from './paging-next-link.js';
export type { PagingStrategy } from './pagination.js';
export { RepeatedPageError } from './pagination.js';
export { e164Format, dateTimeFormat, dateFormat, uriFormat, emailFormat, uuidFormat, type FormatRule } from './formats.js';
/** The argument check clients run before sending, for the loader to hold each spec example to the same rules. */
export { checkArgs } from './arg-rules.js';
export { toRe2Syntax, usePatternEngine, type CompiledPattern, type PatternEngine } from './pattern-engine.js';
export type { ArgsRule, ValueRule, StringRule, NumberRule, BooleanRule, ArrayRule, ObjectRule, FileRule, UnionRule, StringFormat, RuleChecks } from './arg-rules.js';
/** Parameter types derived from the argument rules (generated clients state each parameter once). */
export type { ArgsOf, RuleValue } from './rule-types.js';
