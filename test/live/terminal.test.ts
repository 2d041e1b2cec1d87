import {
  ENTER_ALT_SCREEN,
  HIDE_CURSOR,
  LEAVE_ALT_SCREEN,
  SHOW_CURSOR,
  TerminalSession,
  type SessionHandlers,
} from '../../src/live/terminal.js';
import { FakeHooks, FakeInput, FakeOutput } from '../helpers/fake-terminal.js';

function setUp(): { input: FakeInput; output: FakeOutput; hooks: FakeHooks; session: TerminalSession; seen: string[]; handlers: SessionHandlers } {
  const input = new FakeInput();
  const output = new FakeOutput(80, 24);
  const hooks = new FakeHooks();
  const seen: string[] = [];
  const handlers: SessionHandlers = {
    onKeys: (chunk) => seen.push(`keys:${chunk}`),
    onResize: () => seen.push('resize'),
    onSignal: (signal) => seen.push(`signal:${signal}`),
  };
  return { input, output, hooks, session: new TerminalSession(input, output, hooks), seen, handlers };
}

function expectRestored(t: ReturnType<typeof setUp>): void {
  const { input, output, hooks } = t;
  expect(input.isRaw).toBe(false);
  expect(input.flowing).toBe(false);
  expect(input.listening).toBe(0);
  expect(output.listening).toBe(0);
  for (const event of ['exit', 'SIGINT', 'SIGTERM', 'SIGHUP']) expect(hooks.count(event)).toBe(0);
  const written = output.written;
  expect(written.lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(written.lastIndexOf(HIDE_CURSOR));
  expect(written.lastIndexOf(LEAVE_ALT_SCREEN)).toBeGreaterThan(written.lastIndexOf(ENTER_ALT_SCREEN));
  expect(written.endsWith(LEAVE_ALT_SCREEN)).toBe(true);
}

describe('TerminalSession', () => {
  test('opening enters the alternate screen, hides the cursor, reads keys raw and hooks exit and signals', () => {
    const t = setUp();
    t.session.open(t.handlers);
    expect(t.output.written.startsWith(ENTER_ALT_SCREEN + HIDE_CURSOR)).toBe(true);
    expect(t.input.isRaw).toBe(true);
    expect(t.input.flowing).toBe(true);
    expect(t.input.encoding).toBe('utf8');
    for (const event of ['exit', 'SIGINT', 'SIGTERM', 'SIGHUP']) expect(t.hooks.count(event)).toBe(1);
  });

  test('keys, resizes and signals reach the handlers while open', () => {
    const t = setUp();
    t.session.open(t.handlers);
    t.input.type('+q');
    t.output.resize(100, 30);
    t.hooks.emit('SIGTERM');
    expect(t.seen).toEqual(['keys:+q', 'resize', 'signal:SIGTERM']);
    expect([t.session.columns, t.session.rows]).toEqual([100, 30]);
  });

  test('closing restores everything, once; later closes write nothing', () => {
    const t = setUp();
    t.session.open(t.handlers);
    t.session.close();
    expectRestored(t);
    const written = t.output.written;
    t.session.close();
    expect(t.output.written).toBe(written);
    t.input.type('q');
    expect(t.seen).toEqual([]);
  });

  test('a raw mode that was on before is left on', () => {
    const t = setUp();
    t.input.isRaw = true;
    t.session.open(t.handlers);
    t.session.close();
    expect(t.input.isRaw).toBe(true);
  });

  test('the process exiting with the session open restores the terminal', () => {
    const t = setUp();
    t.session.open(t.handlers);
    t.hooks.emit('exit');
    expectRestored(t);
  });

  test('closing restores the screen even when raw mode cannot be turned off (the terminal hung up)', () => {
    const t = setUp();
    t.session.open(t.handlers);
    t.input.setRawMode = () => {
      throw new Error('EIO');
    };
    t.session.close();
    expect(t.output.written.endsWith(SHOW_CURSOR + LEAVE_ALT_SCREEN)).toBe(true);
    expect(t.hooks.count('exit')).toBe(0);
  });

  test('frames: each line at its row, an unchanged frame is not sent again, a resize sends it whole', () => {
    const t = setUp();
    t.session.open(t.handlers);
    const start = t.output.written.length;
    t.session.draw(['ab', 'cd']);
    const first = t.output.written.slice(start);
    expect(first).toContain('\u001b[1;1Hab\u001b[2;1Hcd');
    t.session.draw(['ab', 'cd']);
    expect(t.output.written.length).toBe(start + first.length);
    t.output.resize(90, 20);
    t.session.draw(['ab', 'cd']);
    expect(t.output.written.length).toBe(start + 2 * first.length);
  });

  test('a session opens only once and draws nothing after closing', () => {
    const t = setUp();
    t.session.open(t.handlers);
    expect(() => t.session.open(t.handlers)).toThrow(/once/);
    t.session.close();
    const written = t.output.written;
    t.session.draw(['late']);
    expect(t.output.written).toBe(written);
  });

  test('a terminal reporting size 0 (a bare pseudo-terminal) is taken as 80 x 24', () => {
    const t = setUp();
    t.output.resize(0, 0);
    expect([t.session.columns, t.session.rows]).toEqual([80, 24]);
  });
});
