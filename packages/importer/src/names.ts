/** `sendMessage`, `Send-Message`, `page[size]`, `voice.connection_name` → `send_message`, `page_size`, `voice_connection_name`. */
export function snakeCase(text: string): string {
  const words = text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const name = words.join('_');
  return /^[a-z]/.test(name) ? name : `n_${name || 'value'}`;
}

/** `send_message` → `Send Message`. */
export function titleCase(snake: string): string {
  return snake
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/** A name not yet in `taken`, by suffixing `_2`, `_3`…; the result is added to `taken`. */
export function unique(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(candidate); i++) candidate = `${name}_${i}`;
  taken.add(candidate);
  return candidate;
}
