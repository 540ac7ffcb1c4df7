/**
 * The shapes of spec files once they have passed JSON Schema validation.
 * Only the loader sees these; emitters read the model.
 */

export interface RawField {
  label: string;
  description: string;
  secret?: boolean;
  example: string;
  default?: string;
  required?: boolean;
  enum?: string[];
  pattern?: string;
}

/** A field's key, a fixed value written in the spec, or a text with `{field}` placeholders. */
export type RawCredential = string | { value: string } | { template: string };

export type RawAuthScheme =
  | { type: 'bearer'; token: string }
  | { type: 'basic'; username: RawCredential; password: RawCredential }
  | { type: 'api_key'; in: 'header' | 'query' | 'body'; name?: string; value?: RawCredential; params?: Record<string, RawCredential> }
  | { type: 'oauth2_client_credentials'; client_id: string; client_secret: string; token_server: string; token_path: string; scopes?: string[]; client_auth?: 'basic' | 'form' }
  | { type: 'none' };

export type RawServerUrl = string | { by_field: string; urls: Record<string, string> };

export interface RawProvider {
  id: string;
  namespace?: string;
  name: string;
  class_name?: string;
  category: string;
  description: string;
  docs_url: string;
  api_version?: string;
  env_prefix?: string;
  fields: Record<string, RawField>;
  auth: Record<string, RawAuthScheme>;
  servers: Record<string, { url: RawServerUrl; auth: string; description?: string }>;
  headers?: Record<string, string>;
  errors: { message: string[]; code?: string[]; request_id?: string[]; failure_in_body?: { path: string; equals: string | number | boolean }; details?: { each: string; text: string[] }; example: { status: number; body: unknown } };
  rate_limit?: { limit_header?: string; remaining_header?: string; reset_header?: string; reset?: 'epoch_seconds' | 'seconds'; exhausted?: number[] };
  request_id_header?: string;
  schemas?: Record<string, Record<string, unknown>>;
}

/**
 * A value schema as written: `type` with its constraints, or `one_of` listing members
 * (then `type` is absent; the loader reports a file that gives both).
 */
export interface RawValueSchema {
  type: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'file';
  one_of?: RawValueSchema[];
  /** With `one_of` of several objects: the property whose one-value enum names each object member. */
  discriminator?: string;
  description?: string;
  required?: boolean;
  nullable?: boolean;
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  min_length?: number;
  max_length?: number;
  pattern?: string;
  format?: 'e164' | 'date-time' | 'date' | 'uri' | 'email' | 'uuid';
  min_items?: number;
  max_items?: number;
  items?: RawValueSchema;
  properties?: Record<string, RawValueSchema>;
  additional_properties?: boolean | RawValueSchema;
}

export type RawTransform =
  | 'seconds_to_milliseconds'
  | 'strip_plus'
  | 'wrap_in_array'
  | 'comma_join'
  /** An object or array sent as JSON text (a query filter, a form field, a header such as Dropbox-API-Arg). */
  | 'json_encode'
  | { join: string }
  | { map: Record<string, unknown> }
  | { datetime_format: string };

export interface RawParameter extends RawValueSchema {
  description: string;
  in?: 'path' | 'query' | 'body' | 'header';
  wire?: string;
  transform?: RawTransform | RawTransform[];
  spread?: boolean;
  body_path?: string;
  array_format?: 'comma' | 'repeat' | 'brackets' | 'indexed';
  applies_to?: string[];
  path_style?: 'segment' | 'relative_path';
  deprecated?: string;
  renamed_from?: RawRenamedFrom[];
  /** Any JSON value but null; present (even as `false` or `0`) means "send this when omitted". */
  sent_when_omitted?: unknown;
}

/** An old name kept as a deprecated alias until the package version `removed_in`. */
export interface RawRenamedFrom {
  name: string;
  removed_in: string;
}

export type RawMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RawRequest {
  method?: RawMethod;
  path?: string;
  select?: { parameter: string; cases: Record<string, { method: RawMethod; path: string }> };
  server?: string;
  body?: 'json' | 'form' | 'multipart' | 'binary';
  constants?: { query?: Record<string, string | number | boolean>; header?: Record<string, string>; body?: Record<string, unknown> };
}

export type RawPagination = { items: string | Record<string, string> } & (
  | { strategy: 'page'; page_param: string; size_param: string; first_page: 0 | 1; total_pages?: string; total_items?: string }
  | { strategy: 'offset'; offset_param: string; limit_param: string; next?: string; total_items?: string }
  | { strategy: 'cursor'; cursor_param: string; size_param?: string; next_cursor: string; has_more?: string; last_page_without?: string }
  | { strategy: 'next_link'; next?: string; link_header?: true }
);

export interface RawExample {
  title: string;
  arguments: Record<string, unknown>;
  account?: string;
  request: { method: RawMethod; url: string; headers?: Record<string, string>; body?: unknown };
  response: { status: number; headers?: Record<string, string>; body?: unknown };
  lua?: string;
}

export interface RawFunction {
  name: string;
  aliases?: string[];
  renamed_from?: RawRenamedFrom[];
  title: string;
  description: string;
  operation: 'read' | 'write';
  idempotent?: boolean;
  destructive?: boolean;
  deprecated?: { since?: string; message: string };
  differences?: string[];
  unavailable?: { reason: string; alternative?: string };
  request?: RawRequest;
  parameters: Record<string, RawParameter>;
  response?: { status?: number; schema?: Record<string, unknown>; body?: 'json' | 'file'; content_type?: string };
  required_groups?: RawRequiredGroup[];
  pagination?: RawPagination;
  idempotency?: { header: string };
  examples?: RawExample[];
}

/** Exactly one of the two keys; the loader reports both or neither. */
export interface RawRequiredGroup {
  exactly_one_of?: string[];
  at_least_one_of?: string[];
  if_given?: string;
  requires?: string[];
}
