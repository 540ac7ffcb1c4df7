/**
 * Every runtime part an operation may carry (`OperationSpec.parts`), for operations written by hand
 * (tests, the loader's example check) rather than generated: a generated literal imports only the
 * parts it uses, so that a program bundles only those.
 */

import { renameDeprecatedArguments } from './deprecation.js';
import { selectedEndpoints } from './endpoint.js';
import { formBody } from './form-body.js';
import { multipartBody } from './multipart-body.js';
import { binaryBody } from './binary-body.js';
import { downloadedFile } from './download.js';
import { nestedBody } from './body-nesting.js';
import { allFormats } from './formats.js';
import { idempotencyHeader } from './idempotency-key.js';
import { encodeRelativePathValue } from './path-relative.js';
import { queryPairs, toPairs } from './query.js';
import { requiredGroupIssues } from './required-groups.js';
import { withValuesSentWhenOmitted } from './sent-when-omitted.js';
import { allChecks } from './rule-checks.js';
import type { OperationParts, ProviderParts } from './spec.js';
import { apiKeyAuth } from './auth-api-key.js';
import { basicAuth } from './auth-basic.js';
import { bearerAuth } from './auth-bearer.js';
import { oauth2Auth } from './auth-oauth2.js';
import type { AuthKinds } from './auth.js';
import { accountParts } from './account-parts.js';
import { rateLimitParts } from './rate-limit.js';
import { failureInBodyParts } from './failure-in-body.js';
import { errorDetailsParts } from './error-details.js';
import { allTransforms } from './transforms.js';
import { SwitchboardError } from './errors.js';
import { cursorPaging } from './paging-cursor.js';
import { nextLinkPaging } from './paging-next-link.js';
import { offsetPaging } from './paging-offset.js';
import { pageNumberPaging } from './paging-page.js';
import type { PagingStrategy } from './pagination.js';
import type { PaginationSpec } from './spec.js';

const STRATEGIES: Record<PaginationSpec['strategy'], PagingStrategy> = { page: pageNumberPaging, offset: offsetPaging, cursor: cursorPaging, next_link: nextLinkPaging };

/** Whichever strategy the operation pages by (a generated literal carries only its own). */
const anyPaging: PagingStrategy = (op, args, limits) => {
  const strategy = op.pagination ? STRATEGIES[op.pagination.strategy] : undefined;
  if (strategy === undefined) throw new SwitchboardError(`${op.id} has no pagination strategy to walk by.`);
  return strategy(op, args, limits);
};

export const allParts: Required<OperationParts> = {
  rename: renameDeprecatedArguments,
  groups: requiredGroupIssues,
  keyHeader: idempotencyHeader,
  endpoint: selectedEndpoints,
  path: encodeRelativePathValue,
  transforms: allTransforms,
  pairs: toPairs,
  query: queryPairs,
  omitted: withValuesSentWhenOmitted,
  form: formBody,
  multipart: multipartBody,
  binary: binaryBody,
  nesting: nestedBody,
  formats: allFormats,
  checks: allChecks,
  paging: anyPaging,
  download: downloadedFile,
};

/** Every auth kind, for providers written by hand (tests, the loader's example check). */
export const allAuthKinds: Required<AuthKinds> = { bearer: bearerAuth, basic: basicAuth, api_key: apiKeyAuth, oauth2_client_credentials: oauth2Auth };

/** Every provider part (`ProviderSpec.parts`), for providers written by hand. */
export const allProviderParts: Required<ProviderParts> = { auth: allAuthKinds, accounts: accountParts, rateLimit: rateLimitParts, failureInBody: failureInBodyParts, errorDetails: errorDetailsParts };
