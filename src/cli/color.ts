import { Chalk, type ChalkInstance } from 'chalk';
import type { FrameStyle } from '../live/frame.js';
import type { Palette } from '../observe/sink.js';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Whether to colour stdout. Precedence, strongest first: --color/--no-color;
 * FORCE_COLOR (any value but "0" or "false" forces colour on, as in Node.js,
 * where it overrides NO_COLOR); NO_COLOR (any non-empty value turns colour
 * off, see no-color.org); otherwise colour only on a terminal that is not "dumb".
 * chalk reads none of this by itself here: the level is set explicitly.
 */
export function colourEnabled(flag: boolean | undefined, env: Env, isTTY: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  return isTTY && env['TERM'] !== 'dumb';
}

/** One colour per worker, cycling; basic 16-colour codes so the bytes are the same on every terminal. */
const WORKER_COLOURS = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red', 'cyanBright', 'magentaBright', 'yellowBright', 'greenBright', 'blueBright', 'redBright'] as const;

export function chalkPalette(): Palette {
  const chalk: ChalkInstance = new Chalk({ level: 1 });
  const styles = WORKER_COLOURS.map((name) => chalk[name]);
  return {
    worker: (index, text) => (styles[index % styles.length] as ChalkInstance)(text),
  };
}

/** The live view's colours: workers as in the log, plus dim, alert and strong text. */
export function chalkFrameStyle(): FrameStyle {
  const chalk: ChalkInstance = new Chalk({ level: 1 });
  const palette = chalkPalette();
  return {
    worker: palette.worker,
    dim: (text) => chalk.dim(text),
    alert: (text) => chalk.inverse.red(text),
    strong: (text) => chalk.bold(text),
  };
}
