/**
 * Field-level reasons of an error answer (`errorDetails`, spec `errors.details`): read from the
 * redacted body, named in the message (at most five), all of them on `error.details`. The reader
 * on its own, then real HTTP to a loopback server.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '../src/core.js';
import { APIError, UnprocessableEntityError } from '../src/errors.js';
import { readErrorDetails } from '../src/error-details.js';
import type { ProviderSpec } from '../src/spec.js';
import { loopback, type Loopback } from './loopback.js';
import { bearerProvider, operation, param } from './support.js';

const TOKEN = 'ghp_secret_token_value_123';

describe('readErrorDetails', () => {
  const github = { each: 'errors', text: ['{field}: {message}', '{field}: {code}', '{message}'] };

  it('takes the first template every placeholder of which has a value, per entry', () => {
    const body = { errors: [{ resource: 'Issue', field: 'title', code: 'missing_field' }, { field: 'body', code: 'custom', message: 'is too long' }, { message: 'no field here' }] };
    expect(readErrorDetails(github, body)).toEqual(['title: missing_field', 'body: is too long', 'no field here']);
  });

  it('leaves out entries no template fits, and takes text entries as they are', () => {
    expect(readErrorDetails(github, { errors: ['plain reason', { code: 'only_a_code' }, 7, null, ''] })).toEqual(['plain reason', '7']);
  });

  it('walks * over the values of a map of lists (Zendesk-like) and over list items', () => {
    const body = { details: { subject: [{ description: 'Subject: cannot be blank' }], requester: [{ description: 'Requester: is invalid' }, { description: 'Requester: too short' }] } };
    expect(readErrorDetails({ each: 'details.*', text: ['{description}'] }, body)).toEqual(['Subject: cannot be blank', 'Requester: is invalid', 'Requester: too short']);
    expect(readErrorDetails({ each: 'errors.*.reason', text: ['{x}'] }, { errors: [{ reason: 'a' }, { reason: 'b' }] })).toEqual(['a', 'b']);
  });

  it('reads nested placeholders, and finds nothing where the path or the shape is missing', () => {
    expect(readErrorDetails({ each: 'violations', text: ['{where.property}: {violation}'] }, { violations: [{ where: { property: 'to' }, violation: 'must not be null' }] })).toEqual(['to: must not be null']);
    expect(readErrorDetails(github, { message: 'Not Found' })).toEqual([]);
    expect(readErrorDetails(github, 'Bad Gateway')).toEqual([]);
    expect(readErrorDetails(github, { errors: 'one string, not a list' })).toEqual(['one string, not a list']);
  });

  it('folds line breaks, cuts a long entry, and stops at 50 entries of a huge answer', () => {
    const [folded] = readErrorDetails(github, { errors: [{ field: 'a', message: 'line one\n\n  line two' }] });
    expect(folded).toBe('a: line one line two');
    const [long] = readErrorDetails(github, { errors: [{ message: 'x'.repeat(500) }] });
    expect(long).toHaveLength(200);
    expect(long?.endsWith('…')).toBe(true);
    expect(readErrorDetails(github, { errors: Array.from({ length: 10_000 }, (_, i) => ({ message: `m${i}` })) })).toHaveLength(50);
  });
});

describe('an error answer with field-level reasons', () => {
  const hubLike = (url: string, details = true): ProviderSpec =>
    bearerProvider('hub', 'Hub', url, { errorCodePaths: ['code'], ...(details ? { errorDetails: { each: 'errors', text: ['{field}: {message}', '{message}'] } } : {}) });
  const createIssue = operation({ id: 'hub.create_issue', operation: 'write', endpoint: { kind: 'fixed', method: 'POST', path: '/issues' }, params: [param('title', { in: 'body' })], body: 'json' });

  let server: Loopback;
  let answer: unknown = null;
  beforeAll(async () => {
    server = await loopback((_req, res) => res.writeHead(422, { 'content-type': 'application/json' }).end(JSON.stringify(answer)));
  });
  afterAll(() => server.close());
  const client = (details = true) => new Core(hubLike(server.url, details), { token: TOKEN, env: {}, logLevel: 'off', sleep: async () => {} });
  const failure = async (details = true): Promise<APIError> => {
    const outcome = await client(details).call(createIssue, { title: 'x' }).then(() => null, (error: unknown) => error);
    if (outcome instanceof APIError) return outcome;
    throw new Error(`expected an APIError, got ${String(outcome)}`);
  };

  it('names them in the message and carries them on the error', async () => {
    answer = { message: 'Validation Failed', code: 'invalid', errors: [{ field: 'title', message: 'is too short' }, { message: 'labels are unknown' }] };
    const error = await failure();
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error.details).toEqual(['title: is too short', 'labels are unknown']);
    expect(error.message).toBe('hub.create_issue failed with HTTP 422: Validation Failed [invalid]. Details: title: is too short; labels are unknown. Hub refused the arguments; correct them as its answer says (the error\'s body has every detail).');
  });

  it('names five in the message and counts the rest; all are on the error', async () => {
    answer = { message: 'Validation Failed', errors: Array.from({ length: 8 }, (_, i) => ({ field: `f${i}`, message: 'bad' })) };
    const error = await failure();
    expect(error.details).toHaveLength(8);
    expect(error.message).toContain('Details: f0: bad; f1: bad; f2: bad; f3: bad; f4: bad; and 3 more.');
  });

  it('never shows a credential the answer echoes', async () => {
    answer = { message: 'Validation Failed', errors: [{ field: 'title', message: `contains ${TOKEN}` }] };
    const error = await failure();
    expect(error.details).toEqual(['title: contains [REDACTED]']);
    expect(error.message).not.toContain(TOKEN);
  });

  it('says nothing more for an answer without them, or a provider that declares none', async () => {
    answer = { message: 'Validation Failed', errors: [{ field: 'title', message: 'is too short' }] };
    const undeclared = await failure(false);
    expect(undeclared.details).toEqual([]);
    expect(undeclared.message).not.toContain('Details');
    answer = { message: 'Validation Failed' };
    const none = await failure();
    expect(none.details).toEqual([]);
    expect(none.message).toBe("hub.create_issue failed with HTTP 422: Validation Failed. Hub refused the arguments; correct them as its answer says (the error's body has every detail).");
  });
});
