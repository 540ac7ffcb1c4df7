import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../support.js';

/**
 * The published shape of every client: packed with `npm pack`, installed into
 * a project outside the workspace, imported, used, and type-checked there.
 */
const providers = readdirSync(join(REPO, 'packages/clients')).sort();
const bin = (name: string) => join(REPO, 'node_modules/.bin', name);
// publint and are-the-types-wrong run over every published package in publish.test.ts.

let consumer = '';

function pack(dir: string, into: string): string {
  const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', into], { cwd: dir, encoding: 'utf8' });
  return join(into, out.trim().split('\n').pop()!);
}

beforeAll(() => {
  const tarballs = mkdtempSync(join(tmpdir(), 'switchboard-tarballs-'));
  consumer = mkdtempSync(join(tmpdir(), 'switchboard-consumer-'));
  const packed = [pack(join(REPO, 'packages/runtime'), tarballs), ...providers.map((p) => pack(join(REPO, 'packages/clients', p), tarballs))];
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', '--loglevel=error', ...packed], { cwd: consumer, stdio: 'pipe' });
}, 120_000);

describe('packed clients installed outside the workspace', () => {
  it('import and build a request with dry run', () => {
    writeFileSync(
      join(consumer, 'use.mjs'),
      `import { Telnyx } from '@switchboard/telnyx';
const telnyx = new Telnyx({ apiKey: 'KEY_consumer_secret' });
const request = telnyx.core.prepare((await import('@switchboard/telnyx')).sendSmsOperation, { from: '+13125550123', to: '+19175550188', text: 'hi' });
console.log(JSON.stringify(request));
`,
    );
    const output = JSON.parse(execFileSync(process.execPath, ['use.mjs'], { cwd: consumer, encoding: 'utf8' }));
    expect(output).toMatchObject({ method: 'POST', url: 'https://api.telnyx.com/v2/messages' });
    expect(JSON.stringify(output)).not.toContain('KEY_consumer_secret');
  });

  it('type-check against a usage file in strict mode', () => {
    const imports = providers.map((p, i) => `import * as client${i} from '@switchboard/${p}';\nvoid client${i};`).join('\n');
    writeFileSync(
      join(consumer, 'usage.ts'),
      `${imports}
import { Telnyx, type SendSmsResponse } from '@switchboard/telnyx';
const telnyx = new Telnyx({ apiKey: 'k' });
export async function send(): Promise<string> {
  const sent: SendSmsResponse = await telnyx.sendSms({ to: '+19175550188', text: 'hi' });
  return sent.data.to[0]!.status;
}
`,
    );
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, types: [] }, files: ['usage.ts'] }),
    );
    execFileSync(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: consumer, encoding: 'utf8' });
  });
});
