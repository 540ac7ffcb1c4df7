/** Form pairs as the examples document them: a list is a repeated key, a nested object `key[sub]`. */
export function formPairs(body: unknown): Array<[string, string]> {
  if (body === null || typeof body !== 'object') return [];
  const pairs: Array<[string, string]> = [];
  const walk = (key: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) value.forEach((item) => walk(key, item));
    else if (typeof value === 'object') for (const [sub, v] of Object.entries(value)) walk(`${key}[${sub}]`, v);
    else pairs.push([key, String(value)]);
  };
  for (const [key, value] of Object.entries(body)) walk(key, value);
  return pairs;
}
