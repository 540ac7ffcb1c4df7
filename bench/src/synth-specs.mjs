// Synthetic but realistic provider specs, written as YAML files under <dir>/specs/.
//
// Each provider gets one of three auth kinds (bearer, basic with an account id in the
// server URL, api_key header) and ten functions over three resources: page-, offset- and
// cursor-paginated lists, gets, a JSON create with wire names and every value transform,
// a PATCH with a join transform, a DELETE with no body, a form-encoded POST and a POST
// with a spread object. Every function has an example whose arguments, request and
// response agree with the spec, so the generator validates them like real ones.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

const RESOURCES = ['messages', 'calls', 'numbers', 'contacts', 'tickets', 'invoices', 'campaigns', 'recordings', 'agents', 'webhooks', 'users', 'events', 'files', 'tasks', 'orders', 'devices', 'rooms', 'queues', 'notes', 'deals'];
const ADJ = ['nimbus', 'quantum', 'bright', 'rapid', 'polar', 'cobalt', 'ember', 'lumen', 'vertex', 'harbor', 'summit', 'orbit'];
const NOUN = ['voice', 'signal', 'relay', 'desk', 'ledger', 'pulse', 'wave', 'link', 'hub', 'beacon'];
const CATEGORIES = ['communication', 'crm', 'developer-tools', 'productivity', 'finance', 'marketing', 'ai', 'storage', 'other'];
const singular = (r) => r.replace(/s$/, '');
const pad = (i, w) => String(i).padStart(w, '0');

/** Deterministic names and choices for provider number `i`. */
export function providerShape(i, width = 4) {
  const id = `${ADJ[i % ADJ.length]}-${NOUN[Math.floor(i / ADJ.length) % NOUN.length]}-${pad(i, width)}`;
  const auth = ['bearer', 'basic', 'api_key'][i % 3];
  const res = [0, 1, 2].map((k) => RESOURCES[(i * 7 + k * 3) % RESOURCES.length]);
  return { id, auth, res, base: auth === 'basic' ? `https://api.${id}.example/v2/accounts/{account_id}` : `https://api.${id}.example/v1` };
}

function providerYaml(i, shape) {
  const { id, auth } = shape;
  const name = id.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
  const fields = {};
  let authSpec;
  if (auth === 'bearer') {
    fields.api_token = { label: 'API token', description: `A ${name} API token from the dashboard.`, secret: true, example: `tok_${pad(i, 6)}_sandbox` };
    authSpec = { bearer: { type: 'bearer', token: 'api_token' } };
  } else if (auth === 'basic') {
    fields.account_id = { label: 'Account ID', description: 'The account id; Basic-auth username and part of every URL.', secret: false, pattern: '^AC[0-9]{8}$', example: `AC${pad(i, 8)}` };
    fields.auth_token = { label: 'Auth token', description: 'The auth token shown next to the account id.', secret: true, example: `secret${pad(i, 6)}` };
    authSpec = { basic: { type: 'basic', username: 'account_id', password: 'auth_token' } };
  } else {
    fields.api_key = { label: 'API key', description: `A ${name} API key.`, secret: true, example: `key-${pad(i, 6)}-sandbox` };
    authSpec = { key: { type: 'api_key', in: 'header', name: 'X-Api-Key', value: 'api_key' } };
  }
  return {
    id,
    name,
    category: CATEGORIES[i % CATEGORIES.length],
    description: `${name} (synthetic provider ${i} for benchmarks): ${shape.res.join(', ')} through a REST API.`,
    docs_url: `https://docs.${id}.example/api`,
    api_version: 'v1',
    fields,
    auth: authSpec,
    servers: { default: { url: shape.base, auth: Object.keys(authSpec)[0] } },
    errors: { message: ['error.message', 'message'], code: ['error.code'], example: { status: 404, body: { error: { code: 'not_found', message: 'Not found' } } } },
    rate_limit: { limit_header: 'x-ratelimit-limit', remaining_header: 'x-ratelimit-remaining', reset_header: 'x-ratelimit-reset' },
    request_id_header: 'x-request-id',
  };
}

/** Auth headers of an example request, from the fields' example values. */
function authHeaders(shape, fields) {
  if (shape.auth === 'bearer') return { authorization: `Bearer ${fields.api_token.example}` };
  if (shape.auth === 'basic') return { authorization: `Basic ${Buffer.from(`${fields.account_id.example}:${fields.auth_token.example}`).toString('base64')}` };
  return { 'x-api-key': fields.api_key.example };
}

const itemSchema = (res) => ({
  type: 'object',
  required: ['id', 'status', 'created_at'],
  properties: {
    id: { type: 'string' },
    object: { type: 'string', enum: [singular(res)] },
    name: { type: ['string', 'null'] },
    status: { type: 'string', enum: ['active', 'paused', 'archived'] },
    phone_number: { type: ['string', 'null'] },
    tags: { type: 'array', items: { type: 'string' } },
    duration_ms: { type: ['integer', 'null'] },
    amount: { type: 'number' },
    owner: { type: 'object', properties: { id: { type: 'string' }, email: { type: ['string', 'null'] } } },
    metadata: { type: 'object', additionalProperties: true },
    created_at: { type: 'string' },
    updated_at: { type: ['string', 'null'] },
  },
});
const item = (res, n, over = {}) => ({
  id: `${singular(res).slice(0, 3)}_${pad(n, 8)}`,
  object: singular(res),
  name: `Example ${singular(res)} ${n}`,
  status: 'active',
  phone_number: '+13125550123',
  tags: ['support'],
  duration_ms: 42000,
  amount: 12.5,
  owner: { id: 'usr_1', email: 'ops@example.com' },
  metadata: { team: 'ops' },
  created_at: '2026-11-20T14:03:11Z',
  updated_at: null,
  ...over,
});

/** The ten function specs of one provider, with file names. */
function functions(shape, fields, i) {
  const [A, B, C] = shape.res;
  const a = singular(A), b = singular(B), c = singular(C);
  const base = shape.base.replace('{account_id}', fields.account_id?.example ?? '');
  const auth = authHeaders(shape, fields);
  const json = { ...auth, 'content-type': 'application/json' };
  const q = (pairs) => (pairs.length ? `?${new URLSearchParams(pairs)}` : '');
  const read = (over) => ({ operation: 'read', ...over });
  const fns = [];

  // 1. Page-paginated list with bracketed wire names and a strip_plus filter.
  fns.push(read({
    name: `list_${A}`, aliases: [`${shape.id.replace(/-/g, '_')}_list_${A}`], title: `List ${A}`,
    description: `List the ${A} of the account, one page at a time, newest first.`,
    differences: ['Status values are lower case as the API returns them.'],
    request: { method: 'GET', path: `/${A}` },
    parameters: {
      page_size: { type: 'integer', minimum: 1, maximum: 250, default: 20, description: 'Results per page.', wire: 'page[size]' },
      page_number: { type: 'integer', minimum: 1, default: 1, description: 'Page to return, starting at 1.', wire: 'page[number]' },
      filter_status: { type: 'string', enum: ['active', 'paused', 'archived'], description: 'Only this status.', wire: 'filter[status]' },
      filter_phone_number: { type: 'string', min_length: 3, description: 'Digits to match; a leading + is removed.', wire: 'filter[phone_number]', transform: 'strip_plus' },
      filter_tag: { type: 'string', description: 'Only items with this tag.', wire: 'filter[tag]' },
    },
    response: { schema: { type: 'object', required: ['data', 'meta'], properties: { data: { type: 'array', items: itemSchema(A) }, meta: { type: 'object', required: ['page_number', 'total_pages'], properties: { page_number: { type: 'integer' }, page_size: { type: 'integer' }, total_pages: { type: 'integer' }, total_results: { type: 'integer' } } } } } },
    pagination: { strategy: 'page', page_param: 'page_number', size_param: 'page_size', first_page: 1, items: 'data', total_pages: 'meta.total_pages' },
    examples: [
      { title: `First ten active ${A}`, arguments: { page_size: 10, filter_status: 'active' }, request: { method: 'GET', url: `${base}/${A}${q([['page[size]', '10'], ['filter[status]', 'active']])}`, headers: auth }, response: { status: 200, body: { data: [item(A, 1), item(A, 2)], meta: { page_number: 1, page_size: 10, total_pages: 1, total_results: 2 } } }, lua: 'for _, x in ipairs(result.data) do\n  print(x.id .. " " .. x.status)\nend\n' },
      { title: 'Find by digits', arguments: { filter_phone_number: '+13125550123' }, request: { method: 'GET', url: `${base}/${A}${q([['filter[phone_number]', '13125550123']])}`, headers: auth }, response: { status: 200, body: { data: [], meta: { page_number: 1, page_size: 20, total_pages: 0, total_results: 0 } } } },
    ],
  }));

  // 2. Get by path id.
  fns.push(read({
    name: `get_${a}`, title: `Get ${a}`, description: `Get one ${a} by its id.`,
    request: { method: 'GET', path: `/${A}/{${a}_id}` },
    parameters: { [`${a}_id`]: { type: 'string', required: true, min_length: 1, description: `The ${a}'s id.` } },
    response: { schema: itemSchema(A) },
    examples: [{ title: `One ${a}`, arguments: { [`${a}_id`]: `${a.slice(0, 3)}_00000001` }, request: { method: 'GET', url: `${base}/${A}/${a.slice(0, 3)}_00000001`, headers: auth }, response: { status: 200, body: item(A, 1) }, lua: 'print(result.id .. ": " .. result.status)\n' }],
  }));

  // 3. JSON create: wire names and every scalar transform.
  fns.push({
    name: `create_${a}`, title: `Create ${a}`, description: `Create a ${a}. Not idempotent: never retried once the request may have arrived.`, operation: 'write',
    request: { method: 'POST', path: `/${A}`, body: 'json' },
    parameters: {
      name: { type: 'string', required: true, min_length: 1, max_length: 120, description: 'Display name.' },
      phone: { type: 'string', format: 'e164', description: 'Phone number (E.164); sent without the +.', wire: 'phone_number', transform: 'strip_plus' },
      email: { type: 'string', format: 'email', description: 'Contact email.' },
      tags: { type: 'array', items: { type: 'string' }, max_items: 10, description: 'Tags to attach.' },
      notify: { type: 'boolean', description: 'Send a notification.', wire: 'notification_mode', transform: { map: { true: 'immediate', false: 'none' } } },
      timeout_seconds: { type: 'integer', minimum: 1, maximum: 3600, description: 'Timeout in seconds; the API takes milliseconds.', wire: 'timeout_ms', transform: 'seconds_to_milliseconds' },
      owner_id: { type: 'string', description: 'Owner; the API takes a list.', wire: 'owner_ids', transform: 'wrap_in_array' },
      amount: { type: 'number', minimum: 0, description: 'Amount in the account currency.' },
      metadata: { type: 'object', additional_properties: { type: 'string' }, description: 'Free-form string metadata.' },
      scheduled_at: { type: 'string', format: 'date-time', description: 'When to activate it (ISO-8601).' },
    },
    response: { status: 201, schema: itemSchema(A) },
    examples: [{
      title: `Create a ${a}`,
      arguments: { name: 'Front desk', phone: '+13125550123', tags: ['support', 'vip'], notify: true, timeout_seconds: 30, owner_id: 'usr_1', metadata: { team: 'ops' } },
      request: { method: 'POST', url: `${base}/${A}`, headers: json, body: { name: 'Front desk', phone_number: '13125550123', tags: ['support', 'vip'], notification_mode: 'immediate', timeout_ms: 30000, owner_ids: ['usr_1'], metadata: { team: 'ops' } } },
      response: { status: 201, body: item(A, 3, { name: 'Front desk', tags: ['support', 'vip'] }) },
    }],
  });

  // 4. PATCH with a join transform and an enum.
  fns.push({
    name: `update_${a}`, title: `Update ${a}`, description: `Change a ${a}'s name, status or labels.`, operation: 'write', idempotent: true,
    request: { method: 'PATCH', path: `/${A}/{${a}_id}`, body: 'json' },
    parameters: {
      [`${a}_id`]: { type: 'string', required: true, min_length: 1, description: `The ${a}'s id.` },
      name: { type: 'string', min_length: 1, description: 'New display name.' },
      status: { type: 'string', enum: ['active', 'paused', 'archived'], description: 'New status.' },
      labels: { type: 'array', items: { type: 'string' }, description: 'Labels, sent comma-joined.', transform: { join: ',' } },
    },
    response: { schema: itemSchema(A) },
    examples: [{ title: 'Pause it', arguments: { [`${a}_id`]: `${a.slice(0, 3)}_00000001`, status: 'paused', labels: ['a', 'b'] }, request: { method: 'PATCH', url: `${base}/${A}/${a.slice(0, 3)}_00000001`, headers: json, body: { status: 'paused', labels: 'a,b' } }, response: { status: 200, body: item(A, 1, { status: 'paused' }) } }],
  });

  // 5. DELETE answering 204.
  fns.push({
    name: `delete_${a}`, title: `Delete ${a}`, description: `Delete a ${a} permanently.`, operation: 'write', idempotent: true,
    request: { method: 'DELETE', path: `/${A}/{${a}_id}` },
    parameters: { [`${a}_id`]: { type: 'string', required: true, min_length: 1, description: `The ${a}'s id.` } },
    response: { status: 204 },
    examples: [{ title: `Delete a ${a}`, arguments: { [`${a}_id`]: `${a.slice(0, 3)}_00000001` }, request: { method: 'DELETE', url: `${base}/${A}/${a.slice(0, 3)}_00000001`, headers: auth }, response: { status: 204 } }],
  });

  // 6. Offset-paginated list with a datetime_format transform.
  fns.push(read({
    name: `list_${B}`, title: `List ${B}`, description: `List ${B}, with optional time window.`,
    request: { method: 'GET', path: `/${B}/` },
    parameters: {
      limit: { type: 'integer', minimum: 1, maximum: 100, default: 20, description: 'Records per page.' },
      offset: { type: 'integer', minimum: 0, default: 0, description: 'Records to skip.' },
      direction: { type: 'string', enum: ['inbound', 'outbound'], description: 'Only this direction.' },
      start_time: { type: 'string', format: 'date-time', description: 'At or after this time.', wire: 'created__gte', transform: { datetime_format: 'YYYY-MM-DD HH:mm:ss' } },
      end_time: { type: 'string', format: 'date-time', description: 'At or before this time.', wire: 'created__lte', transform: { datetime_format: 'YYYY-MM-DD HH:mm:ss' } },
    },
    response: { schema: { type: 'object', required: ['meta', 'objects'], properties: { meta: { type: 'object', required: ['limit', 'offset'], properties: { limit: { type: 'integer' }, offset: { type: 'integer' }, next: { type: ['string', 'null'] }, total_count: { type: 'integer' } } }, objects: { type: 'array', items: itemSchema(B) } } } },
    pagination: { strategy: 'offset', offset_param: 'offset', limit_param: 'limit', items: 'objects', next: 'meta.next', total_items: 'meta.total_count' },
    examples: [{
      title: `Outbound ${B} in November`, arguments: { limit: 10, direction: 'outbound', start_time: '2026-11-01T00:00:00Z' },
      request: { method: 'GET', url: `${base}/${B}/${q([['limit', '10'], ['direction', 'outbound'], ['created__gte', '2026-11-01 00:00:00']])}`, headers: auth },
      response: { status: 200, body: { meta: { limit: 10, offset: 0, next: `/${B}/?limit=10&offset=10`, total_count: 14 }, objects: [item(B, 1)] } },
    }],
  }));

  // 7. Get with a uuid path id.
  fns.push(read({
    name: `get_${b}`, title: `Get ${b}`, description: `Get one ${b} by its uuid.`,
    request: { method: 'GET', path: `/${B}/{${b}_uuid}/` },
    parameters: { [`${b}_uuid`]: { type: 'string', format: 'uuid', required: true, description: `The ${b}'s uuid.` } },
    response: { schema: itemSchema(B) },
    examples: [{ title: `One ${b}`, arguments: { [`${b}_uuid`]: '6f7c5a3e-a6b1-11ee-8c90-0242ac120002' }, request: { method: 'GET', url: `${base}/${B}/6f7c5a3e-a6b1-11ee-8c90-0242ac120002/`, headers: auth }, response: { status: 200, body: item(B, 7, { id: '6f7c5a3e-a6b1-11ee-8c90-0242ac120002' }) } }],
  }));

  // 8. Cursor-paginated list with a comma array query parameter.
  fns.push(read({
    name: `list_${C}`, title: `List ${C}`, description: `List ${C}; follow the cursor for more.`,
    request: { method: 'GET', path: `/${C}` },
    parameters: {
      limit: { type: 'integer', minimum: 1, maximum: 100, description: 'Items per page.' },
      cursor: { type: 'string', description: 'Cursor from the previous page.' },
      ids: { type: 'array', items: { type: 'string' }, array_format: 'comma', description: 'Only these ids.' },
      include_archived: { type: 'boolean', default: false, description: 'Include archived items.' },
    },
    response: { schema: { type: 'object', properties: { cursor: { type: ['string', 'null'] }, items: { type: 'array', items: itemSchema(C) } } } },
    pagination: { strategy: 'cursor', cursor_param: 'cursor', size_param: 'limit', next_cursor: 'cursor', items: 'items' },
    examples: [{ title: `Two ${C} by id`, arguments: { ids: ['a1', 'b2'], limit: 2 }, request: { method: 'GET', url: `${base}/${C}${q([['ids', 'a1,b2'], ['limit', '2']])}`, headers: auth }, response: { status: 200, body: { cursor: null, items: [item(C, 1), item(C, 2)] } } }],
  }));

  // 9. Form-encoded POST with capitalised wire names.
  fns.push({
    name: `send_${c}`, title: `Send ${c}`, description: `Send a ${c} to one recipient (form-encoded).`, operation: 'write',
    request: { method: 'POST', path: `/${C}/send`, body: 'form' },
    parameters: {
      to: { type: 'string', format: 'e164', required: true, description: 'Recipient (E.164).', wire: 'To' },
      from: { type: 'string', format: 'e164', description: 'Sender (E.164).', wire: 'From' },
      text: { type: 'string', min_length: 1, max_length: 1600, description: 'Text to send.', wire: 'Body' },
      priority: { type: 'string', enum: ['low', 'normal', 'high'], default: 'normal', description: 'Delivery priority.', wire: 'Priority' },
      callback_url: { type: 'string', format: 'uri', description: 'Status callback URL.', wire: 'StatusCallback' },
    },
    response: { status: 202, schema: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, status: { type: 'string' }, queued_at: { type: 'string' } } } },
    examples: [{
      title: 'Say hello', arguments: { to: '+19175550188', from: '+13125550123', text: 'Hello' },
      request: { method: 'POST', url: `${base}/${C}/send`, headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, body: { To: '+19175550188', From: '+13125550123', Body: 'Hello' } },
      response: { status: 202, body: { id: 'snd_1', status: 'queued', queued_at: '2026-11-20T14:03:11Z' } },
    }],
  });

  // 10. POST search with a spread object parameter and nested properties.
  fns.push({
    name: `search_${C}`, title: `Search ${C}`, description: `Search ${C} by fields; read-only although it is a POST.`, operation: 'read',
    request: { method: 'POST', path: `/${C}/search`, body: 'json' },
    parameters: {
      query: { type: 'string', required: true, min_length: 1, description: 'Full-text query.', wire: 'q' },
      options: {
        type: 'object', spread: true, description: 'Search options merged into the body.',
        properties: {
          max_results: { type: 'integer', minimum: 1, maximum: 50, description: 'At most this many.' },
          sort: { type: 'string', enum: ['relevance', 'newest'], description: 'Sort order.' },
          created_after: { type: 'string', format: 'date', description: 'Only created on or after this date.' },
        },
      },
    },
    response: { schema: { type: 'object', required: ['results'], properties: { results: { type: 'array', items: itemSchema(C) }, took_ms: { type: 'integer' } } } },
    examples: [{
      title: `Search ${C}`, arguments: { query: 'front desk', options: { max_results: 5, sort: 'newest' } },
      request: { method: 'POST', url: `${base}/${C}/search`, headers: json, body: { q: 'front desk', max_results: 5, sort: 'newest' } },
      response: { status: 200, body: { results: [item(C, 5)], took_ms: 12 } },
    }],
  });
  return fns;
}

const FUNC_HEADER = '# yaml-language-server: $schema=../../generator/schema/function.schema.json\n';
const PROVIDER_HEADER = '# yaml-language-server: $schema=../../generator/schema/provider.schema.json\n';

/**
 * Writes `count` providers × 10 functions under `<root>/specs/`, plus a package.json so
 * the directory is a project root for `switchboard generate`. Returns the function count.
 */
export function writeSynthCatalog(root, count) {
  const specs = join(root, 'specs');
  mkdirSync(specs, { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'bench-synth', private: true, type: 'module' }, null, 2));
  let functionCount = 0;
  for (let i = 0; i < count; i++) {
    const shape = providerShape(i);
    const provider = providerYaml(i, shape);
    const dir = join(specs, shape.id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'provider.yaml'), PROVIDER_HEADER + stringify(provider, { lineWidth: 120 }));
    for (const fn of functions(shape, provider.fields, i)) {
      writeFileSync(join(dir, `${fn.name}.yaml`), FUNC_HEADER + stringify(fn, { lineWidth: 120 }));
      functionCount++;
    }
  }
  return functionCount;
}

/** Path of the function file that "touching one function" edits, and the edit. */
export function touchTarget(root) {
  const shape = providerShape(0);
  return { file: join(root, 'specs', shape.id, `get_${singular(shape.res[0])}.yaml`), from: 'Get one ', to: 'Fetch one ' };
}
