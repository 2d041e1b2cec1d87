
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Whether to colour stdout. Precedence, strongest first: --color/--no-color;
 * FORCE_COLOR (any value but "0" or "false" forces colour on, as in Node.js,
 * where it overrides NO_COLOR); NO_COLOR (any non-empty value turns colour
 * off, see no-color.org); otherwise colour only on a terminal that is not "dumb".
 * chalk reads none of this by itself here: the level is set explicitly
 * (chalk-styles.ts, loaded only when colour is on).
 */
export function colourEnabled(flag: boolean | undefined, env: Env, isTTY: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  return isTTY && env['TERM'] !== 'dumb';
}
