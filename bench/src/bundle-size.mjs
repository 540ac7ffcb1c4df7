// Part 3: bundle size of a program that sends one SMS (or places one Retell call), bundled
// with esbuild (--bundle --minify --format=esm --target=es2022), for the browser (the export
// conditions a web app gets: fetch transport) and for Node (node:http transport; node: builtins
// stay external), measured minified and gzip -9 (node:zlib). Biggest contributors come from
// esbuild's metafile.
import { build } from 'esbuild';
import { builtinModules } from 'node:module';
import { gzipSync } from 'node:zlib';
import { BENCH_DIR } from './proc.mjs';

const SMS = `{ from: '+13125550123', to: '+19175550188', text: 'Hello' }`;
export const PROGRAMS = {
  'raw fetch (Telnyx POST /messages)': `const r = await fetch('https://api.telnyx.com/v2/messages', { method: 'POST', headers: { authorization: 'Bearer ' + process.env.TELNYX_API_KEY, 'content-type': 'application/json' }, body: JSON.stringify(${SMS}) });\nconsole.log(await r.json());`,
  'ours: import { Telnyx }': `import { Telnyx } from '@switchboard/telnyx';\nconsole.log(await new Telnyx().sendSms(${SMS}));`,
  'ours: import { createCore, sendSms }': `import { createCore, sendSms } from '@switchboard/telnyx';\nconsole.log(await sendSms(createCore(), ${SMS}));`,
  // The floor: the same call written by hand with what the issue keeps (typed errors, checks before sending, redaction, retry safety, dry run).
  'hand-written floor: sendSms (bench/src/minimal-send-sms.mjs)': `import { createCore, sendSms } from './src/minimal-send-sms.mjs';\nconsole.log(await sendSms(createCore(), ${SMS}));`,
  'official telnyx SDK': `import Telnyx from 'telnyx';\nconsole.log(await new Telnyx({ apiKey: process.env.TELNYX_API_KEY }).messages.send(${SMS}));`,
  'ours: Retell createPhoneCall (tree-shaken)': `import { createCore, createPhoneCall } from '@switchboard/retell-ai';\nconsole.log(await createPhoneCall(createCore(), { options: { from_number: '+14157774444', to_number: '+12137774445' } }));`,
  'ours: import { Retell }': `import { Retell } from '@switchboard/retell-ai';\nconsole.log(await new Retell().createPhoneCall({ options: { from_number: '+14157774444', to_number: '+12137774445' } }));`,
  'official retell-sdk': `import Retell from 'retell-sdk';\nconsole.log(await new Retell({ apiKey: process.env.RETELL_API_KEY }).call.createPhoneCall({ from_number: '+14157774444', to_number: '+12137774445' }));`,
};

/** Contributor name: a file of ours (packages/...), or an npm package's top-level folder. */
const groupOf = (path) => {
  const ours = path.match(/packages\/(?:clients\/)?(.*)$/);
  if (ours && !path.includes('node_modules')) return ours[1].replace('/dist/', '/');
  const m = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/);
  if (!m) return path;
  return ['telnyx', 'retell-sdk'].includes(m[1]) ? `${m[1]}/${m[2].split('/')[0].replace(/\.m?js$/, '')}` : m[1];
};
/** Coarse area: our runtime, our client, or a package. */
const areaOf = (path) => {
  if (path.includes('packages/runtime/')) return 'runtime';
  if (path.includes('packages/clients/')) return 'client code';
  const m = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  return m ? m[1] : 'entry';
};

const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

export async function bundleSize({ platforms = ['browser', 'node'] } = {}) {
  const out = [];
  for (const platform of platforms)
  for (const [name, source] of Object.entries(PROGRAMS)) {
    const r = await build({
      stdin: { contents: source, resolveDir: BENCH_DIR, loader: 'js', sourcefile: 'entry.mjs' },
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2022',
      platform,
      // The official SDKs import Node builtins (webhook signing) even from browser builds; left
      // external so they bundle at all. What a bundle still imports from them is reported.
      external: platform === 'browser' ? NODE_BUILTINS : [],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const code = r.outputFiles[0].contents;
    const [output] = Object.values(r.metafile.outputs);
    const groups = new Map();
    const areas = new Map();
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      groups.set(groupOf(path), (groups.get(groupOf(path)) ?? 0) + bytesInOutput);
      areas.set(areaOf(path), (areas.get(areaOf(path)) ?? 0) + bytesInOutput);
    }
    out.push({
      program: name,
      platform,
      minifiedBytes: code.length,
      gzipBytes: gzipSync(code, { level: 9 }).length,
      modules: Object.keys(output.inputs).length,
      nodeImports: [...new Set(output.imports.filter((i) => i.external).map((i) => i.path))].sort(),
      areas: Object.fromEntries([...areas].sort((a, b) => b[1] - a[1])),
      biggest: [...groups].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([group, bytes]) => ({ group, bytes })),
    });
  }
  return out;
}
