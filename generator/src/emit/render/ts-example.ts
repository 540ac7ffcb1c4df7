import type { Example, Func, Provider } from '../../model.js';
import { tsString } from '../escape/ts.js';
import { jsLiteral } from './js-literal.js';

/** The variable name an example uses for the client: `telnyx`, `retell`. */
export const clientVariable = (provider: Provider) => provider.className.charAt(0).toLowerCase() + provider.className.slice(1);

const clientLine = (provider: Provider, account?: string | null) => `const ${clientVariable(provider)} = new ${provider.className}(${account ? `{ account: ${tsString(account)} }` : ''});`;
const callLine = (provider: Provider, func: Func, example: Example) =>
  `const result = await ${clientVariable(provider)}.${func.names.tsMethod}(${jsLiteral(example.arguments)});${func.returns.kind === 'file' ? `\n${FILE_RESULT_NOTE}` : ''}`;

/** What a download's example says of its result, which has no fields to show. */
const FILE_RESULT_NOTE = '// result is a File (name and type from the answer): await result.arrayBuffer(), result.stream()';

/** The TypeScript usage of one example, as shown in READMEs and docs (and run by tests). */
export function tsExample(provider: Provider, func: Func, example: Example): string {
  return [`import { ${provider.className} } from '${provider.packageName}';`, '', clientLine(provider, example.account), callLine(provider, func, example)].join('\n');
}

/**
 * One example as a method's TSDoc shows it: the call on the client variable that the class's own
 * TSDoc constructs (the way Stainless-generated SDKs show theirs), with the construction only when
 * the example needs a named account.
 */
export function tsExampleCall(provider: Provider, func: Func, example: Example): string {
  return [...(example.account ? [clientLine(provider, example.account)] : []), callLine(provider, func, example)].join('\n');
}

/** How the class's TSDoc shows constructing the client that the method examples call. */
export const tsClientSetup = (provider: Provider): string => [`import { ${provider.className} } from '${provider.packageName}';`, '', clientLine(provider)].join('\n');
