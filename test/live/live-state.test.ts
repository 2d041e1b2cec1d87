import { LiveState, scenarioSummary } from '../../src/live/live-state.js';
import type { Worker } from '../../src/model/events.js';
import type { Item } from '../../src/model/item.js';
import { simulateRun } from '../../src/model/run.js';
import { TextLog } from '../../src/observe/text-log.js';
import { configOf, DEMO, scenarioOf, stateAt, type DemoShape } from '../helpers/live.js';

const clock = (time: number): { time: number; speed: number; paused: boolean } => ({ time, speed: 1, paused: false });
const producer: Worker = { name: 'producer-1', role: 'producer', index: 0, group: 0 };
const fred: Worker = { name: 'Fred', role: 'consumer', index: 0, group: 0 };
const george: Worker = { name: 'George', role: 'consumer', index: 1, group: 0 };
const item = (id: number): Item => ({ id, producer: 0, bornAt: 0, enteredAt: 0, failures: 0, putBy: producer });

function started(shape: DemoShape = { ...DEMO, capacity: 2 }): LiveState {
  const state = new LiveState();
  state.runStarted({ scenario: scenarioOf(shape), producers: [producer], consumers: [fred, george], seed: shape.seed });
  return state;
}

describe('LiveState', () => {
  test('the log tail holds exactly the lines the text log prints, each tagged with its worker colour', async () => {
    let printed = '';
    await simulateRun(configOf(DEMO), { observers: [new TextLog({ write: (text) => (printed += text) })] });
    const state = await stateAt(DEMO);
    const log = state.snapshot(clock(0)).log;
    expect(log.map((l) => l.text).join('\n') + '\n').toBe(printed);
    for (const line of log) {
      const expected = line.text.startsWith('[ Fred ]') ? 0 : line.text.startsWith('[George]') ? 1 : -1;
      expect(line.colour).toBe(expected);
    }
    expect(log.at(-1)).toEqual({ text: 'Queue size is now 0', colour: -1 });
  });

  test('the log tail keeps only the newest lines', async () => {
    let printed = '';
    const state = new LiveState({ logLines: 5 });
    await simulateRun(configOf(DEMO), { observers: [state, new TextLog({ write: (text) => (printed += text) })] });
    const newest = printed.trimEnd().split('\n').slice(-5);
    expect(state.snapshot(clock(0)).log.map((l) => l.text)).toEqual(newest);
  });

  test('a lane shows the item in hand, its progress and the utilization so far', () => {
    const state = started();
    state.itemGot(1, fred, item(0), 0);
    state.processingStarted(1, fred, item(0), 3);
    let lane = state.snapshot(clock(2)).lanes[0];
    expect(lane).toMatchObject({ name: 'Fred', colour: 0, busy: true, item: 0, progress: 0.5, processed: 0 });
    expect(lane?.utilization).toBeCloseTo(1 / 2); // busy from 1 to 2 of 2 s
    state.itemProcessed(3, fred, item(0));
    lane = state.snapshot(clock(4)).lanes[0];
    expect(lane).toMatchObject({ busy: false, item: undefined, progress: 0, processed: 1 });
    expect(lane?.utilization).toBeCloseTo(2 / 4);
    expect(state.snapshot(clock(4)).lanes[1]).toMatchObject({ name: 'George', colour: 1, busy: false, utilization: 0 });
  });

  test('an instant processing (until = start) shows as complete, never as a division by zero', () => {
    const state = started();
    state.processingStarted(1, fred, item(0), 1);
    expect(state.snapshot(clock(1)).lanes[0]?.progress).toBe(1);
  });

  test('producers: produced, blocked while the queue is full, done', () => {
    const state = started();
    state.itemPut(0, producer, item(0), 1, 0);
    state.itemPut(0.5, producer, item(1), 2, 0);
    state.putBlocked(1, producer);
    expect(state.snapshot(clock(1)).producers).toEqual({ count: 1, produced: 2, total: 20, blocked: 1, done: 0 });
    state.itemGot(1.5, fred, item(0), 1);
    state.itemPut(1.5, producer, item(2), 2, 0); // the blocked put goes through
    state.workerDone(2, producer);
    expect(state.snapshot(clock(2)).producers).toEqual({ count: 1, produced: 3, total: 20, blocked: 0, done: 1 });
  });

  test('a blocked put given up when the run is stopped (q, Ctrl-C) is no longer shown as blocked', () => {
    const state = started();
    state.itemPut(0, producer, item(0), 1, 0);
    state.putBlocked(1, producer);
    state.putAbandoned(1, producer);
    state.workerDone(1, producer);
    expect(state.snapshot(clock(2)).producers).toEqual({ count: 1, produced: 1, total: 20, blocked: 0, done: 1 });
  });

  test('the queue: size, capacity, largest size seen and its history', () => {
    const state = started({ ...DEMO, capacity: 2, interval: 1 });
    state.itemPut(0, producer, item(0), 1, 0);
    state.itemPut(1, producer, item(1), 2, 0);
    state.itemGot(1.5, fred, item(0), 1);
    const [queue] = state.snapshot(clock(3)).queues;
    expect(queue).toEqual({ name: 'queue', size: 1, capacity: 2, maxSeen: 2, history: [1, 2, 1, 1] });
  });

  test('the shown time is never before the last event, and holds at the end once finished', () => {
    const state = started();
    state.itemPut(5, producer, item(0), 1, 0);
    expect(state.snapshot(clock(4)).header.time).toBe(5);
    expect(state.snapshot(clock(6)).header.time).toBe(6);
    state.runFinished({ time: 7, finalQueueSize: 0, produced: 1, consumed: 1, dropped: 0, deadLettered: 0, interrupted: false });
    const header = state.snapshot({ time: 100, speed: 4, paused: true }).header;
    expect(header).toMatchObject({ time: 7, speed: 4, paused: true, finished: true, seed: 1 });
  });

  test('at the end of the demo every item is produced and processed', async () => {
    const state = await stateAt(DEMO);
    const snapshot = state.snapshot(clock(0));
    expect(snapshot.producers).toMatchObject({ produced: 20, total: 20, done: 1, blocked: 0 });
    expect(snapshot.lanes.reduce((sum, lane) => sum + lane.processed, 0)).toBe(20);
    expect(snapshot.lanes.every((lane) => lane.done && !lane.busy)).toBe(true);
    expect(snapshot.queues[0]?.size).toBe(0);
    expect(snapshot.header.finished).toBe(true);
  });

  test('the scenario summary names the shape of the run', () => {
    expect(scenarioSummary(scenarioOf(DEMO))).toBe('1 producer -> queue -> 2 consumers | 20 items every 500ms, work uniform(0s,3s)');
    expect(scenarioSummary(scenarioOf({ ...DEMO, producers: 2, capacity: 5, consumers: ['a'], items: 1 }))).toBe(
      '2 producers -> queue (capacity 5) -> 1 consumer | 1 item every 500ms each, work uniform(0s,3s)',
    );
  });
});
