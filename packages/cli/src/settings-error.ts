/**
 * The settings file cannot be used. The message names the file and, for a syntax error, the line
 * and column; it never quotes the file, which holds credentials. Kept apart from the reader so the
 * entry point can recognise it without loading the catalog.
 */
export class SettingsFileError extends Error {}
