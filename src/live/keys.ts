/**
 * The live view's keys, as pure functions: what a key press asks for, given
 * whether the run is paused and how fast it goes. The terminal session feeds
 * raw stdin chunks to `splitKeys`, and the view applies each action.
 *
 *   space       pause / resume
 *   + (or =)    double the speed
 *   - (or _)    halve the speed
 *   q, Ctrl-C   quit (in raw mode Ctrl-C arrives as a byte, not as SIGINT)
 */

export type KeyAction =
  | { readonly kind: 'pause' }
  | { readonly kind: 'resume' }
  | { readonly kind: 'speed'; readonly speed: number }
  /** `key` names the key pressed, as the stop message shows it. */
  | { readonly kind: 'quit'; readonly key: 'q' | 'Ctrl-C' }
  | { readonly kind: 'none' };

export interface KeyContext {
  readonly paused: boolean;
  readonly speed: number;
}

/** Speed bounds for +/-: from 1/64 of real time up to the CLI's --speed limit. */
export const MIN_LIVE_SPEED = 1 / 64;
export const MAX_LIVE_SPEED = 1e6;

export const CTRL_C = '\u0003';
const ESCAPE = '\u001b';
// An escape sequence (arrow keys, function keys, mouse reports): CSI or SS3 with its parameters and final byte.
// eslint-disable-next-line no-control-regex -- matching the escape byte is the point
const ESCAPE_SEQUENCE = /^\u001b(?:\[[0-?]*[ -/]*[@-~]|O.)?/;

/** Splits a chunk read from a raw-mode terminal into keys: one per character, one per escape sequence. */
export function splitKeys(chunk: string): string[] {
  const keys: string[] = [];
  let rest = chunk;
  while (rest !== '') {
    const key = rest.startsWith(ESCAPE) ? (ESCAPE_SEQUENCE.exec(rest)?.[0] ?? ESCAPE) : String.fromCodePoint(rest.codePointAt(0) ?? 0);
    keys.push(key);
    rest = rest.slice(key.length);
  }
  return keys;
}

/**
 * What pressing `key` asks for. A speed at its bound, or beyond it (--speed 0.001), asks for nothing: a key
 * never moves the speed the other way.
 */
export function keyAction(key: string, context: KeyContext): KeyAction {
  switch (key) {
    case ' ':
      return { kind: context.paused ? 'resume' : 'pause' };
    case '+':
    case '=':
      return context.speed >= MAX_LIVE_SPEED ? { kind: 'none' } : { kind: 'speed', speed: Math.min(MAX_LIVE_SPEED, context.speed * 2) };
    case '-':
    case '_':
      return context.speed <= MIN_LIVE_SPEED ? { kind: 'none' } : { kind: 'speed', speed: Math.max(MIN_LIVE_SPEED, context.speed / 2) };
    case 'q':
    case 'Q':
      return { kind: 'quit', key: 'q' };
    case CTRL_C:
      return { kind: 'quit', key: 'Ctrl-C' };
    default:
      return { kind: 'none' };
  }
}
