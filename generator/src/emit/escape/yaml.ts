/** Spec text inside YAML (markdown frontmatter). */

const PLAIN = /^[A-Za-z][A-Za-z0-9 .,·()'/_+-]*$/;

/**
 * A YAML scalar: left plain when it is unmistakably a plain string, else
 * double-quoted. JSON's string escaping is valid YAML double-quoted syntax.
 */
export function yamlString(text: string): string {
  return PLAIN.test(text) && !/ $/.test(text) && !/^(true|false|null|yes|no|on|off|~)$/i.test(text) ? text : JSON.stringify(text);
}
