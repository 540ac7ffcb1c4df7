export type { AnsweredFile, ExampleRequest, ExampleResponse, ExampleRoute, FunctionExample, ProviderExamples, TokenEndpoint } from './examples.js';
export { tokenHandlers, tokenEndpointPattern } from './token-endpoint.js';
export { recordRequest, requestDifferences, type RecordedRequest } from './match.js';
export { answeredFile, bySpecificity, handlersFor, respond, serverPattern } from './handlers.js';
export { pageSequence, pagingProblems, itemsPathOf, type PageSequence, type PagingParam, type PagingSpec } from './pages.js';
