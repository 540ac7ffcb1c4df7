/**
 * wasmoon as the Lua host imports it, with its wasm served by this site: wasmoon's own
 * browser default is a CDN URL, and the sandbox runs offline.
 */
import * as wasmoon from 'wasmoon-dist';
import wasmUrl from 'wasmoon-dist-wasm?url';

type Factory = typeof import('wasmoon').LuaFactory;
const real = ((wasmoon as { LuaFactory?: Factory }).LuaFactory ?? (wasmoon as unknown as { default: { LuaFactory: Factory } }).default.LuaFactory) as Factory;

export class LuaFactory extends real {
  constructor(customWasmUri?: string, environmentVariables?: Record<string, string>) {
    super(customWasmUri ?? wasmUrl, environmentVariables);
  }
}
