/**
 * A value as an error message shows it: a number as written, anything else
 * with its type, so that p.sleep('1') does not read "got 1" as if 1 were refused.
 */
export function shownValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `${JSON.stringify(value)} (a string)`;
  if (value === null || value === undefined) return String(value);
  return `a ${typeof value === 'object' ? (Array.isArray(value) ? 'array' : 'object') : typeof value}`;
}
