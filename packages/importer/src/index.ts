export { importOpenApi, formatReport, type ImportOptions, type ImportResult, type ImportReport, type ImportedItem } from './import-openapi.js';
export { newProvider, newFunction, type NewProviderOptions, type NewFunctionOptions, type Scaffold } from './scaffold.js';
export { ImportError } from './openapi-document.js';
export { SNAPSHOT_FILE } from './reimport.js';
