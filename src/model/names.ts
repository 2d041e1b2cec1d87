/** Names of workers, sources and stages: shown in log lines, so printable and short. */
export const MAX_NAME_LENGTH = 64;

// Control, format, unassigned, private-use and surrogate code points: they would corrupt the terminal.
const UNPRINTABLE = /[\p{C}\p{Zl}\p{Zp}]/u;

/** Why `name` cannot be used, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'a name is empty';
  if (UNPRINTABLE.test(name)) return 'a name has a control character';
  if ([...name].length > MAX_NAME_LENGTH) return 'a name is too long';
  if (name !== name.trim()) return 'a name has spaces around it';
  return undefined;
}
