import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, switchboard } from './support.js';

const readme = readFileSync(join(REPO, 'README.md'), 'utf8');

/** The fenced block that follows the line naming `file` in the README. */
function blockAfter(file: string): string {
  const start = readme.indexOf(`\`${file}\`:`);
  const match = /```yaml\n([\s\S]*?)```/.exec(readme.slice(start));
  if (start < 0 || !match) throw new Error(`README has no yaml block for ${file}`);
  return match[1]!;
}

function newcomerProject(edit: (send: string) => string = (s) => s): string {
  const root = mkdtempSync(join(tmpdir(), 'switchboard-readme-'));
  writeFileSync(join(root, 'package.json'), '{"private": true}\n');
  mkdirSync(join(root, 'specs/acme'), { recursive: true });
  writeFileSync(join(root, 'specs/acme/provider.yaml'), blockAfter('specs/acme/provider.yaml'));
  writeFileSync(join(root, 'specs/acme/send_message.yaml'), edit(blockAfter('specs/acme/send_message.yaml')));
  return root;
}

describe('the README\'s "add a provider" walkthrough', () => {
  it('is a valid provider, written in YAML only', () => {
    const run = switchboard(['validate'], { cwd: newcomerProject() });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('1 providers, 1 functions: all specs valid.\n');
  });

  it('generates its catalog entry', () => {
    const root = newcomerProject();
    expect(switchboard(['generate'], { cwd: root }).status).toBe(0);
    const catalog = JSON.parse(readFileSync(join(root, 'packages/catalog/catalog.json'), 'utf8'));
    expect(catalog.providers[0].functions[0].names).toMatchObject({
      lua: 'app.integrations.acme.send_message',
      typescript: 'sendMessage',
      mcp: 'acme__send_message',
    });
  });

  it('shows the error messages the loader really prints for the mistakes it describes', () => {
    const shown = /```\n(acme\/send_message\.yaml:[\s\S]*?)```/.exec(readme)![1]!.trim().split('\n');
    const root = newcomerProject((send) =>
      send.replace('    wire: recipient', '    wrie: recipient'),
    );
    const run = switchboard(['validate'], { cwd: root });
    expect(run.stderr.split('\n')[0]!.startsWith(shown[0]!.replace(/ …$/, ''))).toBe(true);

    const missing = newcomerProject((send) => send.replace('arguments: { to: "+15555550100", text: Hello }', 'arguments: { to: "+15555550100" }'));
    expect(switchboard(['validate'], { cwd: missing }).stderr.split('\n')[0]).toBe(shown[1]);
  });
});

describe("the README's quick start", () => {
  const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## From TypeScript'));
  const commands = /```sh\n([\s\S]*?)```/
    .exec(quickStart)![1]!
    .trim()
    .split('\n')
    .map((line) => line.trim());

  it.each(commands)('%s', (line) => {
    expect(line.startsWith('npx switchboard ')).toBe(true);
    const args = line
      .slice('npx switchboard '.length)
      .match(/'[^']*'|\S+/g)!
      .map((word) => word.replace(/^'(.*)'$/, '$1'));
    const run = switchboard(args, { env: { SWITCHBOARD_HOME: mkdtempSync(join(tmpdir(), 'switchboard-readme-home-')), TELNYX_API_KEY: '' } });
    expect(run.stderr.replace(/^\(sandbox:.*\)\n/, '')).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(0);
  });
});

describe("the README's TypeScript example", () => {
  it('runs against the mock handlers', async () => {
    const code = /## From TypeScript\n\n```ts\n([\s\S]*?)```/.exec(readme)![1]!;
    const dir = join(REPO, 'test', '.readme-examples');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'from-typescript.mjs');
    writeFileSync(file, `${code}\nexport { sent };\n`);
    const { setupServer } = await import('msw/node');
    const { telnyxHandlers, telnyxExamples } = await import('@switchboard/mocks');
    const server = setupServer(...telnyxHandlers);
    server.listen({ onUnhandledRequest: 'error' });
    process.env.TELNYX_API_KEY = telnyxExamples.examples[0]!.request.headers.authorization!.replace('Bearer ', '');
    try {
      const { sent } = (await import(file)) as { sent: { data: { id: string } } };
      expect(sent.data.id).toBeTruthy();
    } finally {
      server.close();
    }
  });
});
