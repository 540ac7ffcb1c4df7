/**
 * Names the generated client code takes for itself. The client emitter writes them; the loader
 * refuses a spec whose derived names would take one, so such a spec fails at its own line instead
 * of breaking the client's build (or worse, building a client that misbehaves).
 * `generator/test/client-names.test.ts` reads the generated clients and fails when these lists
 * fall behind what the emitter writes.
 */

/** Members every generated client class declares besides its functions' methods. */
export const CLIENT_CLASS_MEMBERS: ReadonlySet<string> = new Set(['constructor', 'core', 'withOptions']);

/**
 * Members every object inherits: a method `toString` or `valueOf` that returns a promise breaks
 * string conversion and comparison of the client, so no function's method may take one.
 */
export const INHERITED_MEMBERS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * The runtime's types (not values: the loader checks those against the runtime's exports) the
 * generated modules import by name; a client class or options type of that name would collide.
 */
export const RUNTIME_TYPE_IMPORTS: ReadonlySet<string> = new Set(['ClientOptions', 'ProviderSpec', 'RequestOptions', 'OperationSpec', 'UnavailableOperationSpec', 'ArgsOf', 'OperationParts']);

/**
 * Words an ES module cannot declare as a function (`export function delete` does not parse):
 * JavaScript's reserved words, those of strict mode (modules are strict) and `await` in modules.
 */
export const JS_RESERVED_WORDS: ReadonlySet<string> = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends',
  'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this',
  'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with',
  'implements', 'interface', 'let', 'package', 'private', 'protected', 'public', 'static', 'yield', 'await', 'eval', 'arguments',
]);

/** Lua's reserved words: `app.integrations.acme.end{…}` does not parse, so no segment of a Lua path may be one. */
export const LUA_KEYWORDS: ReadonlySet<string> = new Set([
  'and', 'break', 'do', 'else', 'elseif', 'end', 'false', 'for', 'function', 'goto', 'if', 'in', 'local', 'nil', 'not', 'or',
  'repeat', 'return', 'then', 'true', 'until', 'while',
]);
