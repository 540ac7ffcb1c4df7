import { bindingsEmitter } from './bindings.js';
import { catalogEmitter } from './catalog.js';
import { clientEmitter } from './client/index.js';
import { contractTestsEmitter } from './contract-tests.js';
import { docsEmitter } from './docs.js';
import type { Emitter } from './emitter.js';
import { mocksEmitter } from './mocks.js';

/** Every output kind, in the order they run. A new output kind is one more entry. */
export const emitters: Emitter[] = [catalogEmitter, clientEmitter, mocksEmitter, contractTestsEmitter, bindingsEmitter, docsEmitter];
