/**
 * The intermediate model: the one typed description of the catalog that every
 * emitter reads. It is built by the loader from validated YAML and is plain
 * data (JSON-serialisable), so emitters never see YAML and never re-derive
 * names: everything computed from a spec is computed once, here.
 */

/** A JSON Schema (draft-07) object, as emitted for inputs and responses. */
export type JsonSchema = { [keyword: string]: unknown };

/** Where a model element came from, for messages and generated headers. */
export interface SourceRef {
  /** Path relative to the specs directory, with forward slashes: `telnyx/send_sms.yaml`. */
  file: string;
}

export interface Catalog {
  /** Providers sorted by id, so every emitter iterates in a stable order. */
  providers: Provider[];
}

export interface Provider {
  /** `retell-ai`: folder name, package suffix, docs key. */
  id: string;
  /** `retell_ai`: the Lua namespace under app.integrations. */
  namespace: string;
  /** `Retell AI`. */
  name: string;
  /** TypeScript client class, `RetellAi`. */
  className: string;
  /** npm package name of the generated client, `@switchboard/retell-ai`. */
  packageName: string;
  /** Where that package is generated, project-relative: `packages/clients/retell-ai` (the pipeline reads its released version there). */
  packageDir: string;
  /** What the mocks package exports for this provider, `retellAiExamples` and `retellAiHandlers`; the contract tests import them. */
  mockExports: { examples: string; handlers: string };
  /**
   * Current version of the client package. The specs do not hold it: Changesets records it in the
   * package's package.json (`changeset version`), and `generate` reads it back from there before
   * emitting (`output/package-versions.ts`); a catalog loaded on its own has INITIAL_PACKAGE_VERSION.
   */
  version: string;
  category: string;
  description: string;
  docsUrl: string;
  apiVersion: string | null;
  /** Prefix of the fields' environment variables, `RETELL_AI`. */
  envPrefix: string;
  fields: Field[];
  servers: Server[];
  /** Headers sent on every request, filled from account fields. */
  headers: AccountHeader[];
  errors: ErrorEnvelope;
  rateLimit: RateLimitHeaders | null;
  requestIdHeader: string | null;
  /** Named schemas from provider.yaml `schemas:`, refs among them inlined; functions' refs to them are inlined too. */
  schemas: Record<string, JsonSchema>;
  /** Functions sorted by canonical name. */
  functions: Func[];
  source: SourceRef;
}

/** A credential or account variable an account configures. */
export interface Field {
  key: string;
  label: string;
  description: string;
  /** Secret values are redacted everywhere: errors, logs, dry runs, call logs. */
  secret: boolean;
  /** TypeScript client option, `apiKey`. */
  option: string;
  /** Environment variable for the default account, `TELNYX_API_KEY`. */
  env: string;
  /** Environment variable for a named account: replace `{ACCOUNT}`, e.g. `TELNYX_{ACCOUNT}_API_KEY`. */
  accountEnvTemplate: string;
  /** Fake, well-formed value for examples, docs and the sandbox. */
  example: string;
  default: string | null;
  /** False only for fields declared `required: false`: they may stay unset and are used only in account headers. */
  required: boolean;
  enum: string[] | null;
  pattern: string | null;
}

/**
 * Where a credential comes from: an account field, a value fixed by the spec (Mailgun's Basic user
 * `api`), or a text filled from fields (Infobip's `App {api_key}`, Zendesk's `{email}/token`).
 */
export type Credential = { kind: 'field'; field: string } | { kind: 'literal'; value: string } | CredentialTemplate;

/** A credential made of fixed text and field values, in order; at least one piece is a field. */
export interface CredentialTemplate {
  kind: 'template';
  /** As the spec writes it, for docs and messages. */
  template: string;
  pieces: Array<{ kind: 'text'; text: string } | { kind: 'field'; field: string }>;
}

/** One wire name an api_key scheme sends, with its value's source. */
export interface ApiKeyParam {
  wireName: string;
  value: Credential;
}

export type AuthScheme =
  | { kind: 'bearer'; name: string; tokenField: string }
  | { kind: 'basic'; name: string; username: Credential; password: Credential }
  /** `in: body` only on servers whose functions all send a body; the loader enforces it. */
  | { kind: 'api_key'; name: string; in: 'header' | 'query' | 'body'; params: ApiKeyParam[] }
  | OAuth2ClientCredentials
  /** Sends no credentials: the server of an OAuth2 token endpoint, or a public API. */
  | { kind: 'none'; name: string };

/** A URL with `{field}` placeholders, e.g. `https://{region}.sms.api.sinch.com/xms/v1/{service_plan_id}`. */
export interface UrlTemplate {
  template: string;
  /** Fields named by the placeholders, in order of appearance. */
  fields: string[];
}

/** One URL for every account, or one per value of an enum field (Mailgun's US or EU host). */
export type ServerUrl =
  | ({ kind: 'fixed' } & UrlTemplate)
  | { kind: 'by_field'; field: string; choices: Array<{ value: string; url: UrlTemplate }> };

/** A bearer token the runtime obtains from a token endpoint with the client-credentials grant. */
export interface OAuth2ClientCredentials {
  kind: 'oauth2_client_credentials';
  name: string;
  clientIdField: string;
  clientSecretField: string;
  /** Name of the provider's server the token endpoint is on (its auth is `none`). */
  tokenServer: string;
  /** Path of the token endpoint on that server, starting with `/`. */
  tokenPath: string;
  scopes: string[];
  /** How the client authenticates to the token endpoint. */
  clientAuth: 'basic' | 'form';
  /**
   * The access token the mocks' token endpoint hands out, so the sandbox and the examples agree:
   * examples document `authorization: Bearer <exampleToken>`.
   */
  exampleToken: string;
}

export interface Server {
  name: string;
  url: ServerUrl;
  auth: AuthScheme;
  description: string | null;
  /** The variable that overrides its URL for the default account, `SINCH_BASE_URL_NUMBERS` (the runtime's name). */
  baseUrlEnv: string;
  /** The same for a named account: replace `{ACCOUNT}`, e.g. `SINCH_{ACCOUNT}_BASE_URL_NUMBERS`. */
  accountBaseUrlEnvTemplate: string;
}

/** A provider-level header from account fields: `DP-Company-ID: {company_id}`. */
export interface AccountHeader {
  /** As the spec spells it. */
  name: string;
  template: string;
  /** Fields named by the placeholders; the header is left out when an optional one is unset. */
  fields: string[];
}

export interface ErrorEnvelope {
  /** Dotted paths tried in order for the provider's error message. */
  messagePaths: string[];
  codePaths: string[];
  /** Dotted paths tried for the request id in the error body, after the provider's request-id header; empty for none. */
  requestIdPaths: string[];
  /** Where a provider that answers failures with a success status marks them (Slack: `ok` is `false`); null when it never does. */
  failureInBody: FailureMarker | null;
  /** Where the body lists field-level reasons and how each reads (spec `errors.details`); null when the spec declares none. */
  details: ErrorDetails | null;
  example: { status: number; body: unknown };
  /**
   * What the runtime reads from the example with those paths: the message (the loader refuses paths
   * that find none), the code and the request id from the body, or null where no path finds one;
   * the details, of which the loader refuses none when `details` is declared (empty when it is not).
   */
  documented: { message: string; code: string | null; requestId: string | null; details: string[] };
}

/** GitHub's `errors: [{field, code}]` as `{ each: 'errors', text: ['{field}: {code}'] }`: the runtime's `ErrorDetailsSpec`. */
export interface ErrorDetails {
  /** Dotted path to the entries; `*` is every item or value. */
  each: string;
  /** Templates over an entry's dotted paths, the first complete one wins; each names at least one path. */
  text: string[];
}

/** A value at a dotted path of a success-status body that makes the answer a failure. */
export interface FailureMarker {
  path: string;
  equals: string | number | boolean;
}

export interface RateLimitHeaders {
  limit: string | null;
  remaining: string | null;
  reset: string | null;
  /** How the runtime reads `reset` to wait for the window; null when the header is only documented. */
  resetFormat: 'epoch_seconds' | 'seconds' | null;
  /** Statuses besides 429 that are a rate limit when `remaining` is 0 (GitHub's 403); empty for none. */
  exhaustedStatuses: number[];
}

/** Every name a function is reachable by, computed once. */
export interface DerivedNames {
  /** `telnyx.send_sms`: docs page id, CLI argument, call-log name. */
  qualified: string;
  /** `app.integrations.telnyx.send_sms`. */
  luaPath: string;
  /** Alias Lua paths, `app.integrations.telnyx.telnyx_send_sms`. */
  luaAliases: string[];
  /** TypeScript method on the client class, `sendSms`. */
  tsMethod: string;
  /** TypeScript type name stem, `SendSms` (→ `SendSmsParams`, `SendSmsResponse`). */
  tsType: string;
  /** Shell command, `switchboard call telnyx.send_sms`. */
  cliCommand: string;
  /** MCP tool name, `telnyx__send_sms`. */
  mcpTool: string;
  /** The client package's exported OperationSpec, `sendSmsOperation`, which the bindings and contract tests import too. */
  tsOperation: string;
}

export type ParameterLocation = 'path' | 'query' | 'body' | 'header';

export type Transform =
  | { kind: 'seconds_to_milliseconds' }
  | { kind: 'strip_plus' }
  | { kind: 'wrap_in_array' }
  | { kind: 'join'; separator: string }
  | { kind: 'map'; values: Record<string, unknown> }
  | { kind: 'datetime_format'; format: string }
  /** An object or array as JSON text; `asciiOnly` (header parameters) writes every non-ASCII character as `\uXXXX`, as header values must be. */
  | { kind: 'json_encode'; asciiOnly?: true };

/** `file`: bytes to upload, only as a multipart body parameter or its array's items; the loader gives it no other constraint. */
export type ValueType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'file';

/** The shape of a value: one JSON type with its constraints, or a union of such shapes. */
export type ValueSchema = SingleValueSchema | UnionValueSchema;

/** A value of one JSON type: a JSON Schema subset with our own field names. */
export interface SingleValueSchema {
  kind: 'single';
  type: ValueType;
  /** JSON `null` is a value to send (to clear a field), not "not given"; the loader allows it in JSON bodies only, never on a union's member. */
  nullable: boolean;
  description: string | null;
  enum: unknown[] | null;
  default: unknown;
  minimum: number | null;
  maximum: number | null;
  minLength: number | null;
  maxLength: number | null;
  pattern: string | null;
  format: 'e164' | 'date-time' | 'date' | 'uri' | 'email' | 'uuid' | null;
  minItems: number | null;
  maxItems: number | null;
  items: ValueSchema | null;
  /** Object properties, in declared order. */
  properties: NestedProperty[] | null;
  /** `true` for free-form maps, a schema for typed maps, `false` for closed objects. */
  additionalProperties: boolean | ValueSchema;
}

/**
 * "One number or several", "a version number or a tag": the value has the shape of one of
 * `members`. Each member has its own JSON type (integer and number count as one), so a value
 * matches at most one member and transforms and encodings can tell which; members are never
 * unions themselves, and there are at least two.
 */
export interface UnionValueSchema {
  kind: 'union';
  /** As on a single value; its members are never nullable themselves. */
  nullable: boolean;
  description: string | null;
  default: unknown;
  members: SingleValueSchema[];
  /**
   * With several object members: the property each of them declares as a required one-value
   * enum, whose value says which member an object is (`type` in Retell's `{type: range, …}`
   * filters); null when every member has a JSON type of its own.
   */
  discriminator: string | null;
}

export interface NestedProperty {
  name: string;
  required: boolean;
  schema: ValueSchema;
}

export interface Parameter {
  /** The name scripts use, `page_size`. */
  name: string;
  required: boolean;
  schema: ValueSchema;
  location: ParameterLocation;
  /** The provider's name, `page[size]`. Equal to `name` when the spec gives none. */
  wireName: string;
  transforms: Transform[];
  /** Object body parameters whose properties are merged into the body root. */
  spread: boolean;
  /** Body parameters: the keys of the object the wire name goes in, from the body's root (`['data', 'attributes']`); empty for the root and for every other location. */
  bodyPath: string[];
  /** How an array is written into the query string or a form body. */
  arrayFormat: 'comma' | 'repeat' | 'brackets' | 'indexed';
  /** Path parameters: one encoded segment, or a relative path of several. */
  pathStyle: 'segment' | 'relative_path';
  /** With a selected endpoint: the case values this parameter belongs to; null means all. */
  appliesTo: string[] | null;
  deprecated: string | null;
  /** Old names of this parameter still accepted as deprecated aliases; empty for most. */
  renamedFrom: RenamedFrom[];
  /**
   * A value sent when the caller gives none (Zendesk's `page[size]`, which keeps cursor paging on),
   * in the caller's terms: the parameter's transforms apply to it. Null for nearly every parameter.
   * The loader gives it only to an optional parameter without a `default` (a documented provider
   * default would never apply), and the value is valid for the parameter's schema.
   */
  sentWhenOmitted: SentValue | null;
}

/** A value to send; wrapped so that `false`, `0` and `""` are values like any other. */
export interface SentValue {
  value: unknown;
}

/**
 * An old name kept working after a rename: calls under it warn once and are served by the new
 * name, until the package version that drops it (the spec then deletes it, a major change).
 */
export interface RenamedFrom {
  /** The old snake_case name. */
  name: string;
  /** The package version without the alias, `2.0.0`. */
  removedIn: string;
}

/** A function's old name, with every name it was reachable by, computed once. */
export interface RenamedFunction extends RenamedFrom {
  names: DerivedNames;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Endpoint {
  method: HttpMethod;
  /** Path with `{parameter}` placeholders, appended to the server URL. */
  path: string;
}

export type EndpointChoice =
  | { kind: 'fixed'; endpoint: Endpoint }
  | { kind: 'selected'; parameter: string; cases: Array<{ value: string; endpoint: Endpoint }> };

export interface Constants {
  query: Record<string, string | number | boolean>;
  header: Record<string, string>;
  body: Record<string, unknown>;
}

/** Pagination strategies, each carrying exactly the paths it needs. */
export type Pagination =
  | {
      strategy: 'page';
      items: ItemsPath;
      pageParam: string;
      sizeParam: string;
      firstPage: 0 | 1;
      totalPagesPath: string | null;
      totalItemsPath: string | null;
    }
  | {
      strategy: 'offset';
      items: ItemsPath;
      offsetParam: string;
      limitParam: string;
      nextPath: string | null;
      totalItemsPath: string | null;
    }
  | {
      strategy: 'cursor';
      items: ItemsPath;
      cursorParam: string;
      sizeParam: string | null;
      nextCursorPath: string;
      hasMorePath: string | null;
      /** The first key of `nextCursorPath` the last page leaves out (HubSpot's `paging`); null when every page carries it. */
      lastPageWithout: string | null;
    }
  | {
      strategy: 'next_link';
      items: ItemsPath;
      /** Where the next page's link is: a body path, or the `Link` header's `rel="next"`. */
      next: { from: 'body'; path: string } | { from: 'link_header' };
    };

/** Path of the items array: one for all endpoints, or one per selected case. */
export type ItemsPath = { kind: 'single'; path: string } | { kind: 'per_case'; paths: Record<string, string> };

export interface HttpBinding {
  kind: 'http';
  server: Server;
  endpoint: EndpointChoice;
  /**
   * Encoding of body parameters (`multipart`: multipart/form-data, which carries files among fields;
   * `binary`: the one file parameter's bytes are the whole body); `none` when no parameter or
   * constant goes to the body.
   */
  bodyEncoding: 'json' | 'form' | 'multipart' | 'binary' | 'none';
  constants: Constants;
  /** Expected success status. */
  successStatus: number;
  pagination: Pagination | null;
  /** The idempotency-key header a write sends one key per call in; null when it declares none. */
  idempotencyKey: { header: string } | null;
}

export interface UnavailableBinding {
  kind: 'unavailable';
  reason: string;
  alternative: string | null;
}

/** A documented request: a body as written (JSON, a form, multipart fields), or for a function whose body is one file (`request.body: binary`), that file. */
export type ExampleRequest = DataRequest | FileRequest;

interface RequestLine {
  method: HttpMethod;
  url: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
}

export interface DataRequest extends RequestLine {
  body: unknown;
  file?: never;
}

export interface FileRequest extends RequestLine {
  body?: never;
  file: DocumentedBytes;
}

export interface Example {
  title: string;
  arguments: Record<string, unknown>;
  account: string | null;
  /**
   * Field values of the example's named account where they differ from the fields' examples:
   * the URL choice its documented request shows (`{ region: 'eu' }`). Empty for most examples.
   */
  fields: Record<string, string>;
  request: ExampleRequest;
  response: ExampleResponse;
  /** Lua statements using `result`, appended to the generated call. */
  lua: string | null;
}

/** A documented answer: a JSON (or text) body, or for a success of a function that returns a file, that file. */
export type ExampleResponse = DataAnswer | FileAnswer;

export interface DataAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  file?: never;
}

export interface FileAnswer {
  status: number;
  headers: Record<string, string>;
  body?: never;
  file: DocumentedBytes;
}

/** A documented file's name, media type and bytes; text content is kept as text so docs can show it. */
export interface DocumentedBytes {
  filename: string | null;
  contentType: string;
  /** The bytes, base64-encoded. */
  base64: string;
  /** The content as the spec wrote it when it was text (`content`), else null. */
  text: string | null;
}

/**
 * What a successful call gives back: a JSON body its schema describes, nothing described (204s,
 * bodies no one documented), or a file (bytes with a name and media type, never parsed).
 */
export type Returns =
  | { kind: 'data'; schema: JsonSchema }
  | { kind: 'nothing' }
  /** `contentType`: the media type the provider documents (sent as Accept), or null for any. */
  | { kind: 'file'; contentType: string | null };

export interface Func {
  /** Canonical snake_case name, `send_sms`. */
  name: string;
  aliases: string[];
  /** Old names of a renamed function, still served as deprecated aliases; empty for most. */
  renamedFrom: RenamedFunction[];
  providerId: string;
  names: DerivedNames;
  title: string;
  description: string;
  operation: 'read' | 'write';
  idempotent: boolean;
  destructive: boolean;
  deprecated: { since: string | null; message: string } | null;
  differences: string[];
  parameters: Parameter[];
  /** Choices among optional parameters, checked before any request; empty when the function has none. */
  requiredGroups: RequiredGroup[];
  /** JSON Schema of the arguments object: what validators, MCP and `schema` use. */
  inputSchema: JsonSchema;
  returns: Returns;
  binding: HttpBinding | UnavailableBinding;
  examples: Example[];
  source: SourceRef;
}

/**
 * Parameters the caller chooses among: `exactly_one` means one and only one
 * of them is given, `at_least_one` one or more; or, for `requires`, what a
 * call that gives one parameter must give too. Every name is an optional
 * parameter of the function, and a group names at least two.
 */
export type RequiredGroup = ChoiceGroup | DependentGroup;

export interface ChoiceGroup {
  kind: 'exactly_one' | 'at_least_one';
  parameters: string[];
}

/** `mnc` needs `mcc` (and `mcc` alone is fine). */
export interface DependentGroup {
  kind: 'requires';
  /** The parameter whose presence makes the others needed. */
  given: string;
  /** What a call that gives `given` must give too, in the spec's order; never `given` itself. */
  required: string[];
}
