/** Bearer auth: the token field in the Authorization header. */

import type { AuthCode, AuthOf } from './auth.js';

export const bearerAuth: AuthCode<AuthOf<'bearer'>> = {
  fields: (auth) => [auth.tokenField],
  // Each kind builds its whole result: a spread of a shared empty one is slower on every call.
  parts: (auth, values) => ({ headers: { authorization: `Bearer ${values[auth.tokenField] ?? ''}` }, query: [], body: [] }),
};
