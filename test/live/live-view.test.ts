import { WallClockPacing } from '../../src/core/pacing.js';
import { LiveView, type FrameTimer } from '../../src/live/live-view.js';
import type { LiveState } from '../../src/live/live-state.js';
import { SHOW_CURSOR, LEAVE_ALT_SCREEN, TerminalSession } from '../../src/live/terminal.js';
import { FakeHooks, FakeInput, FakeOutput } from '../helpers/fake-terminal.js';
import { DEMO, stateAt } from '../helpers/live.js';

class FakeFrameTimer implements FrameTimer {
  tick: (() => void) | undefined;
  ms: number | undefined;
  setInterval(callback: () => void, ms: number): unknown {
    this.tick = callback;
    this.ms = ms;
    return 7;
  }
  clearInterval(handle: unknown): void {
    if (handle === 7) this.tick = undefined;
  }
}

async function setUp(state?: LiveState): Promise<{
  view: LiveView;
  pacing: WallClockPacing;
  input: FakeInput;
  output: FakeOutput;
  timer: FakeFrameTimer;
  clock: { now: number };
  events: string[];
}> {
  const clock = { now: 0 };
  const pacing = new WallClockPacing({ speed: 1, now: () => clock.now });
  pacing.start();
  const input = new FakeInput();
  const output = new FakeOutput(80, 24);
  const timer = new FakeFrameTimer();
  const events: string[] = [];
  const view = new LiveView({
    state: state ?? (await stateAt(DEMO, 7.5)),
    pacing,
    session: new TerminalSession(input, output, new FakeHooks()),
    onQuit: (key) => events.push(`quit:${key}`),
    onSignal: (signal) => events.push(signal),
    onError: (error) => events.push(`error:${error instanceof Error ? error.message : String(error)}`),
    timer,
  });
  return { view, pacing, input, output, timer, clock, events };
}

/** The text of the frame drawn last (row 1 of it). */
function lastHeader(output: FakeOutput): string {
  const at = output.written.lastIndexOf('\u001b[1;1H');
  return output.written.slice(at + 6, output.written.indexOf('\u001b[2;1H', at));
}

describe('LiveView', () => {
  test('draws at once on opening, then on a timer a few times a second, at the pacing clock', async () => {
    const { view, output, timer, clock } = await setUp();
    view.open();
    // The pacing clock is at 0, but the state has seen events up to 7 s: the shown time never goes back.
    expect(lastHeader(output)).toMatch(/^qsim live {2}t=7\.0s/);
    expect(timer.ms).toBeGreaterThanOrEqual(100);
    expect(timer.ms).toBeLessThanOrEqual(250);
    clock.now = 9000;
    timer.tick?.();
    expect(lastHeader(output)).toMatch(/^qsim live {2}t=9\.0s/);
  });

  test('space pauses and resumes the pacing; the frame shows it at once', async () => {
    const { view, pacing, input, output, clock } = await setUp();
    view.open();
    clock.now = 8000;
    input.type(' ');
    expect(pacing.paused).toBe(true);
    expect(lastHeader(output)).toMatch(/t=8\.0s .* PAUSED$/);
    clock.now = 20_000;
    input.type(' ');
    expect(pacing.paused).toBe(false);
    expect(pacing.virtualTime()).toBe(8);
    expect(lastHeader(output)).toMatch(/t=8\.0s .* running$/);
  });

  test('+ and - change the speed from the current virtual time, without a jump', async () => {
    const { view, pacing, input, output, clock } = await setUp();
    view.open();
    clock.now = 9000;
    input.type('++');
    expect(pacing.speed).toBe(4);
    expect(pacing.virtualTime()).toBe(9);
    expect(lastHeader(output)).toMatch(/speed 4x/);
    input.type('-');
    expect(pacing.speed).toBe(2);
    expect(pacing.virtualTime()).toBe(9);
  });

  test('q and Ctrl-C ask to quit; keys after a quit in the same chunk are ignored', async () => {
    const { view, pacing, input, events } = await setUp();
    view.open();
    input.type('q ');
    expect(events).toEqual(['quit:q']);
    expect(pacing.paused).toBe(false);
    input.type('\u0003');
    expect(events).toEqual(['quit:q', 'quit:Ctrl-C']);
  });

  test('two quits in one chunk (qq typed fast, or pasted) are two quits, other keys after a quit nothing', async () => {
    const { view, pacing, input, events } = await setUp();
    view.open();
    input.type('q q');
    expect(events).toEqual(['quit:q', 'quit:q']);
    expect(pacing.paused).toBe(false);
  });

  test('closing stops the timer, draws the last frame and gives the terminal back', async () => {
    const { view, input, output, timer } = await setUp();
    view.open();
    view.close();
    expect(timer.tick).toBeUndefined();
    expect(input.isRaw).toBe(false);
    expect(output.written.endsWith(SHOW_CURSOR + LEAVE_ALT_SCREEN)).toBe(true);
    view.close();
  });

  test('a failure while drawing is reported, not thrown into the timer', async () => {
    const broken = { snapshot: () => { throw new Error('no snapshot'); } } as unknown as LiveState;
    const { view, timer, events } = await setUp(broken);
    expect(() => view.open()).toThrow('no snapshot'); // the first frame is drawn by open() itself
    timer.tick?.();
    expect(events).toEqual(['error:no snapshot']);
    view.close();
  });
});
