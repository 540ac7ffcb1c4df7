/**
 * Importing again into a folder an import wrote: what came from the document follows the
 * document, what a person wrote stays; when a person's edit would be dropped, nothing is
 * written and the error says which. A folder written by hand is left as it is.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { importOpenApi, SNAPSHOT_FILE } from '../src/index.js';
import { FIXTURES, problems, REPO, specsDir } from './support.js';

const RETELL = join(FIXTURES, 'retell/openapi.yaml');
type Spec = Record<string, any>;

function retellDocument(): Spec {
  return parse(readFileSync(RETELL, 'utf8')) as Spec;
}
const callBody = (doc: Spec) => doc.paths['/v2/create-phone-call'].post.requestBody.content['application/json'].schema.properties;

/** The first import, then a person's edits to create_phone_call.yaml. */
function editedFolder(edit: (spec: Spec) => void): Map<string, string> {
  const files = new Map(importOpenApi(retellDocument(), { provider: 'retell-ai' }).files);
  const spec = parse(files.get('create_phone_call.yaml')!) as Spec;
  edit(spec);
  files.set('create_phone_call.yaml', stringify(spec));
  return files;
}

function personEdits(spec: Spec): void {
  const { override_agent_id: agent, ...rest } = spec.parameters;
  spec.parameters = { agent_id: { ...agent, wire: 'override_agent_id' }, ...rest };
  spec.examples[0].arguments = Object.fromEntries(Object.entries(spec.examples[0].arguments).map(([k, v]) => [k === 'override_agent_id' ? 'agent_id' : k, v]));
  spec.title = 'Place a phone call';
  spec.parameters.from_number.description = 'Your Retell number (E.164).';
  spec.differences = ['`agent_id` is sent as `override_agent_id`.'];
}

describe('re-importing into a folder an import wrote', () => {
  const changedDocument = () => {
    const doc = retellDocument();
    const body = callBody(doc);
    body.to_number.maxLength = 20;
    body.from_number.description = 'The caller number.';
    body.metadata.description = 'Anything you want stored on the call.';
    body.voicemail_url = { type: 'string', description: 'Where to send voicemail.' };
    return doc;
  };

  it("keeps a person's names, titles, descriptions and differences, and takes the document's changes", () => {
    const existing = editedFolder(personEdits);
    const { files, report } = importOpenApi(changedDocument(), { provider: 'retell-ai', existing });
    const merged = parse(files.get('create_phone_call.yaml')!) as Spec;
    expect(merged.title).toBe('Place a phone call');
    expect(merged.differences).toEqual(['`agent_id` is sent as `override_agent_id`.']);
    expect(merged.parameters.agent_id).toMatchObject({ wire: 'override_agent_id', type: 'string' });
    expect(merged.parameters.override_agent_id).toBeUndefined();
    expect(merged.parameters.from_number.description).toBe('Your Retell number (E.164).');
    expect(merged.parameters.to_number.max_length).toBe(20);
    expect(merged.parameters.metadata.description).toBe('Anything you want stored on the call.');
    expect(merged.parameters.voicemail_url).toEqual({ type: 'string', description: 'Where to send voicemail.' });
    expect(merged.examples[0].arguments.agent_id).toBeDefined();
    expect(report.kept).toEqual(['create_phone_call.yaml: parameters.from_number.description']);
    expect(problems(specsDir({ 'retell-ai': new Map([...existing, ...files]) }))).toEqual([]);
  });

  it('gives what a fresh import gives when nobody edited anything', () => {
    const first = importOpenApi(retellDocument(), { provider: 'retell-ai' }).files;
    expect([...importOpenApi(retellDocument(), { provider: 'retell-ai', existing: first }).files]).toEqual([...first]);
  });

  it('drops what the document dropped when the person left it as imported', () => {
    const doc = retellDocument();
    delete callBody(doc).custom_sip_headers;
    const { files } = importOpenApi(doc, { provider: 'retell-ai', existing: editedFolder(personEdits) });
    expect((parse(files.get('create_phone_call.yaml')!) as Spec).parameters.custom_sip_headers).toBeUndefined();
  });

  it("refuses, and names the edit, when the document dropped what a person edited", () => {
    const doc = retellDocument();
    delete callBody(doc).ignore_e164_validation;
    const existing = editedFolder((spec) => {
      spec.parameters.ignore_e164_validation.description = 'Only for custom telephony.';
    });
    expect(() => importOpenApi(doc, { provider: 'retell-ai', existing })).toThrow(
      're-import refused: the document no longer has what these edits changed, so they would be lost: create_phone_call.yaml: parameters.ignore_e164_validation. Move the edits elsewhere (or delete them), then import again.',
    );
  });

  it('does not bring back a review item a person resolved', () => {
    const doc = retellDocument();
    delete doc.paths['/v2/get-call/{call_id}'].get.responses['200'].content['application/json'].schema;
    doc.paths['/v2/get-call/{call_id}'].get.parameters[0].example = undefined;
    delete doc.paths['/v2/get-call/{call_id}'].get.parameters[0].schema.example;
    const first = importOpenApi(doc, { provider: 'retell-ai' }).files;
    const spec = parse(first.get('get_call.yaml')!) as Spec;
    expect(spec.review).toHaveLength(1);
    const { review: _review, ...resolved } = spec;
    resolved.examples = [{ title: 'One call', arguments: { call_id: 'c1' }, request: { method: 'GET', url: 'https://api.retellai.com/v2/get-call/c1' }, response: { status: 200 } }];
    const existing = new Map(first).set('get_call.yaml', stringify(resolved));
    const again = parse(importOpenApi(doc, { provider: 'retell-ai', existing }).files.get('get_call.yaml')!) as Spec;
    expect(again.review).toBeUndefined();
    expect(again.examples).toEqual(resolved.examples);
  });
});

describe('comments a person wrote', () => {
  /** Replace `find`, which must occur exactly once, in one file of the folder. */
  const edit = (files: Map<string, string>, name: string, find: string, replace: string) => {
    const text = files.get(name)!;
    expect(text.split(find)).toHaveLength(2);
    files.set(name, text.replace(find, replace));
  };

  function commentedFolder(): Map<string, string> {
    const files = new Map(importOpenApi(retellDocument(), { provider: 'retell-ai' }).files);
    edit(files, 'provider.yaml', '\nservers:\n', '\n# One region only; EU accounts use the same host.\nservers:\n');
    edit(files, 'provider.yaml', '    example: retell_ai_test_key\n', '    example: retell_ai_test_key # not a real key\n');
    edit(files, 'create_phone_call.yaml', '(createPhoneCall).\n', '(createPhoneCall).\n# Owned by the voice team.\n');
    edit(files, 'create_phone_call.yaml', '\n  to_number:\n', '\n  # Retell rejects numbers it cannot dial before the call starts.\n  to_number:\n');
    edit(files, 'create_phone_call.yaml', '\n    required: true\n  override_agent_id:', '\n    required: true # always\n  override_agent_id:');
    return files;
  }

  function changedDocument(): Spec {
    const doc = retellDocument();
    doc.info.version = '3.1.0';
    const body = callBody(doc);
    body.to_number.maxLength = 20;
    body.to_number.description = 'The number to call, in E.164 format.';
    return doc;
  }

  it('stay where they were in a function file, beside the values the document changed', () => {
    const { files } = importOpenApi(changedDocument(), { provider: 'retell-ai', existing: commentedFolder() });
    const text = files.get('create_phone_call.yaml')!;
    expect(text.split('\n').slice(0, 3)).toEqual([
      '# yaml-language-server: $schema=../../generator/schema/function.schema.json',
      '# Imported from the OpenAPI document "Retell SDK" 3.1.0: POST /v2/create-phone-call (createPhoneCall).',
      '# Owned by the voice team.',
    ]);
    expect(text).toContain('\n  # Retell rejects numbers it cannot dial before the call starts.\n  to_number:\n    type: string\n    min_length: 1\n    max_length: 20\n    description: The number to call, in E.164 format.\n    required: true # always\n');
    const spec = parse(text) as Spec;
    expect(spec.parameters.to_number).toEqual({ type: 'string', min_length: 1, max_length: 20, description: 'The number to call, in E.164 format.', required: true });
  });

  it('stay in the provider file while its imported fields follow the document', () => {
    const { files } = importOpenApi(changedDocument(), { provider: 'retell-ai', existing: commentedFolder() });
    const text = files.get('provider.yaml')!;
    expect(text).toContain('\n# One region only; EU accounts use the same host.\nservers:\n');
    expect(text).toContain('    example: retell_ai_test_key # not a real key\n');
    expect(text).toContain('# Imported from the OpenAPI document "Retell SDK" 3.1.0.\n');
    expect((parse(text) as Spec).api_version).toBe('3.1.0');
  });

  it('do not change what a re-import writes when the document did not change', () => {
    const existing = commentedFolder();
    const { files } = importOpenApi(retellDocument(), { provider: 'retell-ai', existing });
    for (const name of ['provider.yaml', 'create_phone_call.yaml']) expect(files.get(name)).toBe(existing.get(name));
  });
});

describe('importing into a folder written by hand', () => {
  it('leaves every hand-written file as it is and says so', () => {
    const folder = join(REPO, 'specs/telnyx');
    const existing = new Map(readdirSync(folder).map((name) => [name, readFileSync(join(folder, name), 'utf8')]));
    const { files, report } = importOpenApi(join(FIXTURES, 'telnyx/openapi.yaml'), { provider: 'telnyx', existing });
    expect([...files.keys()]).toEqual([SNAPSHOT_FILE]);
    expect(report.kept).toEqual(expect.arrayContaining(['send_sms.yaml (written by hand: left as it is)', 'provider.yaml (written by hand: left as it is)']));
    expect(report.functions.find((f) => f.file === 'send_sms.yaml')!.notes[0]).toMatch(/^the document also has .*webhook_failover_url/);
  });
});
