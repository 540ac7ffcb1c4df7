/**
 * Functions imported (their review markers accepted as they are) from the providers' own OpenAPI documents send the same requests as the
 * catalog's hand-written specs for the same arguments. Where a hand-written spec renamed a
 * parameter or reshaped it (Retell's `options` spread into the body), each side gets the
 * arguments in its own names, and the wire must still agree.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOpenApi } from '../src/index.js';
import { catalogProvider, FIXTURES, loadProvider, specsDir, wireRequest, withoutReviews } from './support.js';

const ACCOUNT = { api_key: 'KEY_same_for_both_sides' };

interface Case {
  title: string;
  provider: string;
  fixture: string;
  handWritten: { name: string; args: Record<string, unknown> };
  imported: { name: string; args: Record<string, unknown> };
}

const cases: Case[] = [
  {
    title: 'Telnyx send_sms: a text',
    provider: 'telnyx',
    fixture: 'telnyx/openapi.yaml',
    handWritten: { name: 'send_sms', args: { from: '+13125550123', to: '+19175550188', text: 'Hello' } },
    imported: { name: 'send_message', args: { from: '+13125550123', to: '+19175550188', text: 'Hello' } },
  },
  {
    title: 'Telnyx send_sms: an MMS with media and a webhook',
    provider: 'telnyx',
    fixture: 'telnyx/openapi.yaml',
    handWritten: { name: 'send_sms', args: { from: '+13125550123', to: '+19175550188', subject: 'Receipt', media_urls: ['https://example.com/r.png'], use_mms: true, webhook_url: 'https://example.com/hook' } },
    imported: { name: 'send_message', args: { from: '+13125550123', to: '+19175550188', subject: 'Receipt', media_urls: ['https://example.com/r.png'], type: 'MMS', webhook_url: 'https://example.com/hook' } },
  },
  {
    title: 'Telnyx list_phone_numbers: a page of active numbers',
    provider: 'telnyx',
    fixture: 'telnyx/openapi.yaml',
    handWritten: { name: 'list_phone_numbers', args: { page_size: 10, page_number: 2, filter_status: 'active', filter_tag: 'support' } },
    imported: { name: 'list_phone_numbers', args: { page_size: 10, page_number: 2, filter_status: 'active', filter_tag: 'support' } },
  },
  {
    title: 'Telnyx get_phone_number',
    provider: 'telnyx',
    fixture: 'telnyx/openapi.yaml',
    handWritten: { name: 'get_phone_number', args: { phone_number_id: '1293384261075731499' } },
    imported: { name: 'retrieve_phone_number', args: { id: '1293384261075731499' } },
  },
  {
    title: 'Retell create_phone_call: with an agent override and metadata',
    provider: 'retell-ai',
    fixture: 'retell/openapi.yaml',
    handWritten: { name: 'create_phone_call', args: { agent_id: 'agent_1', metadata: { customer_id: 'cus_8842' }, options: { from_number: '+14157774444', to_number: '+12137774445' } } },
    imported: { name: 'create_phone_call', args: { override_agent_id: 'agent_1', metadata: { customer_id: 'cus_8842' }, from_number: '+14157774444', to_number: '+12137774445' } },
  },
  {
    title: 'Retell create_phone_call: dynamic variables only',
    provider: 'retell-ai',
    fixture: 'retell/openapi.yaml',
    handWritten: { name: 'create_phone_call', args: { options: { from_number: '+14157774444', to_number: '+12137774445', retell_llm_dynamic_variables: { customer_name: 'Ada' } } } },
    imported: { name: 'create_phone_call', args: { from_number: '+14157774444', to_number: '+12137774445', retell_llm_dynamic_variables: { customer_name: 'Ada' } } },
  },
  {
    title: 'Retell get_call',
    provider: 'retell-ai',
    fixture: 'retell/openapi.yaml',
    handWritten: { name: 'get_call', args: { call_id: 'Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6' } },
    imported: { name: 'get_call', args: { call_id: 'Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6' } },
  },
];

const imported = new Map<string, ReturnType<typeof loadProvider>>();
function importedProvider(fixture: string, id: string) {
  const key = `${fixture}:${id}`;
  if (!imported.has(key)) imported.set(key, loadProvider(specsDir({ [id]: withoutReviews(importOpenApi(join(FIXTURES, fixture), { provider: id }).files) }), id));
  return imported.get(key)!;
}

const handWritten = new Map<string, ReturnType<typeof loadProvider>>();
function handWrittenProvider(id: string) {
  if (!handWritten.has(id)) handWritten.set(id, loadProvider(catalogProvider(id), id));
  return handWritten.get(id)!;
}

describe('imported functions send what the hand-written specs send', () => {
  it.each(cases)('$title', (c) => {
    const fromDocument = wireRequest(importedProvider(c.fixture, c.provider), c.imported.name, c.imported.args, ACCOUNT);
    const byHand = wireRequest(handWrittenProvider(c.provider), c.handWritten.name, c.handWritten.args, ACCOUNT);
    expect(fromDocument).toEqual(byHand);
    expect(fromDocument.headers.authorization).toBe(`Bearer ${ACCOUNT.api_key}`);
  });
});
