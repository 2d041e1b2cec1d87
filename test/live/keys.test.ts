import { CTRL_C, keyAction, MAX_LIVE_SPEED, MIN_LIVE_SPEED, splitKeys } from '../../src/live/keys.js';

const running = { paused: false, speed: 1 };

describe('live keys', () => {
  test('space pauses a running view and resumes a paused one', () => {
    expect(keyAction(' ', running)).toEqual({ kind: 'pause' });
    expect(keyAction(' ', { paused: true, speed: 1 })).toEqual({ kind: 'resume' });
  });

  test('+ doubles and - halves the speed, whether paused or not', () => {
    expect(keyAction('+', { paused: false, speed: 3 })).toEqual({ kind: 'speed', speed: 6 });
    expect(keyAction('-', { paused: true, speed: 3 })).toEqual({ kind: 'speed', speed: 1.5 });
    // The unshifted keys of + and - on common layouts do the same.
    expect(keyAction('=', running)).toEqual({ kind: 'speed', speed: 2 });
    expect(keyAction('_', running)).toEqual({ kind: 'speed', speed: 0.5 });
  });

  test('speed stays within bounds, and a key at the bound does nothing', () => {
    expect(keyAction('+', { paused: false, speed: 600_000 })).toEqual({ kind: 'speed', speed: MAX_LIVE_SPEED });
    expect(keyAction('+', { paused: false, speed: MAX_LIVE_SPEED })).toEqual({ kind: 'none' });
    expect(keyAction('-', { paused: false, speed: 0.02 })).toEqual({ kind: 'speed', speed: MIN_LIVE_SPEED });
    expect(keyAction('-', { paused: false, speed: MIN_LIVE_SPEED })).toEqual({ kind: 'none' });
  });

  test('a run started slower than the slowest key speed (--speed 0.001): - does nothing, + doubles', () => {
    expect(keyAction('-', { paused: false, speed: 0.001 })).toEqual({ kind: 'none' });
    expect(keyAction('+', { paused: false, speed: 0.001 })).toEqual({ kind: 'speed', speed: 0.002 });
  });

  test('q, Q and Ctrl-C quit', () => {
    for (const key of ['q', 'Q']) expect(keyAction(key, running)).toEqual({ kind: 'quit', key: 'q' });
    expect(keyAction(CTRL_C, running)).toEqual({ kind: 'quit', key: 'Ctrl-C' }); // named so in the stop message
  });

  test('other keys and escape sequences do nothing', () => {
    for (const key of ['x', '\r', '\u001b[A', '\u001b', 'é']) expect(keyAction(key, running)).toEqual({ kind: 'none' });
  });

  test('a chunk splits into keys, escape sequences kept whole', () => {
    expect(splitKeys('++ q')).toEqual(['+', '+', ' ', 'q']);
    expect(splitKeys('\u001b[A\u001b[1;5C+\u001bOP-')).toEqual(['\u001b[A', '\u001b[1;5C', '+', '\u001bOP', '-']);
    expect(splitKeys('\u001b')).toEqual(['\u001b']);
    expect(splitKeys('🙂q')).toEqual(['🙂', 'q']);
    expect(splitKeys('')).toEqual([]);
  });
});
