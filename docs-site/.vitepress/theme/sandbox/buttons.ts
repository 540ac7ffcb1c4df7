/**
 * "Run in sandbox" on every Lua and TypeScript example block the generator marked (a
 * `.sb-sandbox` after the example's code group). The runner is loaded on the first click, so
 * reading a page costs nothing; the output lands under the example.
 */

const RUNNABLE = [
  { block: 'div.language-lua', language: 'lua' },
  { block: 'div.language-ts', language: 'ts' },
] as const;

async function run(language: 'lua' | 'ts', code: string) {
  const sandbox = await import('./run.js');
  return language === 'lua' ? sandbox.runLuaExample(code) : sandbox.runTypeScriptExample(code);
}

function enhance(marker: HTMLElement): void {
  const group = marker.previousElementSibling;
  if (!group?.classList.contains('vp-code-group') || marker.dataset.ready) return;
  marker.dataset.ready = 'true';
  for (const { block, language } of RUNNABLE) {
    const container = group.querySelector<HTMLElement>(`.blocks > ${block}`);
    const code = container?.querySelector('pre code')?.textContent;
    if (!container || !code) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sb-run';
    button.textContent = 'Run in sandbox';
    button.dataset.language = language;
    button.addEventListener('click', async () => {
      button.disabled = true;
      marker.hidden = false;
      marker.dataset.state = 'running';
      marker.dataset.language = language;
      marker.textContent = `Running the ${language === 'lua' ? 'Lua' : 'TypeScript'} example offline against the documented mock responses…`;
      try {
        const result = await run(language, code);
        marker.dataset.state = result.ok ? 'ok' : 'error';
        marker.textContent = '';
        const title = document.createElement('p');
        title.className = 'sb-run-title';
        title.textContent = `${language === 'lua' ? 'Lua' : 'TypeScript'} sandbox output (no network, no credentials)`;
        const output = document.createElement('pre');
        output.className = 'sb-run-output';
        output.textContent = result.output || '(no output)';
        marker.append(title, output);
      } catch (error) {
        marker.dataset.state = 'error';
        marker.textContent = `The sandbox could not run: ${error instanceof Error ? error.message : String(error)}`;
      } finally {
        button.disabled = false;
      }
    });
    container.append(button);
  }
}

/** Adds the buttons to the current page; safe to call after every navigation. */
export function addSandboxButtons(): void {
  document.querySelectorAll<HTMLElement>('.vp-doc .sb-sandbox').forEach(enhance);
}
