import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

describe('the README\'s two ways to start a provider', () => {
  const emptyProject = () => {
    const root = mkdtempSync(join(tmpdir(), 'switchboard-readme-start-'));
    writeFileSync(join(root, 'package.json'), '{"private": true}\n');
    mkdirSync(join(root, 'specs'));
    return root;
  };
  /** The `npx switchboard …` lines of the first sh block after `heading`, as argument lists. */
  const commandsAfter = (heading: string) =>
    /```sh\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf(heading)))![1]!
      .trim()
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').replace(/^npx switchboard /, '').split(/\s+/));

  it('by hand: the two `switchboard new` commands shown write files that validate as they are', () => {
    const cwd = emptyProject();
    const commands = commandsAfter('## Add a provider in five minutes');
    expect(commands.map((c) => c.slice(0, 2))).toEqual([['new', 'provider'], ['new', 'function']]);
    for (const args of commands) {
      const run = switchboard(args, { cwd });
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^Wrote specs\/acme\/[a-z_]+\.yaml; it validates as it is\.\nFill in next:\n/);
    }
    expect(switchboard(['validate'], { cwd }).stdout).toBe('1 providers, 1 functions: all specs valid.\n');
  });

  it('from OpenAPI: the import shown prints exactly the report shown, and validate the problem shown', () => {
    const block = /```\n\$ npx switchboard (import openapi [^\n]*)\n([\s\S]*?)```/.exec(readme)!;
    const cwd = emptyProject();
    copyFileSync(join(REPO, 'packages/importer/test/fixtures/resend/resend.yaml'), join(cwd, 'resend.yaml'));
    const run = switchboard(block[1]!.split(' '), { cwd });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(block[2]);
    const shown = /```\n(resend\/[a-z_]+\.yaml:\d+:\d+: needs review[^\n]*)\n```/.exec(readme)![1]!;
    const [before, after] = shown.split(' … ');
    const problems = switchboard(['validate'], { cwd }).stderr.split('\n');
    expect(problems.filter((line) => line.startsWith(before!) && line.endsWith(after!))).toHaveLength(1);
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
