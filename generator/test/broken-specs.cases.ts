/**
 * The broken-spec corpus: each case takes the valid `fixtures/acme` provider,
 * breaks it in one way, and states exactly what the loader must say.
 */
export type Edit =
  | {
      file: string;
      /** Text to replace (must occur exactly once), or null to write the whole file. */
      find: string | null;
      /** Bytes when the replacement must not be valid UTF-8. */
      replace: string | Uint8Array;
    }
  | { file: string; symlink: string }
  | { file: string; directory: true }
  | { file: string; fifo: true }
  /** A file outside specs/, relative to the project root. */
  | { outside: string; contents: string };

export interface BrokenSpecCase {
  name: string;
  edits: Edit[];
  expected: string[];
}

const sub = (file: string, find: string, replace: string | Uint8Array): Edit => ({ file, find, replace });
const write = (file: string, contents: string): Edit => ({ file, find: null, replace: contents });
const symlink = (file: string, target: string): Edit => ({ file, symlink: target });
const directory = (file: string): Edit => ({ file, directory: true });
const fifo = (file: string): Edit => ({ file, fifo: true });
const outside = (path: string, contents: string): Edit => ({ outside: path, contents });

/** A parameter appended to list_widgets (a GET: its parameters go to the query), from line 22 on. */
const listParam = (yaml: string): Edit => sub('acme/list_widgets.yaml', '    description: Only widgets of this colour.\n', `    description: Only widgets of this colour.\n${yaml}`);
/** A parameter appended to create_widget (a JSON body), from line 23 on. */
const createParam = (yaml: string): Edit => sub('acme/create_widget.yaml', '    description: Tags.\n', `    description: Tags.\n${yaml}`);

/** The fixture's page-number pagination block, replaced whole by the next_link cases. */
const PAGE_PAGINATION = '  strategy: page\n  page_param: page\n  size_param: per_page\n  first_page: 1\n  items: items\n  total_pages: total_pages\n';

/** The fixture's server, replaced by a URL chosen by the `region` field in the account cases. */
const FIXED_URL = '    url: https://{region}.api.acme.test/v1\n';
const BY_REGION = '    url:\n      by_field: region\n      urls:\n        us: https://us.api.acme.test/v1\n        eu: https://eu.api.acme.test/v1\n';
/** An optional field, added after `api_key`. */
const OPTIONAL_FIELD = "    example: acme_test_key\n  company_id: { label: Company, description: Company id., example: '5012', required: false }\n";

/**
 * Example values against every keyword the example checker handles without ajv (see
 * schema-interpreter.ts): the response schema below uses each, and each case breaks the example
 * body one way. The texts are those ajv's errors gave before the interpreter took over.
 */
const RICH_RESPONSE = [
  '  schema:',
  '    type: object',
  '    required: [id]',
  '    properties:',
  "      id: { type: string, minLength: 3, pattern: '^w_' }",
  '      created_at: { type: string, format: date-time }',
  '      size: { type: integer, minimum: 1, maximum: 10 }',
  '      tags: { type: array, maxItems: 2, items: { type: string, enum: [a, b] } }',
  '      owner: { type: object, additionalProperties: false, properties: { id: { type: string } } }',
  "      note: { anyOf: [{ type: string, maxLength: 4 }, { type: 'null' }] }",
  '',
].join('\n');
const richResponse = (body: string): Edit[] => [
  sub('acme/create_widget.yaml', '  schema:\n    type: object\n    required: [id]\n    properties:\n      id: { type: string }\n', RICH_RESPONSE),
  sub('acme/create_widget.yaml', 'body: { id: w_1 }', `body: ${body}`),
];
const withArguments = (parameter: [string, string], args: string): Edit[] => [
  sub('acme/create_widget.yaml', parameter[0], parameter[1]),
  sub('acme/create_widget.yaml', 'arguments: { shelf_id: s1, name: Sprocket }', `arguments: { shelf_id: s1, name: Sprocket, ${args} }`),
];

const exampleSchemaCases: BrokenSpecCase[] = [
  {
    name: "example response: an id under minLength and not matching its pattern",
    edits: richResponse('{ id: w }'),
    expected: ["acme/create_widget.yaml:45:13: example response does not match the response schema: id must NOT have fewer than 3 characters; id must match pattern \"^w_\"."],
  },
  {
    name: "example response: an id not matching its pattern",
    edits: richResponse('{ id: x_1 }'),
    expected: ["acme/create_widget.yaml:45:13: example response does not match the response schema: id must match pattern \"^w_\"."],
  },
  {
    name: "example response: a date-time that is not one",
    edits: richResponse('{ id: w_1, created_at: yesterday }'),
    expected: ["acme/create_widget.yaml:45:13: example response does not match the response schema: created_at must match format \"date-time\"."],
  },
  {
    name: "example response: a number under its minimum",
    edits: richResponse('{ id: w_1, size: 0 }'),
    expected: ["acme/create_widget.yaml:45:13: example response does not match the response schema: size must be >= 1."],
  },
  {
    name: "example response: a number over its maximum",
    edits: richResponse('{ id: w_1, size: 11 }'),
    expected: ["acme/create_widget.yaml:45:13: example response does not match the response schema: size must be <= 10."],
  },
  {
    name: "example response: a fraction where an integer is declared",
    edits: richResponse('{ id: w_1, size: 2.5 }'),
    expected: ["acme/create_widget.yaml:45:13: example response does not match the response schema: size must be integer, found 2.5."],
  },
  {
    name: "example response: too many items, one outside the enum",
    edits: richResponse('{ id: w_1, tags: [a, c, b] }'),
    expected: ["acme/create_widget.yaml:45:13: example response does not match the response schema: tags must NOT have more than 2 items; tags.1 must be one of a, b, found \"c\"."],
  },
  {
    name: "example response: a key a closed object does not declare",
    edits: richResponse('{ id: w_1, owner: { id: o1, name: Olga } }'),
    expected: ["acme/create_widget.yaml:45:13: example response does not match the response schema: owner has unknown key 'name'."],
  },
  {
    name: "example response: a union member of the right type, too long",
    edits: richResponse('{ id: w_1, note: too long }'),
    expected: ["acme/create_widget.yaml:45:13: example response does not match the response schema: note must NOT have more than 4 characters."],
  },
  {
    name: "example response: a value of no union member's type",
    edits: richResponse('{ id: w_1, note: 5 }'),
    expected: ["acme/create_widget.yaml:45:13: example response does not match the response schema: note must be string or null, found 5."],
  },
  {
    name: "example response: a required key missing",
    edits: richResponse('{ owner: {} }'),
    expected: ["acme/create_widget.yaml:45:13: example response does not match the response schema: is missing required 'id'."],
  },
  {
    name: "example argument over max_length",
    edits: withArguments(['    description: Tags.\n', '    description: Tags.\n  code:\n    type: string\n    max_length: 3\n    description: Code.\n'], 'code: ABCD'),
    expected: ["acme/create_widget.yaml:36:16: example arguments are invalid: code must NOT have more than 3 characters."],
  },
  {
    name: "example argument not in its format",
    edits: withArguments(['    description: Tags.\n', '    description: Tags.\n  contact:\n    type: string\n    format: email\n    description: Contact.\n'], 'contact: nobody'),
    expected: ["acme/create_widget.yaml:36:16: example arguments are invalid: contact must match format \"email\"."],
  },
  {
    name: "example argument over max_items, an item under min_length",
    edits: withArguments(['    items: { type: string }\n    description: Tags.\n', '    items: { type: string, min_length: 2 }\n    max_items: 2\n    description: Tags.\n'], 'tags: [a, bb, cc]'),
    expected: ["acme/create_widget.yaml:33:16: example arguments are invalid: tags must NOT have more than 2 items; tags.0 must NOT have fewer than 2 characters."],
  },
];

/** Account-driven request parts (issue 13): server choice, provider headers, credentials. */
const accountCases: BrokenSpecCase[] = [
  {
    name: "example account name that is no account name (it is a shell word in the docs' CLI command)",
    edits: [sub('acme/list_widgets.yaml', '  - title: Red widgets\n', "  - title: Red widgets\n    account: 'eu; rm -rf ~'\n")],
    expected: ['acme/list_widgets.yaml:37:14: \'examples.0.account\' must be text matching /^[A-Za-z0-9_-]+$/; found "eu; rm -rf ~".'],
  },
  {
    name: 'URL choice by an undeclared field',
    edits: [sub('acme/provider.yaml', FIXED_URL, BY_REGION.replace('by_field: region', 'by_field: regoin'))],
    expected: [
      "acme/provider.yaml:25:17: field 'regoin' is not declared under 'fields'. Did you mean 'region'?",
    ],
  },
  {
    name: 'URL choice by a field without enum',
    edits: [sub('acme/provider.yaml', FIXED_URL, BY_REGION.replace('by_field: region', 'by_field: api_key'))],
    expected: [
      "acme/provider.yaml:25:17: field 'api_key' has no enum: a URL chosen by a field needs the field's values listed under 'enum', one URL each.",
    ],
  },
  {
    name: 'URL choice missing a value of the enum',
    edits: [sub('acme/provider.yaml', FIXED_URL, BY_REGION.replace('        eu: https://eu.api.acme.test/v1\n', ''))],
    expected: [
      "acme/provider.yaml:26:7: field 'region' can be 'eu', which has no URL here: give one URL per enum value.",
    ],
  },
  {
    name: 'URL choice keyed by a value outside the enum',
    edits: [sub('acme/provider.yaml', FIXED_URL, BY_REGION.replace('        eu:', '        ue:'))],
    expected: [
      "acme/provider.yaml:26:7: field 'region' can be 'eu', which has no URL here: give one URL per enum value.",
      "acme/provider.yaml:28:9: 'ue' is not a value of field 'region' (us, eu). Did you mean 'us'?",
    ],
  },
  {
    name: 'URL choice by an optional field',
    edits: [sub('acme/provider.yaml', FIXED_URL, BY_REGION), sub('acme/provider.yaml', '    default: us\n', '    required: false\n')],
    expected: [
      "acme/provider.yaml:25:17: field 'region' is optional (required: false), so it cannot be used in a server URL: every request needs it. Only provider headers may use optional fields.",
    ],
  },
  {
    name: 'URL choice with a URL that is not http(s)',
    edits: [sub('acme/provider.yaml', FIXED_URL, BY_REGION.replace('eu: https://', 'eu: ftp://'))],
    expected: [
      "acme/provider.yaml:28:13: 'servers.default.url.urls.eu' must be an absolute http(s) URL; found \"ftp://eu.api.acme.test/v1\".",
    ],
  },
  {
    name: 'URL choice whose URL names an undeclared field',
    edits: [sub('acme/provider.yaml', FIXED_URL, BY_REGION.replace('eu: https://eu.api.acme.test/v1', 'eu: https://eu.api.acme.test/{tenant}'))],
    expected: [
      "acme/provider.yaml:28:13: field 'tenant' is not declared under 'fields'.",
    ],
  },
  {
    name: 'URL choice with a misspelt key',
    edits: [sub('acme/provider.yaml', FIXED_URL, BY_REGION.replace('      urls:', '      url:'))],
    expected: [
      "acme/provider.yaml:26:7: unknown key 'url' in 'servers.default.url'. Did you mean 'urls'? Allowed keys: by_field, urls.",
    ],
  },
  {
    name: 'optional field with a default',
    edits: [sub('acme/provider.yaml', '    default: us\n', '    default: us\n    required: false\n')],
    expected: [
      "acme/provider.yaml:12:15: a field with a default always has a value: remove 'required: false' or the default.",
    ],
  },
  {
    name: 'optional field in a server URL',
    edits: [sub('acme/provider.yaml', '    example: acme_test_key\n', OPTIONAL_FIELD), sub('acme/provider.yaml', FIXED_URL, '    url: https://{region}.api.acme.test/{company_id}\n')],
    expected: [
      "acme/provider.yaml:25:10: field 'company_id' is optional (required: false), so it cannot be used in a server URL: every request needs it. Only provider headers may use optional fields.",
    ],
  },
  {
    name: 'optional field as a credential',
    edits: [sub('acme/provider.yaml', '    example: acme_test_key\n', OPTIONAL_FIELD), sub('acme/provider.yaml', 'token: api_key', 'token: company_id')],
    expected: [
      "acme/provider.yaml:22:12: field 'company_id' is optional (required: false), so it cannot be used in auth: every request needs it. Only provider headers may use optional fields.",
    ],
  },
  {
    name: 'provider header naming an undeclared field',
    edits: [sub('acme/provider.yaml', 'errors:\n', "headers:\n  X-Company: '{company}'\nerrors:\n")],
    expected: [
      "acme/provider.yaml:27:14: field 'company' is not declared under 'fields'.",
    ],
  },
  {
    name: 'provider header with an invalid name',
    edits: [sub('acme/provider.yaml', 'errors:\n', "headers:\n  'X Company': '{region}'\nerrors:\n")],
    expected: [
      "acme/provider.yaml:27:3: \"X Company\" is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~).",
    ],
  },
  {
    name: 'provider header replacing the credentials',
    edits: [sub('acme/provider.yaml', 'errors:\n', "headers:\n  Authorization: 'Bearer {region}'\nerrors:\n")],
    expected: [
      "acme/provider.yaml:27:3: header 'Authorization' carries the credentials of auth scheme 'bearer'; a provider header may not replace it.",
    ],
  },
  {
    name: 'a provider header may carry what only an unused auth scheme would send (only the bad name is reported)',
    edits: [
      sub('acme/provider.yaml', '  bearer:\n    type: bearer\n    token: api_key\n', '  bearer:\n    type: api_key\n    in: query\n    name: key\n    value: api_key\n  spare:\n    type: basic\n    username: { value: api }\n    password: api_key\n'),
      sub('acme/provider.yaml', 'errors:\n', "headers:\n  Authorization: 'Basic {region}'\n  'X Company': '{region}'\nerrors:\n"),
    ],
    expected: [
      "acme/provider.yaml:34:3: \"X Company\" is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~).",
    ],
  },
  {
    name: 'provider header named twice in different case',
    edits: [sub('acme/provider.yaml', 'errors:\n', "headers:\n  X-Region: '{region}'\n  x-region: '{region}'\nerrors:\n")],
    expected: [
      "acme/provider.yaml:28:3: header 'x-region' is header 'X-Region' again (header names ignore case).",
    ],
  },
  {
    name: 'credentials in the body on a server with a bodiless function',
    edits: [sub('acme/provider.yaml', '  bearer:\n    type: bearer\n    token: api_key\n', '  bearer:\n    type: api_key\n    in: body\n    name: key\n    value: api_key\n')],
    expected: [
      "acme/create_widget.yaml:36:33: example 'A widget': the documented header authorization is not what the auth scheme sends with the fields' example values: it sends no authorization header.",
      "acme/create_widget.yaml:37:13: example 'A widget': the documented body is {\"name\":\"Sprocket\"}, but the arguments produce {\"key\":\"acme_test_key\",\"name\":\"Sprocket\"}.",
      "acme/list_widgets.yaml:6:3: server 'default' sends its credentials in the body (auth 'bearer' has in: body), so this function needs one: set request.body to json, form or multipart.",
    ],
  },
  {
    name: 'api_key auth with both name and params',
    edits: [sub('acme/provider.yaml', '  bearer:\n    type: bearer\n    token: api_key\n', '  bearer:\n    type: api_key\n    in: query\n    name: key\n    value: api_key\n    params: { key: api_key }\n')],
    expected: [
      "acme/provider.yaml:24:5: give either 'name' and 'value' (one credential), or 'params' (several), not both.",
    ],
  },
  {
    name: 'api_key auth with a name but no value',
    edits: [sub('acme/provider.yaml', '  bearer:\n    type: bearer\n    token: api_key\n', '  bearer:\n    type: api_key\n    in: query\n    name: key\n')],
    expected: [
      "acme/provider.yaml:20:5: api_key auth has 'name' but no 'value': give 'name' and 'value' for one credential, or 'params' for several.",
    ],
  },
  {
    name: 'api_key params naming an undeclared field',
    edits: [sub('acme/provider.yaml', '  bearer:\n    type: bearer\n    token: api_key\n', '  bearer:\n    type: api_key\n    in: query\n    params: { key: api_key, secret: api_secret }\n')],
    expected: [
      "acme/provider.yaml:22:37: field 'api_secret' is not declared under 'fields'.",
    ],
  },
  {
    name: 'fixed Basic user name with a misspelt key',
    edits: [sub('acme/provider.yaml', '  bearer:\n    type: bearer\n    token: api_key\n', '  bearer:\n    type: basic\n    username: { valeu: api }\n    password: api_key\n')],
    expected: [
      "acme/provider.yaml:21:17: unknown key 'valeu' in 'auth.bearer.username'. Did you mean 'value'? Allowed keys: value, template.",
    ],
  },
  {
    name: 'fixed Basic user name written as a template',
    edits: [sub('acme/provider.yaml', '  bearer:\n    type: bearer\n    token: api_key\n', '  bearer:\n    type: basic\n    username: { value: "{email}/token" }\n    password: api_key\n')],
    expected: [
      "acme/provider.yaml:21:24: a fixed credential is sent as written, and '{email}' would reach the provider literally. To fill it from a field, write { template: \"{email}/token\" }.",
    ],
  },
  {
    name: "a field spelt like the server-URL override's variable",
    edits: [sub('acme/provider.yaml', '  api_key:\n    label: API key\n', '  base_url:\n    label: API host\n    description: The account host.\n    example: abc.acme.test\n  api_key:\n    label: API key\n')],
    expected: [
      "acme/provider.yaml:13:3: field 'base_url' would be read from ACME_BASE_URL, the variable that overrides the provider's server URL; name it for what it holds (api_host, instance_url).",
    ],
  },
  {
    name: 'credential templates: one without a field, one naming an undeclared field',
    edits: [
      sub('acme/provider.yaml', '  bearer:\n    type: bearer\n    token: api_key\n', '  bearer:\n    type: basic\n    username: { template: "api/token" }\n    password: { template: "{api_kye}" }\n'),
    ],
    expected: [
      'acme/provider.yaml:21:27: this template has no {field} in it, so it is a fixed value: write { value: "api/token" }, or name a field as {api_key}.',
      "acme/provider.yaml:22:27: field 'api_kye' is not declared under 'fields'. Did you mean 'api_key'?",
    ],
  },
  {
    name: 'a credential template with a line break in it',
    edits: [sub('acme/provider.yaml', '  bearer:\n    type: bearer\n    token: api_key\n', '  bearer:\n    type: api_key\n    in: header\n    name: Authorization\n    value: { template: "App {api_key}\\r\\nX-Evil: 1" }\n')],
    expected: [
      "acme/provider.yaml:23:24: a credential cannot hold a line break: it is sent in a header, the query or the body as one line.",
    ],
  },
  {
    name: 'a credential given both as a fixed value and as a template',
    edits: [
      sub('acme/provider.yaml', '  bearer:\n    type: bearer\n    token: api_key\n', '  bearer:\n    type: api_key\n    in: header\n    name: Authorization\n    value: { value: "App ", template: "App {api_key}" }\n'),
    ],
    expected: [
      "acme/provider.yaml:23:12: 'auth.bearer.value' takes one key, found 2: value, template.",
    ],
  },
  {
    name: 'terminal escape in a title and a description, and a control character in a key',
    edits: [
      sub('acme/list_widgets.yaml', 'title: List Widgets', 'title: "List \\e[2J\\e]0;pwned\\u0007Widgets"'),
      sub('acme/list_widgets.yaml', 'description: Page number.', 'description: "Page\\x9bnumber."'),
      sub('acme/list_widgets.yaml', '  page:\n', '  "pa\\u0008ge":\n'),
    ],
    expected: [
      'acme/list_widgets.yaml:2:8: this text holds the control character U+001B, which terminals act on and pages hide; remove it (an example\'s arguments, request and response may hold any data).',
      'acme/list_widgets.yaml:9:3: a key holds the control character U+0008, which terminals act on and pages hide; remove it (an example\'s arguments, request and response may hold any data).',
      "acme/list_widgets.yaml:9:3: key 'pa\bge' must be text matching /^[a-zA-Z][a-zA-Z0-9_]*$/.",
      'acme/list_widgets.yaml:12:18: this text holds the control character U+009B, which terminals act on and pages hide; remove it (an example\'s arguments, request and response may hold any data).',
    ],
  },
  {
    name: 'example of the default account documenting another URL choice',
    edits: [sub('acme/provider.yaml', FIXED_URL, BY_REGION), sub('acme/list_widgets.yaml', 'url: https://us.api.acme.test/v1/widgets?color=red', 'url: https://eu.api.acme.test/v1/widgets?color=red')],
    expected: [
      "acme/list_widgets.yaml:40:12: example 'Red widgets': the documented URL is https://eu.api.acme.test/v1/widgets, but the arguments produce https://us.api.acme.test/v1/widgets.",
    ],
  },
];

/**
 * The fixture moved onto OAuth2 client credentials: a client id field, the default server on an
 * `oauth2_client_credentials` scheme, and a `login` server (auth `type: none`) for the token
 * endpoint. With OAUTH2_EXAMPLES too it is valid; each OAuth2 case breaks one thing of it.
 */
const OAUTH2_SCHEME = '  oauth:\n    type: oauth2_client_credentials\n    client_id: client_id\n    client_secret: api_key\n    token_server: login\n    token_path: /oauth/token\n';
export const oauth2 = (scheme: string = OAUTH2_SCHEME, login = '  login:\n    url: https://login.acme.test\n    auth: public\n'): Edit[] => [
  sub('acme/provider.yaml', '  api_key:\n    label: API key', '  client_id:\n    label: Client ID\n    description: OAuth2 client id.\n    example: acme_client\n  api_key:\n    label: API key'),
  sub('acme/provider.yaml', 'auth:\n  bearer:\n    type: bearer\n    token: api_key\n', `auth:\n${scheme}  public:\n    type: none\n  bearer:\n    type: bearer\n    token: api_key\n`),
  sub('acme/provider.yaml', '    auth: bearer\n', `    auth: oauth\n${login}`),
];
/** The examples documenting the token the mocks' token endpoint hands out. */
export const OAUTH2_EXAMPLES: Edit[] = [
  sub('acme/list_widgets.yaml', 'headers: { authorization: Bearer acme_test_key }', 'headers: { authorization: Bearer example-access-token }'),
  sub('acme/create_widget.yaml', 'headers: { authorization: Bearer acme_test_key }', 'headers: { authorization: Bearer example-access-token }'),
];

/** A whole function file deleting a widget, named `name`: for the cases about what a function may be called. */
const deleteFunction = (name: string): Edit =>
  write(`acme/${name}.yaml`, `name: ${name}\ntitle: Delete Widget\ndescription: Delete a widget.\noperation: write\nrequest:\n  method: DELETE\n  path: /widgets/{id}\nparameters:\n  id:\n    type: string\n    required: true\n    description: Widget id.\nexamples:\n  - title: Delete\n    arguments: { id: w1 }\n    request:\n      method: DELETE\n      url: https://us.api.acme.test/v1/widgets/w1\n      headers: { authorization: Bearer acme_test_key }\n    response:\n      status: 204\n`);

/** A valid download (`response.body: file`), written beside the fixture's functions by the download cases. */
const DOWNLOAD = `name: download_widget
title: Download Widget
description: A widget's drawing.
operation: read
request:
  method: GET
  path: /widgets/{widget_id}/drawing
parameters:
  widget_id:
    type: string
    required: true
    description: Widget id.
response:
  body: file
  content_type: image/*
examples:
  - title: A drawing
    arguments: { widget_id: w1 }
    request:
      method: GET
      url: https://us.api.acme.test/v1/widgets/w1/drawing
      headers: { authorization: Bearer acme_test_key }
    response:
      status: 200
      body: { filename: w1.png, content_type: image/png, content_base64: iVBORw0KGgo= }
`;

/** A valid upload whose body is one file (`request.body: binary`), written beside the fixture's functions by the upload cases. */
const UPLOAD = `name: upload_drawing
title: Upload Drawing
description: Upload a widget's drawing.
operation: write
request:
  method: POST
  path: /drawings
  body: binary
parameters:
  drawing:
    type: file
    required: true
    description: The drawing.
  filename:
    type: string
    in: query
    required: true
    description: Its name.
response:
  status: 201
  schema: { type: object }
examples:
  - title: A drawing
    arguments: { drawing: { content: "<svg/>", content_type: image/svg+xml }, filename: w1.svg }
    request:
      method: POST
      url: https://us.api.acme.test/v1/drawings?filename=w1.svg
      headers: { authorization: Bearer acme_test_key, content-type: image/svg+xml }
      body: { filename: w1.svg, content_type: image/svg+xml, content: "<svg/>" }
    response:
      status: 201
      body: { id: d1 }
`;

export const brokenSpecCases: BrokenSpecCase[] = [
  {
    name: 'YAML syntax error: unclosed flow sequence',
    edits: [sub('acme/create_widget.yaml', 'aliases: [make_widget]', 'aliases: [make_widget')],
    expected: [
      "acme/create_widget.yaml:3:1: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ],
  },
  {
    name: 'YAML syntax error: duplicate key',
    edits: [sub('acme/list_widgets.yaml', 'operation: read', 'operation: read\noperation: write')],
    expected: [
      "acme/list_widgets.yaml:5:1: YAML syntax: key 'operation' appears twice in one mapping",
    ],
  },
  {
    name: 'YAML syntax error: bad indentation',
    edits: [sub('acme/list_widgets.yaml', '    minimum: 1\n', '    minimum: 1\n   description2: x\n')],
    expected: [
      "acme/list_widgets.yaml:12:1: YAML syntax: All mapping items must start at the same column",
      "acme/list_widgets.yaml:12:18: YAML syntax: Implicit keys need to be on a single line",
      "acme/list_widgets.yaml:12:18: YAML syntax: Nested mappings are not allowed in compact mappings",
    ],
  },
  {
    name: "YAML syntax error: an unquoted description with ': ' in it",
    edits: [sub('acme/list_widgets.yaml', 'description: List widgets.', 'description: Lists widgets. Note: `{color: red}` filters them.')],
    expected: [`acme/list_widgets.yaml:3:14: YAML syntax: the value of 'description' holds ': ' (a colon, then a space), which YAML reads as the start of another key; quote the whole value ('…' or "…")`],
  },
  {
    // The hint reads the line around the complaint; on a long line it must still answer at once.
    name: "YAML syntax error: ': ' at the end of a 100,000-character unquoted value",
    edits: [sub('acme/list_widgets.yaml', 'description: List widgets.', `description: ${'word '.repeat(20_000)}Note: this`)],
    expected: [`acme/list_widgets.yaml:3:14: YAML syntax: the value of 'description' holds ': ' (a colon, then a space), which YAML reads as the start of another key; quote the whole value ('…' or "…")`],
  },
  {
    name: 'YAML syntax error: a bracket inside an unquoted value of a flow mapping',
    edits: [sub('acme/list_widgets.yaml', '      total_pages: { type: integer }\n', '      total_pages: { type: integer, description: Like `{total_pages: 3}` }\n')],
    expected: ["acme/list_widgets.yaml:27:56: YAML syntax: the value of 'description' holds '{' inside a { … } or [ … ] collection, where an unquoted value cannot hold brackets or commas; quote the whole value ('…' or \"…\")"],
  },
  {
    name: 'misspelt top-level key in a function',
    edits: [sub('acme/list_widgets.yaml', 'description: List widgets.', 'descripton: List widgets.')],
    expected: [
      "acme/list_widgets.yaml:3:1: unknown key 'descripton' in the document. Did you mean 'description'? Allowed keys: name, aliases, renamed_from, title, description, operation, idempotent, destructive, deprecated, differences, unavailable, request, parameters, required_groups, response, pagination, idempotency, examples.",
    ],
  },
  {
    name: 'a review marker left by an import',
    edits: [sub('acme/list_widgets.yaml', 'description: List widgets.', "review:\n  - 'examples: the document gives none.'\n  - 'pagination: check the page size.'\ndescription: List widgets.")],
    expected: [
      "acme/list_widgets.yaml:3:1: needs review (left by an import): examples: the document gives none. pagination: check the page size. Resolve these, then delete 'review'.",
    ],
  },
  {
    name: 'a review marker in provider.yaml',
    edits: [sub('acme/provider.yaml', 'name: Acme\n', "name: Acme\nreview: 'errors: the example error was made up.'\n")],
    expected: [
      "acme/provider.yaml:3:1: needs review (left by an import): errors: the example error was made up. Resolve it, then delete 'review'.",
    ],
  },
  {
    name: 'misspelt parameter key',
    edits: [sub('acme/list_widgets.yaml', '    wire: page[size]', '    wier: page[size]')],
    expected: [
      "acme/list_widgets.yaml:17:5: unknown key 'wier' in 'parameters.per_page'. Did you mean 'wire'? Allowed keys: type, description, required, nullable, default, sent_when_omitted, enum, minimum, maximum, min_length, max_length, pattern, format, min_items, max_items, items, properties, additional_properties, in, wire, transform, spread, body_path, array_format, applies_to, path_style, deprecated, one_of, renamed_from.",
    ],
  },
  {
    name: 'array_format on an array in a JSON body',
    edits: [sub('acme/create_widget.yaml', '    description: Tags.\n', '    description: Tags.\n    array_format: repeat\n')],
    expected: [
      "acme/create_widget.yaml:23:19: 'array_format' applies to array parameters in the query or in a form body (request.body: form or multipart).",
    ],
  },
  {
    name: 'array_format on a string in a form body',
    edits: [
      sub('acme/create_widget.yaml', '  body: json', '  body: form'),
      sub('acme/create_widget.yaml', '    description: Widget name.\n', '    description: Widget name.\n    array_format: indexed\n'),
    ],
    expected: [
      "acme/create_widget.yaml:19:19: 'array_format' applies to array parameters in the query or in a form body (request.body: form or multipart).",
    ],
  },
  {
    name: 'unknown array_format',
    edits: [
      sub('acme/create_widget.yaml', '  body: json', '  body: form'),
      sub('acme/create_widget.yaml', '    description: Tags.\n', '    description: Tags.\n    array_format: index\n'),
    ],
    expected: [
      "acme/create_widget.yaml:23:19: 'parameters.tags.array_format' must be one of comma, repeat, brackets, indexed; found \"index\". Did you mean 'indexed'?",
    ],
  },
  {
    name: 'example form body repeats a key the arguments comma-join',
    edits: [
      sub('acme/create_widget.yaml', '  body: json', '  body: form'),
      sub('acme/create_widget.yaml', 'arguments: { shelf_id: s1, name: Sprocket }', 'arguments: { shelf_id: s1, name: Sprocket, tags: [a, b] }'),
      sub('acme/create_widget.yaml', 'body: { name: Sprocket }', 'body: { name: Sprocket, tags: [a, b] }'),
    ],
    expected: [
      "acme/create_widget.yaml:37:13: example 'A widget': the documented body sends tags twice, but the arguments produce tags='a,b'.",
    ],
  },
  {
    name: 'a Lua example that prints nothing',
    edits: [sub('acme/create_widget.yaml', '      body: { id: w_1 }\n', '      body: { id: w_1 }\n    lua: |\n      assert(result.id == "w_1")\n')],
    expected: [
      "acme/create_widget.yaml:41:5: this Lua example prints nothing: show what the call returns with print(…) or dump(…), e.g. print(result.id).",
    ],
  },
  {
    name: 'a constant header replacing the credentials',
    edits: [sub('acme/create_widget.yaml', '  body: json\n', '  body: json\n  constants:\n    header:\n      Authorization: Basic abc\n')],
    expected: [
      "acme/create_widget.yaml:12:7: 'Authorization' is also sent by auth 'bearer' of server 'default'; the constant would replace that value on every call. Remove one of them.",
    ],
  },
  {
    name: 'errors.request_id path that finds nothing in the error example',
    edits: [sub('acme/provider.yaml', '  code: [error.code]\n', '  code: [error.code]\n  request_id: [error.request_id]\n')],
    expected: [
      "acme/provider.yaml:29:15: no path of errors.request_id (error.request_id) finds a value in errors.example.body; fix the paths or the example, or leave errors.request_id out.",
    ],
  },
  {
    // ajv's uuid format takes a urn:uuid: prefix; the client's check does not, so the client would refuse this example.
    name: 'example arguments ajv accepts but the generated client refuses',
    edits: [
      sub('acme/create_widget.yaml', '    description: Shelf to put it on.\n', '    description: Shelf to put it on.\n    format: uuid\n'),
      sub('acme/create_widget.yaml', 'arguments: { shelf_id: s1, name: Sprocket }', "arguments: { shelf_id: 'urn:uuid:123e4567-e89b-12d3-a456-426614174000', name: Sprocket }"),
    ],
    expected: [
      `acme/create_widget.yaml:33:28: example 'A widget': the generated client would refuse these arguments before sending: 'shelf_id' must be a UUID such as 123e4567-e89b-42d3-a456-426614174000 (got "urn:uuid:123e4567-e89b-12d3-a456-426614174000").`,
    ],
  },
  {
    name: 'example JSON body differs from what the arguments produce',
    edits: [sub('acme/create_widget.yaml', 'body: { name: Sprocket }', 'body: { name: Sprocket, colour: red }')],
    expected: [
      `acme/create_widget.yaml:37:13: example 'A widget': the documented body is {"colour":"red","name":"Sprocket"}, but the arguments produce {"name":"Sprocket"}.`,
    ],
  },
  {
    name: 'example URL path differs from what the arguments produce',
    edits: [sub('acme/create_widget.yaml', 'url: https://us.api.acme.test/v1/shelves/s1/widgets', 'url: https://us.api.acme.test/v1/shelves/s2/widgets')],
    expected: [
      "acme/create_widget.yaml:35:12: example 'A widget': the documented URL is https://us.api.acme.test/v1/shelves/s2/widgets, but the arguments produce https://us.api.acme.test/v1/shelves/s1/widgets.",
    ],
  },
  {
    name: 'example query differs from what the arguments produce, each key reported',
    edits: [sub('acme/list_widgets.yaml', 'widgets?color=red', 'widgets?color=blue&page=2')],
    expected: [
      "acme/list_widgets.yaml:40:12: example 'Red widgets': the documented query sends color='blue', but the arguments produce color='red'.",
      "acme/list_widgets.yaml:40:12: example 'Red widgets': the documented query sends page='2', but the arguments produce no page.",
    ],
  },
  {
    name: 'example Basic header of another scheme: the scheme\'s own shown with field names for values',
    edits: [sub('acme/provider.yaml', '  bearer:\n    type: bearer\n    token: api_key\n', '  bearer:\n    type: basic\n    username: { template: "{region}/token" }\n    password: api_key\n')],
    expected: [
      "acme/create_widget.yaml:36:33: example 'A widget': the documented header authorization is not what the auth scheme sends with the fields' example values: it sends 'Basic base64(us/token:{api_key})'.",
      "acme/list_widgets.yaml:41:33: example 'Red widgets': the documented header authorization is not what the auth scheme sends with the fields' example values: it sends 'Basic base64(us/token:{api_key})'.",
    ],
  },
  {
    name: 'example credential header differs: the documented value is not shown, the scheme\'s with field names for values',
    edits: [sub('acme/list_widgets.yaml', 'headers: { authorization: Bearer acme_test_key }', 'headers: { authorization: Bearer acme_other_key }')],
    expected: [
      "acme/list_widgets.yaml:41:33: example 'Red widgets': the documented header authorization is not what the auth scheme sends with the fields' example values: it sends 'Bearer {api_key}'.",
    ],
  },
  {
    name: 'example documents a header the request does not send',
    edits: [sub('acme/list_widgets.yaml', 'headers: { authorization: Bearer acme_test_key }', "headers: { authorization: Bearer acme_test_key, x-trace: '1' }")],
    expected: [
      "acme/list_widgets.yaml:41:64: example 'Red widgets': the documented header x-trace is '1', but the arguments produce none.",
    ],
  },
  {
    name: 'every wrong item of a transform list is reported where it is',
    edits: [sub('acme/list_widgets.yaml', '    enum: [red, blue]\n', '    enum: [red, blue]\n    transform: [strip_plu, {join: 1}, strip_plus]\n')],
    expected: [
      "acme/list_widgets.yaml:21:17: 'parameters.color.transform.0' must be one of: seconds_to_milliseconds, strip_plus, wrap_in_array, comma_join, json_encode, {join: ...}, {map: ...}, {datetime_format: ...}; found \"strip_plu\". Did you mean 'strip_plus'?",
      "acme/list_widgets.yaml:21:35: 'parameters.color.transform.1.join' must be a string, found 1.",
    ],
  },
  {
    name: 'several schema problems in one file and in another are all reported',
    edits: [
      sub('acme/list_widgets.yaml', 'description: List widgets.', 'descripton: List widgets.'),
      sub('acme/list_widgets.yaml', '    minimum: 1\n', '    minimum: one\n'),
      sub('acme/list_widgets.yaml', '  first_page: 1\n', '  first_page: 2\n'),
      sub('acme/create_widget.yaml', 'title: Create Widget', 'titel: Create Widget'),
    ],
    expected: [
      "acme/create_widget.yaml:3:1: unknown key 'titel' in the document. Did you mean 'title'? Allowed keys: name, aliases, renamed_from, title, description, operation, idempotent, destructive, deprecated, differences, unavailable, request, parameters, required_groups, response, pagination, idempotency, examples.",
      "acme/list_widgets.yaml:3:1: unknown key 'descripton' in the document. Did you mean 'description'? Allowed keys: name, aliases, renamed_from, title, description, operation, idempotent, destructive, deprecated, differences, unavailable, request, parameters, required_groups, response, pagination, idempotency, examples.",
      "acme/list_widgets.yaml:11:14: 'parameters.page.minimum' must be a number, found \"one\".",
      "acme/list_widgets.yaml:32:15: 'pagination.first_page' must be one of 0, 1; found 2. Did you mean '0'?",
    ],
  },
  {
    name: 'misspelt provider key',
    edits: [sub('acme/provider.yaml', 'docs_url:', 'doc_url:')],
    expected: [
      "acme/provider.yaml:5:1: unknown key 'doc_url' in the document. Did you mean 'docs_url'? Allowed keys: id, namespace, name, class_name, category, description, docs_url, api_version, env_prefix, fields, auth, servers, headers, errors, rate_limit, request_id_header, schemas.",
    ],
  },
  {
    name: 'unknown operation class',
    edits: [sub('acme/list_widgets.yaml', 'operation: read', 'operation: reed')],
    expected: [
      "acme/list_widgets.yaml:4:12: 'operation' must be one of read, write; found \"reed\". Did you mean 'read'?",
    ],
  },
  {
    name: 'wrong type: minimum as a string',
    edits: [sub('acme/list_widgets.yaml', 'minimum: 1', 'minimum: one')],
    expected: [
      "acme/list_widgets.yaml:11:14: 'parameters.page.minimum' must be a number, found \"one\".",
    ],
  },
  {
    name: 'wrong type: aliases as a string',
    edits: [sub('acme/create_widget.yaml', 'aliases: [make_widget]', 'aliases: make_widget')],
    expected: [
      "acme/create_widget.yaml:2:10: 'aliases' must be an array, found \"make_widget\".",
    ],
  },
  {
    name: 'unknown parameter type',
    edits: [sub('acme/create_widget.yaml', '    type: string\n    required: true\n    description: Widget name.', '    type: text\n    required: true\n    description: Widget name.')],
    expected: [
      "acme/create_widget.yaml:16:11: 'parameters.name.type' must be one of string, integer, number, boolean, array, object, file; found \"text\".",
    ],
  },
  {
    name: 'missing required function key',
    edits: [sub('acme/list_widgets.yaml', 'title: List Widgets\n', '')],
    expected: [
      "acme/list_widgets.yaml:1:1: the document is missing the required key 'title'.",
    ],
  },
  {
    name: 'missing parameter description',
    edits: [sub('acme/list_widgets.yaml', '    description: Page size.\n', '')],
    expected: [
      "acme/list_widgets.yaml:14:5: 'parameters.per_page' is missing the required key 'description'.",
    ],
  },
  {
    name: 'name not in snake_case',
    edits: [sub('acme/list_widgets.yaml', 'name: list_widgets', 'name: listWidgets')],
    expected: [
      "acme/list_widgets.yaml:1:7: 'name' must be lower snake_case (letters, digits, single underscores); found \"listWidgets\".",
    ],
  },
  {
    name: 'name differs from the file name',
    edits: [sub('acme/list_widgets.yaml', 'name: list_widgets', 'name: list_gadgets')],
    expected: [
      "acme/list_widgets.yaml:1:7: name \"list_gadgets\" must equal the file name 'list_widgets.yaml'.",
    ],
  },
  {
    name: 'provider id differs from the folder',
    edits: [sub('acme/provider.yaml', 'id: acme', 'id: acme-corp')],
    expected: [
      "acme/provider.yaml:1:5: id \"acme-corp\" must equal the folder name 'acme', so specs/<id>/ always holds provider <id>.",
    ],
  },
  {
    name: 'undeclared path placeholder',
    edits: [sub('acme/create_widget.yaml', 'path: /shelves/{shelf_id}/widgets', 'path: /shelves/{shelf}/widgets')],
    expected: [
      "acme/create_widget.yaml:8:9: path placeholder '{shelf}' is not a declared path parameter.",
    ],
  },
  {
    name: 'optional path parameter',
    edits: [sub('acme/create_widget.yaml', '    type: string\n    required: true\n    description: Shelf to put it on.', '    type: string\n    description: Shelf to put it on.')],
    expected: [
      "acme/create_widget.yaml:11:3: path parameter 'shelf_id' must be required: true.",
    ],
  },
  {
    name: 'body parameter on a GET',
    edits: [sub('acme/list_widgets.yaml', '    enum: [red, blue]\n', '    enum: [red, blue]\n    in: body\n')],
    expected: [
      "acme/list_widgets.yaml:18:3: parameter 'color' goes in the body, but a GET request has none. Use in: query.",
    ],
  },
  {
    name: 'body parameter without a body encoding',
    edits: [sub('acme/create_widget.yaml', '  body: json\n', '')],
    expected: [
      "acme/create_widget.yaml:7:3: parameter(s) 'name', 'tags' go in the body: set request.body to json, form or multipart.",
    ],
  },
  {
    name: 'unknown server',
    edits: [sub('acme/create_widget.yaml', '  body: json\n', '  body: json\n  server: uploads\n')],
    expected: [
      "acme/create_widget.yaml:10:11: server 'uploads' is not declared in provider.yaml.",
    ],
  },
  {
    name: 'server names an undeclared auth scheme',
    edits: [sub('acme/provider.yaml', '    auth: bearer', '    auth: beare')],
    expected: [
      "acme/provider.yaml:25:11: auth scheme 'beare' is not declared under 'auth'. Did you mean 'bearer'?",
    ],
  },
  {
    name: 'server URL names an undeclared field',
    edits: [sub('acme/provider.yaml', 'https://{region}.api.acme.test/v1', 'https://{regoin}.api.acme.test/v1')],
    expected: [
      "acme/provider.yaml:24:10: field 'regoin' is not declared under 'fields'. Did you mean 'region'?",
    ],
  },
  {
    name: 'auth scheme names an undeclared field',
    edits: [sub('acme/provider.yaml', 'token: api_key', 'token: apikey')],
    expected: [
      "acme/provider.yaml:21:12: field 'apikey' is not declared under 'fields'. Did you mean 'api_key'?",
    ],
  },
  {
    name: 'field default outside its enum',
    edits: [sub('acme/provider.yaml', 'default: us', 'default: ap')],
    expected: [
      "acme/provider.yaml:11:14: default \"ap\" is not one of the field's enum values: us, eu.",
    ],
  },
  {
    name: 'auth scheme with a key of another scheme',
    edits: [sub('acme/provider.yaml', '    token: api_key', '    token: api_key\n    username: api_key')],
    expected: [
      "acme/provider.yaml:22:5: unknown key 'username' in 'auth.bearer'. Allowed keys: type, token.",
    ],
  },
  {
    name: 'example argument outside the enum',
    edits: [sub('acme/list_widgets.yaml', 'arguments: { color: red }', 'arguments: { color: green }')],
    expected: [
      "acme/list_widgets.yaml:37:16: example arguments are invalid: color must be one of red, blue, found \"green\".",
    ],
  },
  {
    name: 'example with an unknown argument',
    edits: [sub('acme/list_widgets.yaml', 'arguments: { color: red }', 'arguments: { colour: red }')],
    expected: [
      "acme/list_widgets.yaml:37:16: example arguments are invalid: has unknown key 'colour'.",
    ],
  },
  {
    name: 'example missing a required argument',
    edits: [sub('acme/create_widget.yaml', 'arguments: { shelf_id: s1, name: Sprocket }', 'arguments: { shelf_id: s1 }')],
    expected: [
      "acme/create_widget.yaml:32:16: example arguments are invalid: is missing required 'name'.",
    ],
  },
  {
    name: 'example response not matching the response schema',
    edits: [sub('acme/create_widget.yaml', 'body: { id: w_1 }', 'body: { id: 1 }')],
    expected: [
      "acme/create_widget.yaml:40:13: example response does not match the response schema: id must be string, found 1.",
    ],
  },
  {
    name: 'example request method differs from the endpoint',
    edits: [sub('acme/create_widget.yaml', '      method: POST\n      url:', '      method: PUT\n      url:')],
    expected: [
      "acme/create_widget.yaml:34:15: example request method PUT differs from the endpoint's POST.",
    ],
  },
  {
    name: 'example status differs from the declared success status',
    edits: [sub('acme/create_widget.yaml', '    response:\n      status: 201', '    response:\n      status: 200')],
    expected: [
      "acme/create_widget.yaml:39:15: example status 200 differs from the function's success status 201 (set response.status).",
    ],
  },
  {
    name: 'pagination path missing from the response schema',
    edits: [sub('acme/list_widgets.yaml', '  total_pages: total_pages', '  total_pages: meta.total_pages')],
    expected: [
      "acme/list_widgets.yaml:34:16: 'meta.total_pages' does not exist in the response schema.",
    ],
  },
  {
    name: 'pagination items path is not an array',
    edits: [sub('acme/list_widgets.yaml', '  items: items\n', '  items: total_pages\n')],
    expected: [
      "acme/list_widgets.yaml:33:10: 'total_pages' must be an array in the response schema.",
    ],
  },
  {
    name: 'pagination items is the body, but the body is an object',
    edits: [sub('acme/list_widgets.yaml', '  items: items\n', '  items: .\n')],
    expected: [
      "acme/list_widgets.yaml:33:10: '.' must be an array in the response schema.",
    ],
  },
  {
    name: 'pagination names an undeclared parameter',
    edits: [sub('acme/list_widgets.yaml', 'page_param: page', 'page_param: page_number')],
    expected: [
      "acme/list_widgets.yaml:30:15: 'page_number' is not a parameter of this function.",
    ],
  },
  {
    name: 'pagination strategy missing its keys',
    edits: [sub('acme/list_widgets.yaml', '  first_page: 1\n', '')],
    expected: [
      "acme/list_widgets.yaml:29:3: 'pagination' is missing the required key 'first_page'.",
    ],
  },
  {
    name: 'next_link: the next path is missing from the response schema',
    edits: [sub('acme/list_widgets.yaml', PAGE_PAGINATION, '  strategy: next_link\n  items: items\n  next: paging.next\n')],
    expected: [
      "acme/list_widgets.yaml:31:9: 'paging.next' does not exist in the response schema.",
    ],
  },
  {
    name: 'next_link: the next path is not a string',
    edits: [sub('acme/list_widgets.yaml', PAGE_PAGINATION, '  strategy: next_link\n  items: items\n  next: total_pages\n')],
    expected: [
      "acme/list_widgets.yaml:31:9: 'total_pages' must be a string in the response schema.",
    ],
  },
  {
    name: 'next_link: neither a body path nor the Link header',
    edits: [sub('acme/list_widgets.yaml', PAGE_PAGINATION, '  strategy: next_link\n  items: items\n')],
    expected: [
      "acme/list_widgets.yaml:28:1: strategy next_link needs 'next' (the response body path of the next page's link) or 'link_header: true'.",
    ],
  },
  {
    name: 'next_link: both a body path and the Link header',
    edits: [
      sub('acme/list_widgets.yaml', '      total_pages: { type: integer }\n', '      total_pages: { type: integer }\n      next: { type: string }\n'),
      sub('acme/list_widgets.yaml', PAGE_PAGINATION, '  strategy: next_link\n  items: items\n  next: next\n  link_header: true\n'),
    ],
    expected: [
      "acme/list_widgets.yaml:33:3: give either 'next' (a response body path) or 'link_header: true', not both.",
    ],
  },
  {
    name: 'next_link: link_header other than true',
    edits: [sub('acme/list_widgets.yaml', PAGE_PAGINATION, '  strategy: next_link\n  items: items\n  link_header: false\n')],
    expected: [
      "acme/list_widgets.yaml:31:16: 'pagination.link_header' must be true, found false.",
    ],
  },
  {
    name: 'next_link: a key of another strategy',
    edits: [sub('acme/list_widgets.yaml', PAGE_PAGINATION, '  strategy: next_link\n  items: items\n  link_header: true\n  page_param: page\n')],
    expected: [
      "acme/list_widgets.yaml:32:3: unknown key 'page_param' in 'pagination'. Allowed keys: strategy, items, next, link_header.",
    ],
  },
  {
    name: 'rate limit: exhausted statuses without the remaining header',
    edits: [sub('acme/provider.yaml', 'errors:\n', 'rate_limit:\n  exhausted: [403]\nerrors:\n')],
    expected: [
      "acme/provider.yaml:27:3: 'exhausted' needs 'remaining_header': a status there is a rate limit only when that header says 0 requests are left.",
    ],
  },
  {
    name: 'rate limit: 429 listed as exhausted, and a reset format without its header',
    edits: [sub('acme/provider.yaml', 'errors:\n', 'rate_limit:\n  remaining_header: x-left\n  exhausted: [403, 429]\n  reset: seconds\nerrors:\n')],
    expected: [
      "acme/provider.yaml:28:14: 429 is always a rate limit; list only the other statuses that can mean one (GitHub's 403).",
      "acme/provider.yaml:29:3: 'reset' says how to read 'reset_header', which is missing.",
    ],
  },
  {
    name: 'idempotency on a read',
    edits: [sub('acme/list_widgets.yaml', 'operation: read\n', 'operation: read\nidempotency: { header: Idempotency-Key }\n')],
    expected: [
      "acme/list_widgets.yaml:5:1: 'idempotency' is for writes: a read is retried anyway and needs no key.",
    ],
  },
  {
    name: 'idempotency on an unavailable function',
    edits: [
      write(
        'acme/remove_widget.yaml',
        'name: remove_widget\ntitle: Remove Widget\ndescription: Remove a widget.\noperation: write\nunavailable:\n  reason: Acme has no delete.\nidempotency:\n  header: Idempotency-Key\nparameters: {}\n',
      ),
    ],
    expected: [
      "acme/remove_widget.yaml:7:1: an unavailable function sends no request, so it has no 'idempotency': remove it, or remove 'unavailable'.",
    ],
  },
  {
    name: 'idempotency with a parameter named like the call option',
    edits: [
      sub('acme/create_widget.yaml', 'operation: write\n', 'operation: write\nidempotency:\n  header: Idempotency-Key\n'),
      sub('acme/create_widget.yaml', '    description: Tags.\n', '    description: Tags.\n  idempotency_key:\n    type: string\n    description: Key.\n'),
    ],
    expected: [
      "acme/create_widget.yaml:25:3: 'idempotency_key' names the call option of a function with 'idempotency' (the caller's own key in the CLI, Lua and MCP); rename the parameter.",
    ],
  },
  {
    name: 'idempotency header also sent by a parameter',
    edits: [
      sub('acme/create_widget.yaml', 'operation: write\n', 'operation: write\nidempotency:\n  header: Idempotency-Key\n'),
      sub('acme/create_widget.yaml', '    description: Tags.\n', '    description: Tags.\n  request_key:\n    type: string\n    in: header\n    wire: idempotency-key\n    description: Key.\n'),
    ],
    expected: [
      "acme/create_widget.yaml:7:11: parameter 'request_key' already sends the header 'idempotency-key'; remove the parameter (callers pass their own key with the idempotencyKey option, --idempotency-key, or idempotency_key in Lua and MCP).",
    ],
  },
  {
    name: 'idempotency header also sent as a constant',
    edits: [
      sub('acme/create_widget.yaml', 'operation: write\n', 'operation: write\nidempotency:\n  header: Idempotency-Key\n'),
      sub('acme/create_widget.yaml', '  body: json\n', '  body: json\n  constants:\n    header: { Idempotency-Key: fixed }\n'),
    ],
    expected: [
      "acme/create_widget.yaml:7:11: request.constants.header already sends 'Idempotency-Key'; a constant key would make every call the same one to the provider.",
    ],
  },
  {
    name: 'idempotency header that is not a header name',
    edits: [sub('acme/create_widget.yaml', 'operation: write\n', 'operation: write\nidempotency:\n  header: Idempotency Key\n')],
    expected: [
      "acme/create_widget.yaml:7:11: 'idempotency.header' must be text matching /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/; found \"Idempotency Key\".",
    ],
  },
  {
    name: 'unknown pagination strategy',
    edits: [sub('acme/list_widgets.yaml', 'strategy: page', 'strategy: pages')],
    expected: [
      "acme/list_widgets.yaml:29:13: 'pagination.strategy' must be one of page, offset, cursor, next_link; found \"pages\". Did you mean 'page'?",
    ],
  },
  {
    name: 'transform that does not fit the type',
    edits: [sub('acme/create_widget.yaml', '    description: Widget name.', '    description: Widget name.\n    transform: seconds_to_milliseconds')],
    expected: [
      "acme/create_widget.yaml:19:16: transform 'seconds_to_milliseconds' does not apply to a string; it takes integer or number.",
    ],
  },
  {
    name: 'json_encode on a string',
    edits: [sub('acme/create_widget.yaml', '    description: Widget name.', '    description: Widget name.\n    transform: json_encode')],
    expected: ["acme/create_widget.yaml:19:16: transform 'json_encode' does not apply to a string; it takes object or array."],
  },
  {
    name: 'json_encode on a path parameter',
    edits: [sub('acme/create_widget.yaml', '    description: Shelf to put it on.', '    description: Shelf to put it on.\n    transform: json_encode')],
    expected: [
      "acme/create_widget.yaml:15:16: transform 'json_encode' does not apply to a path parameter: JSON text is no URL path segment; send it in the query, a header or the body.",
      "acme/create_widget.yaml:15:16: transform 'json_encode' does not apply to a string; it takes object or array.",
    ],
  },
  {
    name: 'array_format with json_encode',
    edits: [listParam('  ids:\n    type: array\n    items: { type: integer }\n    array_format: repeat\n    transform: json_encode\n    description: Ids.\n')],
    expected: ["acme/list_widgets.yaml:25:19: 'array_format' does not apply with transform: json_encode, which sends the whole list as JSON text."],
  },
  {
    name: 'json_encode before another transform',
    edits: [createParam('  meta:\n    type: array\n    items: { type: string }\n    description: Meta.\n    transform: [json_encode, wrap_in_array]\n')],
    expected: ["acme/create_widget.yaml:27:17: transform 'json_encode' must come last: it turns the value into JSON text."],
  },
  {
    name: 'misspelt transform',
    edits: [sub('acme/create_widget.yaml', '    description: Widget name.', '    description: Widget name.\n    transform: strip_pluss')],
    expected: [
      "acme/create_widget.yaml:19:16: 'parameters.name.transform' must be one of: seconds_to_milliseconds, strip_plus, wrap_in_array, comma_join, json_encode, {join: ...}, {map: ...}, {datetime_format: ...}, a list of those; found \"strip_pluss\". Did you mean 'strip_plus'?",
    ],
  },
  {
    name: 'array without items',
    edits: [sub('acme/create_widget.yaml', '    items: { type: string }\n', '')],
    expected: [
      "acme/create_widget.yaml:20:11: an array needs 'items' to say what it holds.",
    ],
  },
  {
    name: "a parameter moved onto another's wire name: the example's query no longer matches",
    edits: [sub('acme/list_widgets.yaml', '    enum: [red, blue]\n', '    enum: [red, blue]\n    wire: page[size]\n')],
    expected: [
      "acme/list_widgets.yaml:41:12: example 'Red widgets': the documented query sends color='red', but the arguments produce no color.",
      "acme/list_widgets.yaml:41:12: example 'Red widgets': the documented query sends no page[size], but the arguments produce page[size]='red'.",
    ],
  },
  {
    name: 'duplicate derived name: alias equals another function',
    edits: [sub('acme/create_widget.yaml', 'aliases: [make_widget]', 'aliases: [list_widgets]')],
    expected: [
      "acme/create_widget.yaml:2:1: Lua path 'app.integrations.acme.list_widgets' is already taken by function 'acme.list_widgets' (acme/list_widgets.yaml:1:7); drop the alias or rename the other function.",
    ],
  },
  {
    name: "duplicate derived name: a function named like another's page walker",
    edits: [write('acme/list_widgets_items.yaml', 'name: list_widgets_items\ntitle: Delete Widget\ndescription: Delete a widget.\noperation: write\nrequest:\n  method: DELETE\n  path: /widgets/{id}\nparameters:\n  id:\n    type: string\n    required: true\n    description: Widget id.\nexamples:\n  - title: Delete\n    arguments: { id: w1 }\n    request:\n      method: DELETE\n      url: https://us.api.acme.test/v1/widgets/w1\n      headers: { authorization: Bearer acme_test_key }\n    response:\n      status: 204\n')],
    expected: [
      "acme/list_widgets_items.yaml:1:7: TypeScript export of the acme client 'listWidgetsItems' is already taken by function 'acme.list_widgets' (acme/list_widgets.yaml:1:7); rename one of them.",
    ],
  },
  {
    name: 'a function whose TypeScript name the generated client imports from the runtime',
    edits: [write('acme/pages_of.yaml', 'name: pages_of\ntitle: Delete Widget\ndescription: Delete a widget.\noperation: write\nrequest:\n  method: DELETE\n  path: /widgets/{id}\nparameters:\n  id:\n    type: string\n    required: true\n    description: Widget id.\nexamples:\n  - title: Delete\n    arguments: { id: w1 }\n    request:\n      method: DELETE\n      url: https://us.api.acme.test/v1/widgets/w1\n      headers: { authorization: Bearer acme_test_key }\n    response:\n      status: 204\n')],
    expected: [
      "acme/pages_of.yaml:1:7: name 'pages_of' gives the TypeScript name 'pagesOf', which the generated client imports from @switchboard/runtime; choose another name.",
    ],
  },
  {
    name: 'renamed_from: an old name whose TypeScript name the generated client imports from the runtime',
    edits: [sub('acme/create_widget.yaml', 'aliases: [make_widget]\n', 'aliases: [make_widget]\nrenamed_from: [{ name: pages_of, removed_in: "2.0.0" }]\n')],
    expected: ["acme/create_widget.yaml:3:24: old name 'pages_of' gives the TypeScript name 'pagesOf', which the generated client imports from @switchboard/runtime; drop it from renamed_from."],
  },
  {
    name: "renamed_from: an old name like another function's page walker",
    edits: [sub('acme/create_widget.yaml', 'aliases: [make_widget]\n', 'aliases: [make_widget]\nrenamed_from: [{ name: list_widgets_items, removed_in: "2.0.0" }]\n')],
    expected: ["acme/create_widget.yaml:3:1: TypeScript export of the acme client 'listWidgetsItems' is already taken by function 'acme.list_widgets' (acme/list_widgets.yaml:1:7); drop 'list_widgets_items' from renamed_from, or rename the other function."],
  },
  {
    name: 'renamed_from: an old name that another function has now',
    edits: [sub('acme/create_widget.yaml', 'aliases: [make_widget]\n', 'aliases: [make_widget]\nrenamed_from: [{ name: list_widgets, removed_in: "2.0.0" }]\n')],
    expected: ["acme/create_widget.yaml:3:1: function name 'acme.list_widgets' is already taken by function 'acme.list_widgets' (acme/list_widgets.yaml:1:7); drop 'list_widgets' from renamed_from, or rename the other function."],
  },
  {
    name: 'renamed_from: a parameter whose old name is another parameter now',
    edits: [createParam('    renamed_from: [{ name: name, removed_in: "2.0.0" }]\n')],
    expected: ["acme/create_widget.yaml:23:28: 'name' is still a parameter of this function; an old name must be one no parameter has now."],
  },
  {
    name: 'renamed_from: removed_in that is not a major version',
    edits: [createParam('    renamed_from: [{ name: labels, removed_in: "2.1.0" }]\n')],
    expected: ["acme/create_widget.yaml:23:48: 'parameters.tags.renamed_from.0.removed_in' must be text matching /^[1-9][0-9]*\\.0\\.0$/; found \"2.1.0\"."],
  },
  {
    name: 'duplicate derived name: two providers with one namespace',
    edits: [
      write(
        'acme2/provider.yaml',
        [
          'id: acme2',
          'namespace: acme',
          'name: Acme Two',
          'category: other',
          'description: A second Acme.',
          'docs_url: https://docs.acme.test/api',
          'fields: { api_key: { label: Key, description: Key., secret: true, example: k } }',
          'auth: { bearer: { type: bearer, token: api_key } }',
          'servers: { default: { url: "https://api.acme.test", auth: bearer } }',
          'errors: { message: [message], example: { status: 500, body: { message: boom } } }',
          '',
        ].join('\n'),
      ),
    ],
    expected: [
      "acme2/provider.yaml:1:5: Lua namespace 'acme' is already taken by provider 'acme' (acme/provider.yaml:1:5); rename one of them.",
    ],
  },

  // Names that pass the name pattern but not the languages generated from them.
  { name: 'a function named after a member every client class has', edits: [deleteFunction('with_options')], expected: [
    "acme/with_options.yaml:1:7: name 'with_options' gives the method 'withOptions', which every generated client class already has; choose another name.",
  ] },
  { name: 'a function whose method would be the client class constructor', edits: [deleteFunction('constructor')], expected: [
    "acme/constructor.yaml:1:7: name 'constructor' gives the method 'constructor', which every generated client class already has; choose another name.",
  ] },
  { name: 'a function whose standalone function would be a JavaScript reserved word', edits: [deleteFunction('delete')], expected: [
    "acme/delete.yaml:1:7: name 'delete' gives the TypeScript function 'delete', a reserved word in JavaScript (`export function delete` does not parse); choose another name.",
  ] },
  { name: 'a function named after a Lua keyword', edits: [deleteFunction('end')], expected: [
    "acme/end.yaml:1:7: name 'end' is a Lua keyword, so app.integrations.acme.end{…} would not parse; choose another name.",
  ] },
  { name: 'a function whose method every object inherits', edits: [deleteFunction('to_string')], expected: [
    "acme/to_string.yaml:1:7: name 'to_string' gives the method 'toString', which every JavaScript object inherits: a client whose toString made a request would break wherever the client is converted or compared; choose another name.",
  ] },
  { name: 'an alias that is a Lua keyword', edits: [sub('acme/create_widget.yaml', 'aliases: [make_widget]', 'aliases: [make_widget, repeat]')], expected: [
    "acme/create_widget.yaml:2:24: alias 'repeat' is a Lua keyword, so app.integrations.acme.repeat{…} would not parse; choose another alias.",
  ] },
  { name: 'renamed_from: an old name whose method every client class has', edits: [sub('acme/create_widget.yaml', 'aliases: [make_widget]\n', 'aliases: [make_widget]\nrenamed_from: [{ name: core, removed_in: "2.0.0" }]\n')], expected: [
    "acme/create_widget.yaml:3:24: old name 'core' gives the method 'core', which every generated client class already has; choose another old name.",
  ] },
  { name: 'a provider namespace that is a Lua keyword', edits: [sub('acme/provider.yaml', 'name: Acme\n', 'name: Acme\nnamespace: until\n')], expected: [
    "acme/provider.yaml:3:12: Lua namespace 'until' is a Lua keyword, so app.integrations.until.<function>{…} would not parse; set 'namespace' to another name.",
  ] },
  { name: 'a provider class named after a runtime export', edits: [sub('acme/provider.yaml', 'name: Acme\n', 'name: Acme\nclass_name: Core\n')], expected: [
    "acme/provider.yaml:3:13: client class 'Core' would take the name of an export of @switchboard/runtime, which the generated package imports and re-exports; set 'class_name' to another name.",
  ] },
  { name: "a provider class whose options type is the runtime's", edits: [sub('acme/provider.yaml', 'name: Acme\n', 'name: Acme\nclass_name: Client\n')], expected: [
    "acme/provider.yaml:3:13: client class 'Client' gives the options type 'ClientOptions', which the generated package imports from @switchboard/runtime; set 'class_name' to another name.",
  ] },
  { name: 'an account field whose option is a runtime client option', edits: [sub('acme/provider.yaml', '  api_key:\n', "  timeout: { label: Timeout, description: Seconds., example: '30', required: false }\n  api_key:\n")], expected: [
    "acme/provider.yaml:13:3: field 'timeout' gives the client option 'timeout', which is already a runtime option of every client; rename the field (its name is ours, not the provider's).",
  ] },
  // The provider's error envelope must read its own example the way the runtime reads a live error.
  { name: 'error message paths that find nothing in the error example', edits: [sub('acme/provider.yaml', 'message: [error.message]', 'message: [error.detail, detail]')], expected: [
    "acme/provider.yaml:27:12: no path of errors.message (error.detail, detail) finds text in errors.example.body, so the spec's own error would reach callers with no provider message; fix the paths or the example.",
  ] },
  { name: 'error code paths that find nothing in the error example', edits: [sub('acme/provider.yaml', 'code: [error.code]', 'code: [error.reason]')], expected: [
    "acme/provider.yaml:28:9: no path of errors.code (error.reason) finds a value in errors.example.body; fix the paths or the example, or leave errors.code out.",
  ] },
  // A parameter may not send what the runtime sets itself.
  { name: "a header parameter the server's bearer auth sets", edits: [listParam('  auth_override:\n    type: string\n    in: header\n    wire: Authorization\n    description: Another token.\n')], expected: [
    "acme/list_widgets.yaml:25:11: parameter 'auth_override' sends the header 'Authorization', which auth 'bearer' of server 'default' already sets; the caller's value would never be sent. Remove the parameter or send it under another name.",
  ] },
  { name: 'a header parameter the runtime sets from the body encoding', edits: [createParam('  content_type:\n    type: string\n    in: header\n    wire: Content-Type\n    description: Media type.\n')], expected: [
    "acme/create_widget.yaml:26:11: parameter 'content_type' sends the header 'Content-Type', which the runtime (for request.body: json) already sets; the caller's value would never be sent. Remove the parameter or send it under another name.",
  ] },
  { name: 'two header parameters whose names differ only in case', edits: [listParam('  trace:\n    type: string\n    in: header\n    wire: X-Trace\n    description: Trace id.\n  trace_again:\n    type: string\n    in: header\n    wire: x-trace\n    description: Trace id again.\n')], expected: [
    "acme/list_widgets.yaml:30:11: parameters 'trace' and 'trace_again' both send header 'x-trace'; a header holds one value, so give them disjoint 'applies_to' cases or different wire names.",
  ] },
  { name: 'a query parameter a constant already sends', edits: [sub('acme/list_widgets.yaml', '  path: /widgets\n', '  path: /widgets\n  constants:\n    query: { kind: gadget }\n'), listParam('  kind:\n    type: string\n    description: Kind.\n')], expected: [
    "acme/list_widgets.yaml:24:3: parameter 'kind' sends the query 'kind', which request.constants.query already sets; the provider would get both values and read one of them. Remove the parameter or send it under another name.",
    "acme/list_widgets.yaml:45:12: example 'Red widgets': the documented query sends no kind, but the arguments produce kind='gadget'.",
  ] },
  {
    name: 'reserved function name',
    edits: [sub('acme/create_widget.yaml', 'aliases: [make_widget]', 'aliases: [default]')],
    expected: [
      "acme/create_widget.yaml:2:11: 'default' is reserved for the default account.",
    ],
  },
  {
    name: 'function with neither request nor unavailable',
    edits: [sub('acme/list_widgets.yaml', 'request:\n  method: GET\n  path: /widgets\n', '')],
    expected: [
      "acme/list_widgets.yaml:1:1: a function needs either 'request' (the HTTP call it makes) or 'unavailable' (why it cannot be made).",
    ],
  },
  {
    name: 'unavailable function that still has a request',
    edits: [sub('acme/list_widgets.yaml', 'operation: read\n', 'operation: read\nunavailable:\n  reason: Acme removed this endpoint.\n')],
    expected: [
      "acme/list_widgets.yaml:7:1: an unavailable function has no 'request': remove it, or remove 'unavailable'.",
      "acme/list_widgets.yaml:24:1: an unavailable function has no 'response': remove it, or remove 'unavailable'.",
      "acme/list_widgets.yaml:30:1: an unavailable function has no 'pagination': remove it, or remove 'unavailable'.",
      "acme/list_widgets.yaml:37:1: an unavailable function has no 'examples': remove it, or remove 'unavailable'.",
    ],
  },
  {
    name: 'folder without provider.yaml',
    edits: [write('gadgets/list_gadgets.yaml', 'name: list_gadgets\n')],
    expected: [
      "gadgets/provider.yaml:1:1: every folder under specs/ needs a provider.yaml; 'gadgets' has none.",
    ],
  },
  {
    name: 'file that is not YAML',
    edits: [write('acme/notes.txt', 'remember to add update_widget\n')],
    expected: [
      "acme/notes.txt:1:1: spec files end in .yaml; rename or remove 'notes.txt'.",
    ],
  },
  {
    name: 'pattern with catastrophic backtracking, and an example that triggers it',
    edits: [
      sub('acme/create_widget.yaml', '    description: Widget name.', "    description: Widget name.\n    pattern: '^(1+)+$'"),
      sub('acme/create_widget.yaml', 'arguments: { shelf_id: s1, name: Sprocket }', `arguments: { shelf_id: s1, name: '${'1'.repeat(40)}!' }`),
    ],
    expected: [
      "acme/create_widget.yaml:33:16: example arguments are invalid: name must match pattern \"^(1+)+$\".",
    ],
  },
  {
    name: 'pattern with a backreference',
    edits: [sub('acme/create_widget.yaml', '    description: Widget name.', "    description: Widget name.\n    pattern: '^(a)\\1$'")],
    expected: [
      "acme/create_widget.yaml:19:14: pattern /^(a)\\1$/ uses a backreference; patterns are matched in linear time (RE2 syntax), without backreferences, lookahead or lookbehind.",
    ],
  },
  {
    name: 'pattern with a lookahead',
    edits: [sub('acme/create_widget.yaml', '    description: Widget name.', "    description: Widget name.\n    pattern: '^(?!admin)'")],
    expected: [
      "acme/create_widget.yaml:19:14: pattern /^(?!admin)/ uses a lookahead; patterns are matched in linear time (RE2 syntax), without backreferences, lookahead or lookbehind.",
    ],
  },
  {
    name: 'pattern with a lookbehind, in array items',
    edits: [sub('acme/create_widget.yaml', '    items: { type: string }', "    items: { type: string, pattern: '(?<=#)\\w+' }")],
    expected: [
      "acme/create_widget.yaml:21:37: pattern /(?<=#)\\w+/ uses a lookbehind; patterns are matched in linear time (RE2 syntax), without backreferences, lookahead or lookbehind.",
    ],
  },
  {
    name: 'pattern that is not a regular expression',
    edits: [sub('acme/create_widget.yaml', '    description: Widget name.', "    description: Widget name.\n    pattern: '[a-'")],
    expected: [
      "acme/create_widget.yaml:19:14: pattern is not a valid regular expression: Invalid regular expression: /[a-/u: Unterminated character class.",
    ],
  },
  {
    name: 'pattern in array items that is not a regular expression',
    edits: [sub('acme/create_widget.yaml', '    items: { type: string }', "    items: { type: string, pattern: '(' }")],
    expected: [
      "acme/create_widget.yaml:21:37: pattern is not a valid regular expression: Invalid regular expression: /(/u: Unterminated group.",
    ],
  },
  {
    name: 'response schema pattern with a backreference',
    edits: [sub('acme/create_widget.yaml', '      id: { type: string }', "      id: { type: string, pattern: '^(w)_\\1$' }")],
    expected: [
      "acme/create_widget.yaml:29:36: pattern /^(w)_\\1$/ uses a backreference; patterns are matched in linear time (RE2 syntax), without backreferences, lookahead or lookbehind.",
    ],
  },
  {
    name: 'response schema patternProperties key with a lookahead',
    edits: [sub('acme/list_widgets.yaml', '      total_pages: { type: integer }\n', "      total_pages: { type: integer }\n    patternProperties:\n      '^(?=x_)': { type: string }\n")],
    expected: [
      "acme/list_widgets.yaml:29:7: pattern /^(?=x_)/ uses a lookahead; patterns are matched in linear time (RE2 syntax), without backreferences, lookahead or lookbehind.",
    ],
  },
  {
    name: 'provider field pattern with catastrophic backtracking, and an example that triggers it',
    edits: [sub('acme/provider.yaml', '    example: acme_test_key', `    example: '${'a'.repeat(40)}!'\n    pattern: '^(a+)+$'`)],
    expected: [
      "acme/provider.yaml:17:14: example \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\" does not match the field's pattern /^(a+)+$/.",
    ],
  },
  {
    name: 'provider field pattern that is not a regular expression',
    edits: [sub('acme/provider.yaml', '    example: acme_test_key', "    example: acme_test_key\n    pattern: '(('")],
    expected: [
      "acme/provider.yaml:18:14: pattern is not a valid regular expression: Invalid regular expression: /((/u: Unterminated group.",
    ],
  },
  {
    name: 'YAML alias bomb (billion laughs)',
    edits: [
      write(
        'acme/list_lols.yaml',
        [
          'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
          'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
          'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
          'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
          'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
          'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
          'g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]',
          'h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]',
          'i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]',
          '',
        ].join('\n'),
      ),
    ],
    expected: [
      "acme/list_lols.yaml:5:8: YAML aliases in this file expand to more than 10,000 values (a \"billion laughs\" document); write the values out instead.",
    ],
  },
  {
    name: 'YAML alias inside the value it names',
    edits: [sub('acme/list_widgets.yaml', 'title: List Widgets', 'title: List Widgets\ndifferences: &loop [one, *loop]')],
    expected: [
      "acme/list_widgets.yaml:3:26: alias *loop refers to the value that contains it, which would never end.",
    ],
  },
  {
    name: 'directory named like a spec file',
    edits: [directory('acme/update_widget.yaml')],
    expected: [
      "acme/update_widget.yaml:1:1: is a directory, not a spec file; spec files are YAML files directly inside specs/<provider>/.",
    ],
  },
  {
    name: 'named pipe named like a spec file',
    edits: [fifo('acme/update_widget.yaml')],
    expected: [
      "acme/update_widget.yaml:1:1: is not a regular file (a device, socket or pipe); spec files are plain YAML files.",
    ],
  },
  {
    name: 'broken symbolic link',
    edits: [symlink('acme/delete_widget.yaml', 'delete_widget.yml')],
    expected: [
      "acme/delete_widget.yaml:1:1: is a symbolic link to 'delete_widget.yml', which does not exist.",
    ],
  },
  {
    name: 'symbolic link to a file outside specs/ is not read',
    edits: [outside('private/passwd', 'root:x:0:0:root:/root:/bin/bash\n'), symlink('acme/passwd.yaml', '../../private/passwd')],
    expected: [
      "acme/passwd.yaml:1:1: is a symbolic link to '../../private/passwd', outside specs/; specs must live inside specs/, so it was not read.",
    ],
  },
  {
    name: 'symbolic link to an absolute path outside specs/',
    edits: [symlink('acme/hosts.yaml', '/etc/hosts')],
    expected: [
      "acme/hosts.yaml:1:1: is a symbolic link to '/etc/hosts', outside specs/; specs must live inside specs/, so it was not read.",
    ],
  },
  {
    name: 'provider folder that links outside specs/',
    edits: [outside('elsewhere/provider.yaml', 'id: elsewhere\n'), symlink('elsewhere', '../elsewhere')],
    expected: [
      "elsewhere:1:1: is a symbolic link to '../elsewhere', outside specs/; specs must live inside specs/, so it was not read.",
    ],
  },
  {
    name: 'symbolic link inside specs/ is read like the file it names',
    edits: [symlink('acme/make_widget.yaml', 'create_widget.yaml')],
    expected: [
      "acme/make_widget.yaml:1:7: name \"create_widget\" must equal the file name 'make_widget.yaml'.",
    ],
  },
  {
    name: 'invalid UTF-8 byte',
    edits: [sub('acme/list_widgets.yaml', 'description: List widgets.', Buffer.from('description: List wid\xffgets.', 'latin1'))],
    expected: [
      "acme/list_widgets.yaml:3:22: invalid UTF-8 (byte 0xff); spec files must be UTF-8 text.",
    ],
  },
  {
    name: 'truncated UTF-8 sequence after multi-byte characters',
    edits: [sub('acme/list_widgets.yaml', 'description: List widgets.', Buffer.concat([Buffer.from('description: Liste des widgets – é '), Buffer.from([0xc3]), Buffer.from('(')]))],
    expected: [
      "acme/list_widgets.yaml:3:36: invalid UTF-8 (byte 0xc3); spec files must be UTF-8 text.",
    ],
  },
  {
    name: 'UTF-8-encoded surrogate (CESU-8), which Node would silently replace',
    edits: [sub('acme/provider.yaml', 'name: Acme', Buffer.from([...Buffer.from('name: Acme '), 0xed, 0xa0, 0xbd]))],
    expected: [
      "acme/provider.yaml:2:12: invalid UTF-8 (byte 0xed); spec files must be UTF-8 text.",
    ],
  },
  {
    name: 'file over the size limit (a 20 MB description)',
    edits: [sub('acme/list_widgets.yaml', 'description: List widgets.', `description: ${'x'.repeat(20_000_000)}`)],
    expected: [
      "acme/list_widgets.yaml:1:1: file is 20,000,935 bytes; spec files are limited to 1 MB (1,048,576 bytes).",
    ],
  },
  {
    name: 'integer beyond 2^53 in an example response (would silently change)',
    edits: [sub('acme/create_widget.yaml', '      body: { id: w_1 }', '      body: { id: w_1, serial: 9007199254740993 }')],
    expected: [
      'acme/create_widget.yaml:40:32: the integer 9007199254740993 is beyond what a JavaScript number holds exactly (±9007199254740991) and would become 9007199254740992; write it as a string ("9007199254740993") and type it as a string, as APIs with 64-bit ids send them.',
    ],
  },
  {
    name: 'negative integer beyond -(2^53) in a schema keyword',
    edits: [sub('acme/list_widgets.yaml', '    minimum: 1\n', '    minimum: -18446744073709551615\n')],
    expected: [
      'acme/list_widgets.yaml:11:14: the integer -18446744073709551615 is beyond what a JavaScript number holds exactly (±9007199254740991) and would become -18446744073709551616; write it as a string ("-18446744073709551615") and type it as a string, as APIs with 64-bit ids send them.',
    ],
  },
  {
    name: 'string over the length limit',
    edits: [sub('acme/list_widgets.yaml', 'description: List widgets.', `description: ${'List widgets. '.repeat(1_500)}`)],
    expected: [
      "acme/list_widgets.yaml:3:14: this string is 20,999 characters; strings in specs are limited to 16,384 characters.",
    ],
  },
  {
    name: 'example response key made by an unquoted comma in a flow mapping',
    edits: [
      sub('acme/create_widget.yaml', '      id: { type: string }', '      id: { type: string }\n      maker: { type: string }'),
      sub('acme/create_widget.yaml', 'body: { id: w_1 }', 'body: { id: w_1, maker: ACME WIDGETS, INC. }'),
    ],
    expected: [
      "acme/create_widget.yaml:41:45: example response key 'INC.' is not declared in the response schema. Its value is null: in a flow mapping an unquoted comma starts a new key, so quote values that contain commas. Declared keys: id, maker; declare it, or set additionalProperties: true there.",
    ],
  },
  {
    name: 'example response key the response schema does not declare',
    edits: [sub('acme/create_widget.yaml', 'body: { id: w_1 }', 'body: { id: w_1, Id: w_2 }')],
    expected: [
      "acme/create_widget.yaml:40:24: example response key 'Id' is not declared in the response schema. Did you mean 'id'? Declared keys: id; declare it, or set additionalProperties: true there.",
    ],
  },
  {
    name: 'example response key undeclared in an array item',
    edits: [
      sub('acme/list_widgets.yaml', 'items: { type: array, items: { type: object } }', 'items: { type: array, items: { type: object, properties: { id: { type: string } } } }'),
      sub('acme/list_widgets.yaml', 'body: { items: [], total_pages: 0 }', 'body: { items: [{ id: w_1, colour: red }], total_pages: 1 }'),
    ],
    expected: [
      "acme/list_widgets.yaml:44:34: example response key 'colour' is not declared in the response schema at 'items[0]'. Declared keys: id; declare it, or set additionalProperties: true there.",
    ],
  },
  {
    name: 'example response key undeclared in a map value (additionalProperties schema)',
    edits: [
      sub('acme/list_widgets.yaml', '      total_pages: { type: integer }\n', '      total_pages: { type: integer }\n      by_colour: { type: object, additionalProperties: { type: object, properties: { count: { type: integer } } } }\n'),
      sub('acme/list_widgets.yaml', 'body: { items: [], total_pages: 0 }', 'body: { items: [], total_pages: 0, by_colour: { red: { count: 1, cuont: 2 } } }'),
    ],
    expected: [
      "acme/list_widgets.yaml:45:72: example response key 'cuont' is not declared in the response schema at 'by_colour.red'. Did you mean 'count'? Declared keys: count; declare it, or set additionalProperties: true there.",
    ],
  },
  {
    name: 'required group naming an undeclared parameter',
    edits: [sub('acme/create_widget.yaml', 'response:\n  status: 201', 'required_groups:\n  - exactly_one_of: [tags, colur]\nresponse:\n  status: 201')],
    expected: [
      "acme/create_widget.yaml:24:28: 'colur' is not a parameter of this function.",
    ],
  },
  {
    name: 'required group naming a parameter that is required: true',
    edits: [sub('acme/create_widget.yaml', 'response:\n  status: 201', 'required_groups:\n  - at_least_one_of: [name, tags]\nresponse:\n  status: 201')],
    expected: [
      "acme/create_widget.yaml:24:23: parameter 'name' is required: true, so a group choosing among it and others says nothing; remove required: true or remove it from the group.",
    ],
  },
  {
    name: 'required group with both kinds in one entry',
    edits: [sub('acme/create_widget.yaml', 'response:\n  status: 201', 'required_groups:\n  - { exactly_one_of: [tags, colour], at_least_one_of: [tags, colour] }\nresponse:\n  status: 201')],
    expected: [
      "acme/create_widget.yaml:24:39: a group is one of 'exactly_one_of', 'at_least_one_of' or 'if_given' with 'requires', not several: write one group for each.",
    ],
  },
  {
    name: 'required group of one parameter',
    edits: [sub('acme/create_widget.yaml', 'response:\n  status: 201', 'required_groups:\n  - exactly_one_of: [tags]\nresponse:\n  status: 201')],
    expected: [
      "acme/create_widget.yaml:24:21: a group chooses among two or more parameters; found 1. For one parameter, set required: true on it instead.",
    ],
  },
  {
    name: 'required group repeated',
    edits: [
      sub('acme/create_widget.yaml', '    description: Tags.\n', '    description: Tags.\n  colour:\n    type: string\n    description: Colour.\n'),
      sub('acme/create_widget.yaml', 'response:\n  status: 201', 'required_groups:\n  - exactly_one_of: [tags, colour]\n  - exactly_one_of: [colour, tags]\nresponse:\n  status: 201'),
      sub('acme/create_widget.yaml', 'arguments: { shelf_id: s1, name: Sprocket }', 'arguments: { shelf_id: s1, name: Sprocket, colour: red }'),
      sub('acme/create_widget.yaml', 'body: { name: Sprocket }', 'body: { name: Sprocket, colour: red }'),
    ],
    expected: [
      "acme/create_widget.yaml:28:5: this group repeats required_groups[0].",
    ],
  },
  {
    name: 'example arguments breaking an exactly-one-of group',
    edits: [
      sub('acme/create_widget.yaml', '    description: Tags.\n', '    description: Tags.\n  colour:\n    type: string\n    description: Colour.\n'),
      sub('acme/create_widget.yaml', 'response:\n  status: 201', 'required_groups:\n  - exactly_one_of: [tags, colour]\nresponse:\n  status: 201'),
    ],
    expected: [
      "acme/create_widget.yaml:37:16: example arguments are invalid: give exactly one of 'tags', 'colour'; none was given.",
    ],
  },
  {
    name: 'example arguments giving both of an exactly-one-of group',
    edits: [
      sub('acme/create_widget.yaml', '    description: Tags.\n', '    description: Tags.\n  colour:\n    type: string\n    description: Colour.\n'),
      sub('acme/create_widget.yaml', 'response:\n  status: 201', 'required_groups:\n  - exactly_one_of: [tags, colour]\nresponse:\n  status: 201'),
      sub('acme/create_widget.yaml', 'arguments: { shelf_id: s1, name: Sprocket }', 'arguments: { shelf_id: s1, name: Sprocket, colour: red, tags: [a] }'),
      sub('acme/create_widget.yaml', 'body: { name: Sprocket }', 'body: { name: Sprocket, colour: red, tags: [a] }'),
    ],
    expected: [
      "acme/create_widget.yaml:37:16: example arguments are invalid: give exactly one of 'tags', 'colour'; 'tags' and 'colour' were given.",
    ],
  },
  {
    name: 'response $ref to a provider schema that is not declared',
    edits: [
      sub('acme/provider.yaml', 'body: { error: { code: not_found, message: No such widget. } }', 'body: { error: { code: not_found, message: No such widget. } }\nschemas:\n  Widget: { type: object, properties: { id: { type: string } } }'),
      sub('acme/list_widgets.yaml', 'items: { type: array, items: { type: object } }', "items: { type: array, items: { $ref: '#/schemas/Widgit' } }"),
    ],
    expected: [
      "acme/list_widgets.yaml:26:44: schema 'Widgit' is not declared under 'schemas' in provider.yaml. Did you mean 'Widget'?",
    ],
  },
  {
    name: 'response $ref that is not a #/schemas/ name',
    edits: [
      sub('acme/provider.yaml', 'body: { error: { code: not_found, message: No such widget. } }', 'body: { error: { code: not_found, message: No such widget. } }\nschemas:\n  Widget: { type: object }'),
      sub('acme/list_widgets.yaml', 'items: { type: array, items: { type: object } }', "items: { type: array, items: { $ref: '#/definitions/Widget' } }"),
    ],
    expected: [
      "acme/list_widgets.yaml:26:44: '$ref' must be '#/schemas/<Name>', naming a schema under 'schemas' in provider.yaml; found \"#/definitions/Widget\".",
    ],
  },
  {
    name: 'response $ref with sibling keys',
    edits: [
      sub('acme/provider.yaml', 'body: { error: { code: not_found, message: No such widget. } }', 'body: { error: { code: not_found, message: No such widget. } }\nschemas:\n  Widget: { type: object }'),
      sub('acme/list_widgets.yaml', 'items: { type: array, items: { type: object } }', "items: { type: array, items: { $ref: '#/schemas/Widget', type: object } }"),
    ],
    expected: [
      "acme/list_widgets.yaml:26:44: a '$ref' stands alone: move the other keys into schema 'Widget' or drop the ref.",
    ],
  },
  {
    name: 'provider schemas that refer to each other in a cycle',
    edits: [
      sub('acme/provider.yaml', 'body: { error: { code: not_found, message: No such widget. } }', "body: { error: { code: not_found, message: No such widget. } }\nschemas:\n  Shelf: { type: object, properties: { widgets: { type: array, items: { $ref: '#/schemas/Widget' } } } }\n  Widget: { type: object, properties: { shelf: { $ref: '#/schemas/Shelf' } } }"),
    ],
    expected: [
      "acme/provider.yaml:34:56: schema 'Shelf' refers to itself through Shelf → Widget → Shelf; named schemas cannot be recursive, so write the inner level out.",
    ],
  },
  {
    name: 'pattern RE2 cannot run inside a provider schema',
    edits: [
      sub('acme/provider.yaml', 'body: { error: { code: not_found, message: No such widget. } }', "body: { error: { code: not_found, message: No such widget. } }\nschemas:\n  Widget: { type: object, properties: { id: { type: string, pattern: '^(?=w_)' } } }"),
    ],
    expected: [
      "acme/provider.yaml:33:70: pattern /^(?=w_)/ uses a lookahead; patterns are matched in linear time (RE2 syntax), without backreferences, lookahead or lookbehind.",
    ],
  },
  {
    name: 'refused files do not hide problems in other files',
    edits: [
      write('acme/list_lols.yaml', ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]', `b: [${Array(1_001).fill('*a').join(', ')}]`, ''].join('\n')),
      directory('acme/update_widget.yaml'),
      symlink('acme/delete_widget.yaml', 'delete_widget.yml'),
      sub('acme/list_widgets.yaml', 'operation: read', 'operation: reed'),
    ],
    expected: [
      "acme/delete_widget.yaml:1:1: is a symbolic link to 'delete_widget.yml', which does not exist.",
      "acme/list_lols.yaml:2:3641: YAML aliases in this file expand to more than 10,000 values (a \"billion laughs\" document); write the values out instead.",
      "acme/list_widgets.yaml:4:12: 'operation' must be one of read, write; found \"reed\". Did you mean 'read'?",
      "acme/update_widget.yaml:1:1: is a directory, not a spec file; spec files are YAML files directly inside specs/<provider>/.",
    ],
  },
  ...accountCases,
  ...exampleSchemaCases,
  // Value unions (`one_of`).
  // Nested body keys (`body_path`).
  {
    name: 'body_path on a query parameter',
    edits: [listParam('  size:\n    type: string\n    description: Size.\n    body_path: data\n')],
    expected: [
      "acme/list_widgets.yaml:25:16: 'body_path' applies to body parameters only; 'size' goes in the query.",
    ],
  },
  {
    name: 'body_path beside spread',
    edits: [createParam('  extra:\n    type: object\n    description: Extra.\n    spread: true\n    body_path: data\n')],
    expected: [
      "acme/create_widget.yaml:27:16: give either 'spread' (merge into the body's root) or 'body_path' (nest under keys), not both.",
    ],
  },
  {
    name: 'a body parameter that is an object another parameter is nested in',
    edits: [createParam('  meta:\n    type: object\n    description: Meta.\n  note:\n    type: string\n    description: Note.\n    body_path: meta\n')],
    expected: [
      "acme/create_widget.yaml:29:16: parameters 'meta' and 'note' both send body 'meta': one is an object the other is nested in; nest both with 'body_path', or give them different keys.",
    ],
  },
  {
    name: 'body_path with a list position in it',
    edits: [createParam('  note:\n    type: string\n    description: Note.\n    body_path: messages.0\n')],
    expected: [
      "acme/create_widget.yaml:26:16: 'body_path' names object keys, so '0' would be sent as the key \"0\", not as a position in a list: a parameter cannot be put into a list's item. Take the list as one parameter of type array instead.",
    ],
  },
  {
    name: 'body_path with an empty key',
    edits: [createParam('  note:\n    type: string\n    description: Note.\n    body_path: data..attributes\n')],
    expected: [
      "acme/create_widget.yaml:26:16: 'parameters.note.body_path' must be keys joined by dots, such as data.attributes (letters, digits, _ $ @ -; no empty key); found \"data..attributes\".",
    ],
  },
  {
    name: 'one_of with a single member',
    edits: [listParam('  size:\n    description: Size.\n    one_of:\n      - { type: string }\n')],
    expected: [
      "acme/list_widgets.yaml:25:7: 'one_of' needs at least two members; for a single shape, write its keys in place of 'one_of'.",
    ],
  },
  {
    name: "one_of beside 'type'",
    edits: [listParam('  size:\n    description: Size.\n    type: string\n    one_of:\n      - { type: string }\n      - { type: array, items: { type: string } }\n')],
    expected: [
      "acme/list_widgets.yaml:24:5: give either 'type' or 'one_of', not both: each member of one_of has its own type.",
    ],
  },
  {
    name: 'a member of one_of that is itself a one_of',
    edits: [listParam('  size:\n    description: Size.\n    one_of:\n      - { type: string }\n      - one_of:\n          - { type: integer }\n          - { type: boolean }\n')],
    expected: [
      "acme/list_widgets.yaml:26:9: a member of one_of cannot itself be a one_of; list its members in the outer one_of.",
    ],
  },
  {
    name: 'two members of one_of of one JSON type (integer and number overlap)',
    edits: [listParam('  size:\n    description: Size.\n    one_of:\n      - { type: integer }\n      - { type: string }\n      - { type: number }\n')],
    expected: [
      "acme/list_widgets.yaml:27:17: members 0 and 2 of one_of are both numbers (integer and number overlap); each member needs its own JSON type, so a value matches exactly one member.",
    ],
  },
  {
    name: "'required' and 'default' on a member of one_of",
    edits: [listParam('  size:\n    description: Size.\n    one_of:\n      - { type: integer, required: true }\n      - { type: string, default: m }\n')],
    expected: [
      "acme/list_widgets.yaml:25:26: 'required' goes on the value that holds the one_of, not on one of its members.",
      "acme/list_widgets.yaml:26:25: 'default' goes on the value that holds the one_of, not on one of its members.",
    ],
  },
  {
    name: 'a transform that applies to no member of a one_of',
    edits: [listParam('  size:\n    description: Size.\n    transform: { join: "," }\n    one_of:\n      - { type: integer }\n      - { type: string }\n')],
    expected: [
      "acme/list_widgets.yaml:24:16: transform 'join' does not apply to an integer or string; it takes array.",
    ],
  },
  {
    name: 'a one_of header parameter',
    edits: [listParam('  size:\n    description: Size.\n    in: header\n    wire: X-Size\n    one_of:\n      - { type: integer }\n      - { type: string }\n')],
    expected: [
      "acme/list_widgets.yaml:27:7: header parameter 'size' must be a string (or an object or array with transform: json_encode).",
    ],
  },
  {
    name: 'a misspelt type in a member of a nested one_of',
    edits: [createParam('  options:\n    type: object\n    description: Options.\n    properties:\n      version:\n        one_of:\n          - { type: integer }\n          - { type: strin }\n')],
    expected: [
      "acme/create_widget.yaml:30:21: 'parameters.options.properties.version.one_of.1.type' must be one of string, integer, number, boolean, array, object, file; found \"strin\". Did you mean 'string'?",
    ],
  },
  {
    name: 'a misspelt key beside one_of',
    edits: [listParam('  size:\n    descripton: Size.\n    one_of:\n      - { type: integer }\n      - { type: string }\n')],
    expected: [
      "acme/list_widgets.yaml:23:5: unknown key 'descripton' in 'parameters.size'. Did you mean 'description'? Allowed keys: one_of, discriminator, type, description, required, nullable, default, sent_when_omitted, in, wire, transform, spread, body_path, array_format, applies_to, path_style, deprecated, renamed_from.",
    ],
  },
  {
    name: 'example arguments that fit no member of a one_of, and one that breaks its member',
    edits: [
      listParam('  size:\n    description: Size.\n    one_of:\n      - { type: integer, minimum: 1 }\n      - { type: array, items: { type: integer } }\n'),
      sub('acme/list_widgets.yaml', 'arguments: { color: red }', 'arguments: { color: red, size: small }'),
      sub('acme/create_widget.yaml', '    description: Tags.\n', '    description: Tags.\n  size:\n    description: Size.\n    one_of:\n      - { type: integer, minimum: 1 }\n      - { type: array, items: { type: integer } }\n'),
      sub('acme/create_widget.yaml', 'arguments: { shelf_id: s1, name: Sprocket }', 'arguments: { shelf_id: s1, name: Sprocket, size: 0 }'),
    ],
    expected: [
      "acme/create_widget.yaml:37:16: example arguments are invalid: size must be >= 1.",
      "acme/list_widgets.yaml:42:16: example arguments are invalid: size must be integer or array, found \"small\".",
    ],
  },
  {
    name: 'array_format on a one_of without an array member',
    edits: [listParam('  size:\n    description: Size.\n    array_format: repeat\n    one_of:\n      - { type: integer }\n      - { type: string }\n')],
    expected: [
      "acme/list_widgets.yaml:24:19: 'array_format' applies to array parameters in the query or in a form body (request.body: form or multipart).",
    ],
  },
  // nullable: JSON null is sent only where JSON carries it.
  {
    name: 'nullable on a query parameter',
    edits: [listParam('    nullable: true\n')],
    expected: [
      "acme/list_widgets.yaml:22:15: 'nullable' applies in a JSON body only (request.body: json): the query has no null to send.",
    ],
  },
  {
    name: 'nullable on a parameter of a form body',
    edits: [sub('acme/create_widget.yaml', '  body: json', '  body: form'), sub('acme/create_widget.yaml', '    description: Widget name.\n', '    description: Widget name.\n    nullable: true\n')],
    expected: [
      "acme/create_widget.yaml:19:15: 'nullable' applies in a JSON body only (request.body: json): the form body has no null to send.",
    ],
  },
  {
    name: 'nullable on a property nested in a query parameter',
    edits: [listParam('  where:\n    type: object\n    description: Filter.\n    properties:\n      near: { type: string, nullable: true }\n')],
    expected: [
      "acme/list_widgets.yaml:26:39: 'nullable' applies in a JSON body only (request.body: json): the query has no null to send.",
    ],
  },
  {
    name: 'nullable on a member of one_of',
    edits: [createParam('  size:\n    description: Size.\n    one_of:\n      - { type: integer, nullable: true }\n      - { type: string }\n')],
    expected: [
      "acme/create_widget.yaml:26:26: 'nullable' goes on the value that holds the one_of, not on one of its members.",
    ],
  },
  {
    name: 'nullable on a spread parameter',
    edits: [createParam('  extra:\n    type: object\n    spread: true\n    nullable: true\n    description: More.\n')],
    expected: [
      "acme/create_widget.yaml:26:15: a spread parameter merges its properties into the body; null has none to merge. Give 'nullable' to its properties instead.",
    ],
  },
  // Two parameters with one wire name.
  {
    name: 'two JSON body parameters on one key',
    edits: [sub('acme/create_widget.yaml', '    description: Tags.\n', '    description: Tags.\n    wire: name\n')],
    expected: [
      "acme/create_widget.yaml:23:11: parameters 'name' and 'tags' both send body 'name'; a JSON body key holds one value, so give them disjoint 'applies_to' cases or different wire names.",
    ],
  },
  {
    name: 'two header parameters on one header',
    edits: [listParam('  trace:\n    type: string\n    in: header\n    wire: X-Trace\n    description: Trace id.\n  trace_again:\n    type: string\n    in: header\n    wire: X-Trace\n    description: Trace id again.\n')],
    expected: [
      "acme/list_widgets.yaml:30:11: parameters 'trace' and 'trace_again' both send header 'X-Trace'; a header holds one value, so give them disjoint 'applies_to' cases or different wire names.",
    ],
  },
  {
    name: 'two query parameters on one key: the example documents them in the other order',
    edits: [
      listParam('  since:\n    type: string\n    wire: date\n    description: From this date, as >=YYYY-MM-DD.\n  until:\n    type: string\n    wire: date\n    description: Until this date, as <=YYYY-MM-DD.\n'),
      sub('acme/list_widgets.yaml', 'arguments: { color: red }', "arguments: { color: red, until: '<=2026-02-01', since: '>=2026-01-01' }"),
      sub('acme/list_widgets.yaml', 'widgets?color=red', 'widgets?color=red&date=%3C%3D2026-02-01&date=%3E%3D2026-01-01'),
    ],
    expected: [
      "acme/list_widgets.yaml:48:12: example 'Red widgets': the documented query sends date twice ('<=2026-02-01', '>=2026-01-01'), but the arguments produce date twice ('>=2026-01-01', '<=2026-02-01').",
    ],
  },
  {
    name: 'a body parameter sent with a GET case of request.select',
    edits: [
      sub('acme/create_widget.yaml', '  method: POST\n  path: /shelves/{shelf_id}/widgets\n', '  select:\n    parameter: via\n    cases:\n      create:\n        method: POST\n        path: /shelves/{shelf_id}/widgets\n      preview:\n        method: GET\n        path: /shelves/{shelf_id}/widgets/preview\n'),
      sub('acme/create_widget.yaml', 'parameters:\n', 'parameters:\n  via:\n    type: string\n    enum: [create, preview]\n    required: true\n    description: Create, or preview what would be created.\n'),
      sub('acme/create_widget.yaml', 'arguments: { shelf_id: s1, name: Sprocket }', 'arguments: { via: create, shelf_id: s1, name: Sprocket }'),
    ],
    expected: [
      "acme/create_widget.yaml:27:3: parameter 'name' goes in the body, but with via: preview the request is a GET, which has none; limit it with applies_to to the cases with a body, and give a second parameter with in: query for the others.",
      "acme/create_widget.yaml:31:3: parameter 'tags' goes in the body, but with via: preview the request is a GET, which has none; limit it with applies_to to the cases with a body, and give a second parameter with in: query for the others.",
    ],
  },
  {
    name: 'an example documenting a content-type parameter the request does not send',
    edits: [sub('acme/create_widget.yaml', 'headers: { authorization: Bearer acme_test_key }', "headers: { authorization: Bearer acme_test_key, content-type: 'application/json; charset=utf-8' }")],
    expected: ["acme/create_widget.yaml:36:69: example 'A widget': the documented header content-type is 'application/json; charset=utf-8', but the arguments produce 'application/json'."],
  },
  // Failures a provider answers with a success status (Slack: HTTP 200 and ok: false).
  {
    name: 'an error example with a success status and no failure marker',
    edits: [sub('acme/provider.yaml', '    status: 404\n', '    status: 200\n')],
    expected: ['acme/provider.yaml:30:13: status 200 is a success; an error example needs 400 to 599, or errors.failure_in_body for a provider that answers failures with a success status.'],
  },
  {
    name: 'a success-status error example without the failure marker',
    edits: [sub('acme/provider.yaml', '  code: [error.code]\n', '  code: [error.code]\n  failure_in_body: { path: ok, equals: false }\n'), sub('acme/provider.yaml', '    status: 404\n', '    status: 200\n')],
    expected: ['acme/provider.yaml:32:11: the example answers with status 200, so its body must show the failure marker: ok = false.'],
  },
  {
    name: 'a function example whose answer carries the failure marker',
    edits: [sub('acme/provider.yaml', '  code: [error.code]\n', '  code: [error.code]\n  failure_in_body: { path: ok, equals: false }\n'), sub('acme/create_widget.yaml', 'body: { id: w_1 }', 'body: { id: w_1, ok: false }'), sub('acme/create_widget.yaml', '      id: { type: string }\n', '      id: { type: string }\n      ok: { type: boolean }\n')],
    expected: ["acme/create_widget.yaml:41:13: this answer has ok = false, which errors.failure_in_body makes a failure: the call raises an error instead of returning it. Document a successful answer, and the failure as the provider's errors.example."],
  },
  // Field-level reasons of error answers (errors.details): checked against the error example.
  {
    name: 'error details that find nothing in the error example',
    edits: [sub('acme/provider.yaml', '  code: [error.code]\n', '  code: [error.code]\n  details: { each: error.fields, text: ["{name}: {reason}"] }\n')],
    expected: ['acme/provider.yaml:29:3: errors.details finds no detail in errors.example.body (entries at \'error.fields\', read as "{name}: {reason}"); give an example whose answer lists field-level reasons, or fix \'each\' and \'text\'.'],
  },
  {
    name: 'an error details template that names no field',
    edits: [sub('acme/provider.yaml', '  code: [error.code]\n', '  code: [error.code]\n  details: { each: error, text: [the reason] }\n')],
    expected: ['acme/provider.yaml:29:34: \'the reason\' names no field of an entry, so every entry would read the same: write the fields in braces, e.g. "{field}: {message}".'],
  },
  {
    name: 'an error details template with an unclosed brace, and an empty step in each',
    edits: [sub('acme/provider.yaml', '  code: [error.code]\n', '  code: [error.code]\n  details: { each: "error..fields", text: ["{name: {reason}"] }\n')],
    expected: [
      "acme/provider.yaml:29:20: 'error..fields' has an empty step: write dotted keys (errors, details.*), with * for every item or value.",
      "acme/provider.yaml:29:44: '{name: {reason}' has an empty or unclosed brace: each {…} names a dotted path in an entry, e.g. {field} or {source.pointer}.",
    ],
  },
  // Response schemas: a key that is no keyword was ignored, so a typo changed nothing but the truth.
  { name: 'a misspelt keyword in a response schema', edits: [sub('acme/create_widget.yaml', '      id: { type: string }\n', '      id: { tpye: string }\n')], expected: ["acme/create_widget.yaml:29:13: 'tpye' is not a JSON Schema keyword, so it would be ignored. Did you mean 'type'? Property names go under 'properties'."] },
  { name: 'a description with a comma that splits a flow map in a response schema', edits: [sub('acme/create_widget.yaml', '      id: { type: string }\n', '      id: { type: string, description: The id, unique per shelf. }\n')], expected: ["acme/create_widget.yaml:29:48: 'unique per shelf.' is not a JSON Schema keyword, so it would be ignored. A description with a comma in a flow map ({ description: a, b }) splits there: quote it. Property names go under 'properties'."] },
  { name: "'required: true' on a response property", edits: [sub('acme/create_widget.yaml', '      id: { type: string }\n', '      id: { type: string, required: true }\n')], expected: ["acme/create_widget.yaml:29:37: 'required' lists the names of required properties, e.g. required: [id]; found true."] },
  {
    name: 'a default on the request.select parameter, which nothing would apply',
    edits: [
      sub('acme/list_widgets.yaml', '  method: GET\n  path: /widgets\n', '  select:\n    parameter: scope\n    cases:\n      all: { method: GET, path: /widgets }\n      mine: { method: GET, path: /me/widgets }\n'),
      sub('acme/list_widgets.yaml', 'parameters:\n', 'parameters:\n  scope:\n    type: string\n    enum: [all, mine]\n    default: all\n    description: Whose widgets.\n'),
      sub('acme/list_widgets.yaml', 'arguments: { color: red }', 'arguments: { scope: all, color: red }'),
    ],
    expected: ["acme/list_widgets.yaml:15:14: 'default' documents what the provider assumes, but the selector 'scope' is never sent, so nothing would apply it and a call without it fails; drop 'default' and give required: true."],
  },
  {
    name: 'a request.select parameter that is not required',
    edits: [
      sub('acme/list_widgets.yaml', '  method: GET\n  path: /widgets\n', '  select:\n    parameter: scope\n    cases:\n      all: { method: GET, path: /widgets }\n      mine: { method: GET, path: /me/widgets }\n'),
      sub('acme/list_widgets.yaml', 'parameters:\n', 'parameters:\n  scope:\n    type: string\n    enum: [all, mine]\n    description: Whose widgets.\n'),
      sub('acme/list_widgets.yaml', 'arguments: { color: red }', 'arguments: { scope: all, color: red }'),
    ],
    expected: ["acme/list_widgets.yaml:12:3: the selector 'scope' chooses the endpoint, so every call needs it: give required: true."],
  },
  {
    name: 'a list of objects in a form body without array_format: indexed',
    edits: [sub('acme/create_widget.yaml', '  body: json\n', '  body: form\n'), createParam('  parts:\n    type: array\n    items: { type: object, properties: { sku: { type: string } } }\n    array_format: brackets\n    description: Parts.\n')],
    expected: ["acme/create_widget.yaml:26:19: parameter 'parts' is a list of objects, which the form body can only carry with array_format: indexed (parts[0][key]=value)."],
  },
  {
    name: 'two header parameters on one header with overlapping applies_to cases',
    edits: [
      sub('acme/list_widgets.yaml', '  method: GET\n  path: /widgets\n', '  select:\n    parameter: scope\n    cases:\n      all: { method: GET, path: /widgets }\n      mine: { method: GET, path: /me/widgets }\n'),
      sub(
        'acme/list_widgets.yaml',
        'parameters:\n',
        'parameters:\n  scope:\n    type: string\n    enum: [all, mine]\n    required: true\n    description: Whose widgets.\n  shop:\n    type: string\n    in: header\n    wire: X-Shop\n    applies_to: [all, mine]\n    description: Shop.\n  own_shop:\n    type: string\n    in: header\n    wire: X-Shop\n    applies_to: [mine]\n    description: Your shop.\n',
      ),
      sub('acme/list_widgets.yaml', 'arguments: { color: red }', 'arguments: { scope: all, color: red }'),
    ],
    expected: [
      "acme/list_widgets.yaml:26:11: parameters 'shop' and 'own_shop' both send header 'X-Shop'; a header holds one value, so give them disjoint 'applies_to' cases or different wire names.",
    ],
  },
  // validate reports every problem in every file, each once.
  {
    name: "one example's invalid arguments do not hide another example's request mismatch",
    edits: [
      sub('acme/list_widgets.yaml', 'arguments: { color: red }', 'arguments: { color: green }'),
      sub(
        'acme/list_widgets.yaml',
        'examples:\n',
        'examples:\n  - title: Blue widgets\n    arguments: { color: blue }\n    request:\n      method: GET\n      url: https://us.api.acme.test/v1/widgets?colour=blue\n      headers: { authorization: Bearer acme_test_key }\n    response:\n      status: 200\n      body: { items: [], total_pages: 0 }\n',
      ),
    ],
    expected: [
      "acme/list_widgets.yaml:40:12: example 'Blue widgets': the documented query sends colour='blue', but the arguments produce no colour.",
      "acme/list_widgets.yaml:40:12: example 'Blue widgets': the documented query sends no color, but the arguments produce color='blue'.",
      "acme/list_widgets.yaml:46:16: example arguments are invalid: color must be one of red, blue, found \"green\".",
    ],
  },
  {
    name: 'an example with the wrong method is reported once, not again as a request mismatch',
    edits: [sub('acme/list_widgets.yaml', '    request:\n      method: GET\n', '    request:\n      method: POST\n')],
    expected: [
      "acme/list_widgets.yaml:39:15: example request method POST differs from the endpoint's GET.",
    ],
  },
  {
    name: 'an unclosed flow mapping is one problem, not hundreds that follow from it',
    edits: [sub('acme/create_widget.yaml', '    items: { type: string }\n', '    items: { type: string\n')],
    expected: [
      "acme/create_widget.yaml:22:5: YAML syntax: Flow map in block collection must be sufficiently indented and end with a }",
    ],
  },
  {
    name: 'problems of every kind in several files are all reported, each once',
    edits: [
      sub('acme/create_widget.yaml', 'operation: write', 'operation: wrte'),
      sub('acme/create_widget.yaml', '    description: Tags.\n', '    description: Tags.\n    spread: yes\n'),
      sub('acme/list_widgets.yaml', '    maximum: 100\n', '    maximum: 100\n    minimum: 200\n'),
      sub('acme/list_widgets.yaml', 'widgets?color=red', 'widgets?color=blue'),
      sub('acme/list_widgets.yaml', 'body: { items: [], total_pages: 0 }', 'body: { items: [], total_pages: none }'),
      write('acme/delete_widget.yaml', 'name: delete_widget\ntitle: Delete Widget\ndescription: Delete a widget.\noperation: write\naliases: [list_widgets]\nrequest:\n  method: DELETE\n  path: /widgets/{id}\nparameters:\n  id:\n    type: string\n    required: true\n    description: Widget id.\nexamples:\n  - title: Delete\n    arguments: { id: w1 }\n    request:\n      method: DELETE\n      url: https://us.api.acme.test/v1/widgets/w2\n      headers: { authorization: Bearer acme_test_key }\n    response:\n      status: 204\n'),
    ],
    expected: [
      "acme/create_widget.yaml:5:12: 'operation' must be one of read, write; found \"wrte\". Did you mean 'write'?",
      "acme/create_widget.yaml:23:13: 'parameters.tags.spread' must be a boolean, found \"yes\".",
      "acme/delete_widget.yaml:5:1: Lua path 'app.integrations.acme.list_widgets' is already taken by function 'acme.list_widgets' (acme/list_widgets.yaml:1:7); drop the alias or rename the other function.",
      "acme/delete_widget.yaml:19:12: example 'Delete': the documented URL is https://us.api.acme.test/v1/widgets/w2, but the arguments produce https://us.api.acme.test/v1/widgets/w1.",
      "acme/list_widgets.yaml:16:14: minimum 200 is greater than maximum 100.",
      "acme/list_widgets.yaml:41:12: example 'Red widgets': the documented query sends color='blue', but the arguments produce color='red'.",
      "acme/list_widgets.yaml:45:13: example response does not match the response schema: total_pages must be integer, found \"none\".",
    ],
  },
  // Nested objects in form bodies go as key[sub]=v.
  {
    name: 'a form body example documents a nested object value the arguments do not produce',
    edits: [
      sub('acme/create_widget.yaml', '  body: json\n', '  body: form\n'),
      createParam('  metadata:\n    type: object\n    additional_properties: { type: string }\n    description: Your own data.\n'),
      sub('acme/create_widget.yaml', 'arguments: { shelf_id: s1, name: Sprocket }', "arguments: { shelf_id: s1, name: Sprocket, metadata: { order: '42' } }"),
      sub('acme/create_widget.yaml', '      body: { name: Sprocket }', "      body: { name: Sprocket, metadata: { order: '43', note: gift } }"),
    ],
    expected: [
      "acme/create_widget.yaml:41:13: example 'A widget': the documented body sends metadata[note]='gift', but the arguments produce no metadata[note].",
      "acme/create_widget.yaml:41:13: example 'A widget': the documented body sends metadata[order]='43', but the arguments produce metadata[order]='42'.",
    ],
  },
  {
    name: 'OAuth2: the client secret field is not secret',
    edits: [...oauth2(OAUTH2_SCHEME.replace('client_secret: api_key', 'client_secret: region')), ...OAUTH2_EXAMPLES],
    expected: ["acme/provider.yaml:26:20: field 'region' holds the OAuth2 client secret, so it must be declared with 'secret: true'."],
  },
  {
    name: 'OAuth2: the token server is not declared',
    edits: [...oauth2(OAUTH2_SCHEME.replace('token_server: login', 'token_server: logon')), ...OAUTH2_EXAMPLES],
    expected: ["acme/provider.yaml:27:19: server 'logon' is not declared under 'servers'. Did you mean 'login'?"],
  },
  {
    name: "OAuth2: the token endpoint's server needs auth of its own",
    edits: [...oauth2(OAUTH2_SCHEME, '  login:\n    url: https://login.acme.test\n    auth: bearer\n'), ...OAUTH2_EXAMPLES],
    expected: ["acme/provider.yaml:27:19: the token endpoint's server 'login' uses auth 'bearer' (bearer); it must use a scheme of 'type: none', since the client credentials are what authenticates a token request."],
  },
  {
    name: 'OAuth2: the client id names an undeclared field',
    edits: [...oauth2(OAUTH2_SCHEME.replace('client_id: client_id', 'client_id: clientid')), ...OAUTH2_EXAMPLES],
    expected: ["acme/provider.yaml:25:16: field 'clientid' is not declared under 'fields'. Did you mean 'client_id'?"],
  },
  {
    name: 'OAuth2: a key of another scheme',
    edits: [...oauth2(OAUTH2_SCHEME.replace('    token_path: /oauth/token\n', '    token_path: /oauth/token\n    token_url: https://login.acme.test/oauth/token\n')), ...OAUTH2_EXAMPLES],
    expected: ["acme/provider.yaml:29:5: unknown key 'token_url' in 'auth.oauth'. Allowed keys: type, client_id, client_secret, token_server, token_path, scopes, client_auth."],
  },
  {
    name: 'OAuth2: the token path is not a path',
    edits: [...oauth2(OAUTH2_SCHEME.replace('token_path: /oauth/token', 'token_path: oauth/token')), ...OAUTH2_EXAMPLES],
    expected: ["acme/provider.yaml:28:17: 'auth.oauth.token_path' must be a path starting with /; found \"oauth/token\"."],
  },
  {
    name: 'OAuth2: client_auth is neither basic nor form',
    edits: [...oauth2(`${OAUTH2_SCHEME}    client_auth: header\n`), ...OAUTH2_EXAMPLES],
    expected: ["acme/provider.yaml:29:18: 'auth.oauth.client_auth' must be one of basic, form; found \"header\"."],
  },
  {
    name: 'OAuth2: a scope with a space in it',
    edits: [...oauth2(`${OAUTH2_SCHEME}    scopes: ['widgets:read widgets:write']\n`), ...OAUTH2_EXAMPLES],
    expected: ["acme/provider.yaml:29:14: 'auth.oauth.scopes.0' must be one OAuth2 scope (visible ASCII except \\ and \", no spaces: list each scope separately); found \"widgets:read widgets:write\"."],
  },
  {
    name: 'OAuth2: the required token_server is missing',
    edits: [...oauth2(OAUTH2_SCHEME.replace('    token_server: login\n', '')), ...OAUTH2_EXAMPLES],
    expected: ["acme/provider.yaml:24:5: 'auth.oauth' is missing the required key 'token_server'."],
  },
  {
    name: 'auth type none with credentials',
    edits: [...oauth2(OAUTH2_SCHEME), ...OAUTH2_EXAMPLES, sub('acme/provider.yaml', '  public:\n    type: none\n', '  public:\n    type: none\n    token: api_key\n')],
    expected: ["acme/provider.yaml:31:5: unknown key 'token' in 'auth.public'. Allowed keys: type."],
  },
  {
    name: 'OAuth2: an example documents a token other than the one the sandbox hands out',
    edits: [...oauth2(OAUTH2_SCHEME), OAUTH2_EXAMPLES[1]!],
    expected: ["acme/list_widgets.yaml:41:33: example 'Red widgets': the documented header authorization differs from 'Bearer example-access-token', the token the sandbox's token endpoint hands out."],
  },
  {
    name: 'sent_when_omitted outside what the parameter takes',
    edits: [sub('acme/list_widgets.yaml', '    wire: page[size]', '    wire: page[size]\n    sent_when_omitted: 500')],
    expected: ["acme/list_widgets.yaml:18:24: 500 is not a value 'per_page' takes: it must be <= 100."],
  },
  {
    name: 'sent_when_omitted that the documented request does not send',
    edits: [sub('acme/list_widgets.yaml', '    wire: page[size]', '    wire: page[size]\n    sent_when_omitted: 20')],
    expected: ["acme/list_widgets.yaml:41:12: example 'Red widgets': the documented query sends no page[size], but the arguments produce page[size]='20'."],
  },
  {
    name: 'sent_when_omitted beside default',
    edits: [sub('acme/list_widgets.yaml', '    wire: page[size]', '    wire: page[size]\n    default: 10\n    sent_when_omitted: 20')],
    expected: ["acme/list_widgets.yaml:19:24: give either 'default' (what the provider does when 'per_page' is not sent) or 'sent_when_omitted' (a value sent in its place), not both: with sent_when_omitted the provider's default never applies."],
  },
  {
    name: 'sent_when_omitted of null',
    edits: [sub('acme/list_widgets.yaml', '    wire: page[size]', '    wire: page[size]\n    sent_when_omitted: null')],
    expected: ["acme/list_widgets.yaml:18:24: null means \"no value\" for a parameter, so nothing would be sent: give a value, or drop sent_when_omitted."],
  },
  {
    name: 'sent_when_omitted on a required parameter',
    edits: [sub('acme/create_widget.yaml', '    required: true\n    description: Widget name.', '    required: true\n    sent_when_omitted: Sprocket\n    description: Widget name.')],
    expected: ["acme/create_widget.yaml:18:24: 'name' is required, so it is never omitted: drop sent_when_omitted, or drop required: true to send this value when a call leaves 'name' out."],
  },
  {
    name: 'sent_when_omitted on a spread parameter',
    edits: [createParam('  extra:\n    type: object\n    description: Extra.\n    spread: true\n    sent_when_omitted: { a: 1 }\n')],
    expected: ["acme/create_widget.yaml:27:24: a spread parameter's properties are merged into the body one by one, each only when given: sent_when_omitted does not apply to it."],
  },
  {
    name: 'sent_when_omitted on a parameter of a required group',
    edits: [
      createParam('  colour:\n    type: string\n    description: Colour.\n    sent_when_omitted: red\n'),
      sub('acme/create_widget.yaml', 'response:\n  status: 201', 'required_groups:\n  - at_least_one_of: [tags, colour]\nresponse:\n  status: 201'),
    ],
    expected: ["acme/create_widget.yaml:28:29: parameter 'colour' has sent_when_omitted, so every request carries it and a group choosing among it and others says nothing; drop sent_when_omitted or remove it from the group."],
  },
  {
    name: 'a requires group without if_given',
    edits: [createParam('  colour:\n    type: string\n    description: Colour.\n'), sub('acme/create_widget.yaml', 'response:\n  status: 201', 'required_groups:\n  - { requires: [colour] }\nresponse:\n  status: 201')],
    expected: ["acme/create_widget.yaml:27:5: 'requires' needs 'if_given': the parameter whose presence makes them needed."],
  },
  {
    name: 'an if_given group without requires',
    edits: [createParam('  colour:\n    type: string\n    description: Colour.\n'), sub('acme/create_widget.yaml', 'response:\n  status: 201', 'required_groups:\n  - { if_given: colour }\nresponse:\n  status: 201')],
    expected: ["acme/create_widget.yaml:27:5: 'if_given' needs 'requires': the parameters a call that gives 'colour' must give too."],
  },
  {
    name: 'a requires group whose given parameter is required',
    edits: [createParam('  colour:\n    type: string\n    description: Colour.\n'), sub('acme/create_widget.yaml', 'response:\n  status: 201', 'required_groups:\n  - { if_given: name, requires: [colour] }\nresponse:\n  status: 201')],
    expected: ["acme/create_widget.yaml:27:17: parameter 'name' is required: true, so every call gives it and what it requires is required too: set required: true on those instead."],
  },
  {
    name: 'a requires group that requires its given parameter',
    edits: [createParam('  colour:\n    type: string\n    description: Colour.\n'), sub('acme/create_widget.yaml', 'response:\n  status: 201', 'required_groups:\n  - { if_given: colour, requires: [colour, tags] }\nresponse:\n  status: 201')],
    expected: ["acme/create_widget.yaml:27:36: 'colour' is the parameter given; 'requires' lists the others a call that gives it must give too."],
  },
  {
    name: 'a requires group naming an undeclared parameter',
    edits: [createParam('  colour:\n    type: string\n    description: Colour.\n'), sub('acme/create_widget.yaml', 'response:\n  status: 201', 'required_groups:\n  - { if_given: colour, requires: [tagz] }\nresponse:\n  status: 201')],
    expected: ["acme/create_widget.yaml:27:36: 'tagz' is not a parameter of this function. Did you mean 'tags'?"],
  },
  {
    name: 'a group that is both a choice and a requires group',
    edits: [createParam('  colour:\n    type: string\n    description: Colour.\n'), sub('acme/create_widget.yaml', 'response:\n  status: 201', 'required_groups:\n  - { at_least_one_of: [tags, colour], if_given: colour, requires: [tags] }\nresponse:\n  status: 201')],
    expected: ["acme/create_widget.yaml:27:40: a group is one of 'exactly_one_of', 'at_least_one_of' or 'if_given' with 'requires', not several: write one group for each."],
  },
  {
    name: 'an example that gives a parameter without what it requires',
    edits: [createParam('  colour:\n    type: string\n    description: Colour.\n'), sub('acme/create_widget.yaml', 'response:\n  status: 201', 'required_groups:\n  - { if_given: tags, requires: [colour] }\nresponse:\n  status: 201'), sub('acme/create_widget.yaml', 'arguments: { shelf_id: s1, name: Sprocket }', 'arguments: { shelf_id: s1, name: Sprocket, tags: [a] }'), sub('acme/create_widget.yaml', 'body: { name: Sprocket }', 'body: { name: Sprocket, tags: [a] }')],
    expected: ["acme/create_widget.yaml:37:16: example arguments are invalid: 'tags' needs 'colour' as well; give it, or leave out 'tags'."],
  },
  {
    name: 'a requires group whose required parameter is always sent',
    edits: [createParam('  colour:\n    type: string\n    description: Colour.\n    sent_when_omitted: red\n'), sub('acme/create_widget.yaml', 'response:\n  status: 201', 'required_groups:\n  - { if_given: tags, requires: [colour] }\nresponse:\n  status: 201')],
    expected: ["acme/create_widget.yaml:28:34: parameter 'colour' has sent_when_omitted, so every request carries it and a group that counts what the caller gives would not say what is sent; drop sent_when_omitted or remove it from the group."],
  },
  {
    name: 'last_page_without naming a key next_cursor is not in',
    edits: [sub('acme/list_widgets.yaml', PAGE_PAGINATION, '  strategy: cursor\n  cursor_param: page\n  next_cursor: paging.next\n  last_page_without: meta\n  items: items\n'), sub('acme/list_widgets.yaml', '      total_pages: { type: integer }', '      total_pages: { type: integer }\n      paging: { type: object, properties: { next: { type: string } } }')],
    expected: ["acme/list_widgets.yaml:33:22: 'last_page_without' names the object next_cursor 'paging.next' is in: 'paging', not 'meta'."],
  },
  {
    name: 'an unquoted comma in a flow mapping cuts a value into a key',
    edits: [sub('acme/create_widget.yaml', '    items: { type: string }\n    description: Tags.', '    items: { type: string, description: Each tag, lower case }\n    description: Tags.')],
    expected: ["acme/create_widget.yaml:21:51: unknown key 'lower case' in 'parameters.tags.items'. It reads like the rest of a value cut at a comma: inside `{…}`, quote a value that has a comma or a colon. Allowed keys: type, description, required, nullable, default, enum, minimum, maximum, min_length, max_length, pattern, format, min_items, max_items, items, properties, additional_properties, one_of."],
  },
  {
    name: 'a file in a JSON body',
    edits: [createParam('  photo:\n    type: file\n    description: Photo.\n')],
    expected: [
      "acme/create_widget.yaml:24:11: parameter 'photo' takes a file, which only a multipart or binary body can carry: set request.body: multipart (fields and files) or binary (the file alone); a json body cannot.",
    ],
  },
  {
    name: 'a file in the query',
    edits: [listParam('  photo:\n    type: file\n    description: Photo.\n')],
    expected: [
      "acme/list_widgets.yaml:22:3: parameter 'photo' takes a file, which only a multipart or binary body can carry, but it goes in the query (the request has no body): send it with a POST, PUT or PATCH whose request.body is multipart or binary.",
    ],
  },
  {
    name: 'a file with constraints a file cannot meet',
    edits: [sub('acme/create_widget.yaml', '  body: json', '  body: multipart'), createParam('  photo:\n    type: file\n    pattern: "^x"\n    default: a.png\n    description: Photo.\n')],
    expected: [
      "acme/create_widget.yaml:25:5: 'pattern' does not apply to a file.",
      "acme/create_widget.yaml:26:5: 'default' does not apply to a file.",
    ],
  },
  {
    name: 'a file inside an object and in one_of',
    edits: [
      sub('acme/create_widget.yaml', '  body: json', '  body: multipart'),
      createParam('  meta:\n    type: object\n    properties:\n      photo: { type: file }\n    description: Meta.\n  either:\n    one_of:\n      - type: file\n      - type: string\n    description: Either.\n'),
    ],
    expected: [
      "acme/create_widget.yaml:26:22: a file can only be a body parameter or the items of one's list, not a property of an object.",
      "acme/create_widget.yaml:30:15: a member of one_of cannot be a file: a file parameter takes a file and nothing else.",
    ],
  },
  {
    name: 'a list of files joined with commas, its items constrained',
    edits: [sub('acme/create_widget.yaml', '  body: json', '  body: multipart'), createParam('  photos:\n    type: array\n    array_format: comma\n    items: { type: file, min_length: 1 }\n    description: Photos.\n')],
    expected: [
      "acme/create_widget.yaml:25:19: a list of files cannot be joined with commas: each file is a part of its own. Use repeat (the default for files), brackets or indexed.",
      "acme/create_widget.yaml:26:26: 'min_length' does not apply to a file.",
    ],
  },
  {
    name: 'a binary body with a second body parameter, and body constants',
    edits: [write('acme/upload_drawing.yaml', UPLOAD.replace('  body: binary\n', '  body: binary\n  constants:\n    body: { kind: svg }\n').replace('    in: query\n', ''))],
    expected: [
      "acme/upload_drawing.yaml:10:5: a binary body is one file and nothing else, so it has no constant keys: remove constants.body, or send them in the query or a header.",
      "acme/upload_drawing.yaml:16:3: parameter 'filename' goes in the body, but a binary body (request.body: binary) is one file and nothing else: give it in: query, in: header or in: path.",
    ],
  },
  {
    name: 'a binary body whose file is optional, and a second file',
    edits: [write('acme/upload_drawing.yaml', UPLOAD.replace('    type: file\n    required: true\n', '    type: file\n').replace('    description: The drawing.\n', '    description: The drawing.\n  preview:\n    type: file\n    description: A preview.\n'))],
    expected: [
      "acme/upload_drawing.yaml:10:3: the file 'drawing' is the whole body of the request, so every call needs it: give required: true.",
      "acme/upload_drawing.yaml:14:11: a binary body carries one file, and 'drawing' is it; 'preview' would be a second: set request.body: multipart to send several files.",
    ],
  },
  {
    name: 'a binary body of a list of files, and one without any file',
    edits: [
      write('acme/upload_drawing.yaml', UPLOAD.replace('    type: file\n    required: true\n', '    type: array\n    items: { type: file }\n    required: true\n')),
      write('acme/upload_nothing.yaml', UPLOAD.replace('name: upload_drawing', 'name: upload_nothing').replace('  drawing:\n    type: file\n    required: true\n    description: The drawing.\n', '').replace('arguments: { drawing: { content: "<svg/>", content_type: image/svg+xml }, filename: w1.svg }', 'arguments: { filename: w1.svg }')),
    ],
    expected: [
      "acme/upload_drawing.yaml:11:11: parameter 'drawing' takes files, but a binary body is one file: set request.body: multipart to send several.",
      "acme/upload_nothing.yaml:8:9: request.body: binary sends one file as the whole body: declare it as a parameter with type: file.",
    ],
  },
  {
    name: "a binary upload's documented body: other bytes, another media type, JSON in place of a file",
    edits: [
      write('acme/upload_drawing.yaml', UPLOAD.replace('content_type: image/svg+xml, content: "<svg/>" }', 'content_type: image/png, content: "<svg></svg>" }')),
      write('acme/upload_json.yaml', UPLOAD.replace('name: upload_drawing', 'name: upload_json').replace('body: { filename: w1.svg, content_type: image/svg+xml, content: "<svg/>" }', 'body: { drawing: "<svg/>" }')),
    ],
    expected: [
      "acme/upload_drawing.yaml:29:13: example 'A drawing': the documented body is \"<svg></svg>\", but the arguments send \"<svg/>\".",
      "acme/upload_drawing.yaml:29:47: example 'A drawing': the documented file is image/png, but the arguments send it as image/svg+xml.",
      "acme/upload_json.yaml:29:7: a documented file needs content_type, its media type, such as audio/mpeg.",
      "acme/upload_json.yaml:29:13: a documented file gives its bytes as content (text) or content_base64, exactly one of them.",
      "acme/upload_json.yaml:29:15: 'drawing' is not part of a documented file, which has filename, content_type and content or content_base64.",
    ],
  },
  {
    name: 'a binary body chosen by a selector, which is never sent, and a JSON body documented for it',
    edits: [
      write(
        'acme/upload_drawing.yaml',
        UPLOAD.replace('  method: POST\n  path: /drawings\n', '  select:\n    parameter: mode\n    cases:\n      new: { method: POST, path: /drawings }\n      replace: { method: PUT, path: /drawings/current }\n')
          .replace('parameters:\n', 'parameters:\n  mode: { type: string, enum: [new, replace], required: true, description: Mode. }\n')
          .replace('filename: w1.svg }\n', 'filename: w1.svg, mode: new }\n')
          .replace('body: { filename: w1.svg, content_type: image/svg+xml, content: "<svg/>" }', 'body: "<svg/>"'),
      ),
    ],
    expected: [
      "acme/upload_drawing.yaml:33:13: this function sends one file as its body (request.body: binary): document the body as { filename, content_type, content } (text) or { filename, content_type, content_base64 } (bytes).",
    ],
  },
  {
    name: 'credentials in the body of a function whose body is one file',
    edits: [sub('acme/provider.yaml', '  bearer:\n    type: bearer\n    token: api_key\n', '  bearer:\n    type: api_key\n    in: body\n    name: key\n    value: api_key\n'), write('acme/upload_drawing.yaml', UPLOAD)],
    expected: [
      "acme/create_widget.yaml:36:33: example 'A widget': the documented header authorization is not what the auth scheme sends with the fields' example values: it sends no authorization header.",
      "acme/create_widget.yaml:37:13: example 'A widget': the documented body is {\"name\":\"Sprocket\"}, but the arguments produce {\"key\":\"acme_test_key\",\"name\":\"Sprocket\"}.",
      "acme/list_widgets.yaml:6:3: server 'default' sends its credentials in the body (auth 'bearer' has in: body), so this function needs one: set request.body to json, form or multipart.",
      "acme/upload_drawing.yaml:8:9: server 'default' sends its credentials in the body (auth 'bearer' has in: body), so this function cannot send its body as one file (request.body: binary has no place for them).",
    ],
  },
  {
    name: 'two object members of one_of without a discriminator',
    edits: [createParam('  filter:\n    one_of:\n      - { type: object, properties: { kind: { type: string, enum: [a] } } }\n      - { type: object, properties: { kind: { type: string, enum: [b] } } }\n    description: Filter.\n')],
    expected: [
      "acme/create_widget.yaml:26:17: members 0 and 1 of one_of are both objects; each member needs its own JSON type, so a value matches exactly one member, or name the property that tells them apart with 'discriminator'.",
    ],
  },
  {
    name: 'a discriminator that does not tell the objects apart',
    edits: [
      createParam(
        '  filter:\n    discriminator: kind\n    one_of:\n' +
          '      - { type: object, properties: { kind: { type: string, required: true, enum: [a] } } }\n' +
          '      - { type: object, properties: { kind: { type: string, enum: [b] } } }\n' +
          '      - { type: object, properties: { kind: { type: string, required: true, enum: [a] } } }\n' +
          '      - { type: object, properties: { kind: { type: string, required: true, enum: [c, d] } } }\n' +
          '      - { type: object, properties: { other: { type: string } } }\n' +
          '    description: Filter.\n' +
          '  single:\n    discriminator: kind\n    one_of:\n      - { type: string }\n      - { type: object, properties: { kind: { type: string, required: true, enum: [a] } } }\n    description: Single.\n',
      ),
    ],
    expected: [
      "acme/create_widget.yaml:27:39: the discriminator 'kind' of member 1 must be required: true: an object without it could be any member.",
      "acme/create_widget.yaml:28:83: members 0 and 2 both have kind 'a'; each object member needs a value of its own.",
      "acme/create_widget.yaml:29:83: the discriminator 'kind' of member 3 needs type: string and an enum of exactly one value, the one that says an object is this member.",
      "acme/create_widget.yaml:30:25: member 4 is an object without the discriminator 'kind': declare it as { type: string, required: true, enum: [<this member's value>] }.",
      "acme/create_widget.yaml:33:5: 'discriminator' tells several object members apart, and this one_of has one: remove it.",
    ],
  },
  {
    name: 'a file answer with a response schema',
    edits: [write('acme/download_widget.yaml', DOWNLOAD.replace('  content_type: image/*\n', '  content_type: image/*\n  schema: { type: object }\n'))],
    expected: [
      "acme/download_widget.yaml:16:3: a file answer is bytes, not JSON, so it has no schema: remove it, or remove body: file.",
    ],
  },
  {
    name: 'content_type on a JSON answer',
    edits: [sub('acme/list_widgets.yaml', 'response:\n  schema:', 'response:\n  content_type: text/csv\n  schema:')],
    expected: [
      "acme/list_widgets.yaml:23:3: content_type describes a file answer: set response.body: file, or remove it.",
    ],
  },
  {
    name: 'a paginated file answer',
    edits: [sub('acme/list_widgets.yaml', 'response:\n  schema:\n    type: object\n    properties:\n      items: { type: array, items: { type: object } }\n      total_pages: { type: integer }\n', 'response:\n  body: file\n')],
    expected: [
      "acme/list_widgets.yaml:24:1: a function that returns a file has no pages: remove pagination, or remove response.body: file.",
      "acme/list_widgets.yaml:40:7: a documented file needs content_type, its media type, such as audio/mpeg.",
      "acme/list_widgets.yaml:40:13: a documented file gives its bytes as content (text) or content_base64, exactly one of them.",
      "acme/list_widgets.yaml:40:15: 'items' is not part of a documented file, which has filename, content_type and content or content_base64.",
      "acme/list_widgets.yaml:40:26: 'total_pages' is not part of a documented file, which has filename, content_type and content or content_base64.",
    ],
  },
  {
    name: 'a documented file of another media type than declared',
    edits: [write('acme/download_widget.yaml', DOWNLOAD.replace('content_type: image/png', 'content_type: text/csv'))],
    expected: [
      "acme/download_widget.yaml:25:47: the documented file is text/csv, but response.content_type says the function returns image/*.",
    ],
  },
  {
    name: 'a documented file without its bytes',
    edits: [write('acme/download_widget.yaml', DOWNLOAD.replace(', content_base64: iVBORw0KGgo=', ''))],
    expected: [
      "acme/download_widget.yaml:25:13: a documented file gives its bytes as content (text) or content_base64, exactly one of them.",
    ],
  },
  {
    name: 'a documented file with bad base64, a path for a name and an unknown key',
    edits: [write('acme/download_widget.yaml', DOWNLOAD.replace('{ filename: w1.png, content_type: image/png, content_base64: iVBORw0KGgo= }', '{ filename: ../w1.png, content_type: image/png, content_base64: "not base64!", size: 8 }'))],
    expected: [
      "acme/download_widget.yaml:25:25: filename must be a file name without a directory, such as recording.mp3.",
      "acme/download_widget.yaml:25:77: content_base64 must be base64 text (A–Z, a–z, 0–9, +, /, padded with =).",
      "acme/download_widget.yaml:25:92: 'size' is not part of a documented file, which has filename, content_type and content or content_base64.",
    ],
  },
  {
    name: 'a file answer documented as JSON',
    edits: [write('acme/download_widget.yaml', DOWNLOAD.replace('{ filename: w1.png, content_type: image/png, content_base64: iVBORw0KGgo= }', '{ id: w1 }'))],
    expected: [
      "acme/download_widget.yaml:25:7: a documented file needs content_type, its media type, such as audio/mpeg.",
      "acme/download_widget.yaml:25:13: a documented file gives its bytes as content (text) or content_base64, exactly one of them.",
      "acme/download_widget.yaml:25:15: 'id' is not part of a documented file, which has filename, content_type and content or content_base64.",
    ],
  },
];
