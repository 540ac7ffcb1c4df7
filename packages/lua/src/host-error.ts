/**
 * A host call's failure that a script can inspect. A host function rejects with a LuaHostError to
 * give the script more than text: `pcall` then returns a table of these fields plus `message`
 * (the text, prefixed with the calling script line as Lua's own errors are), whose `tostring`,
 * concatenation and string methods act on that message, so a script written for string errors
 * (`err:find("404")`, `"failed: " .. err`, `print(err)`) keeps working. Any other rejection stays a
 * string error.
 */
import { HostValueError, toPlainData, type PlainData } from './host-value.js';

export class LuaHostError extends Error {
  constructor(
    message: string,
    /** Plain data for the script, e.g. `{ code: 'not_found', status: 404 }`. A `message` field is replaced by the message. */
    readonly fields: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'LuaHostError';
  }
}

/** The fields a rejected host call gives the script, as plain data; undefined for a plain error or fields that are not data. */
export function errorFields(err: unknown): Record<string, PlainData> | undefined {
  if (!(err instanceof LuaHostError)) return undefined;
  try {
    const fields = toPlainData(err.fields);
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) return undefined;
    delete fields.message;
    return fields;
  } catch (e) {
    // Fields that are not data (nested too deep, circular): the script still gets the message.
    if (e instanceof HostValueError) return undefined;
    throw e;
  }
}
