/** Colours through chalk; imported only when colour is on, so a plain run does not load chalk. */
import { Chalk, type ChalkInstance } from 'chalk';
import type { FrameStyle } from '../live/frame.js';
import type { Palette } from '../observe/sink.js';

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
