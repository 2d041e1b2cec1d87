import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Golden frames live in test/fixtures and must match byte for byte. To create or
 * update one after a deliberate change, run with UPDATE_GOLDEN=1, then review and commit it.
 */
export function golden(name: string, lines: readonly string[]): void {
  const url = new URL(`../fixtures/${name}`, import.meta.url);
  const text = lines.join('\n') + '\n';
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(url, text);
  expect(existsSync(url)).toBe(true);
  expect(text).toBe(readFileSync(url, 'utf8'));
}
