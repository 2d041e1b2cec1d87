import type { ModelFunction } from '../../src/api/model.js';
import type { ProcessLaneSnapshot } from '../../src/live/snapshot.js';
import { ModelTextLog } from '../../src/observe/model-log.js';
import { loadModel } from '../../src/runner/load-model.js';
import { simulateModel } from '../../src/runner/run-model.js';
import { DEMO, snapshotAt } from '../helpers/live.js';
import { modelOptions, modelSnapshotAt } from '../helpers/model-live.js';

/**
 * A maker fills a queue of one and blocks; a worker takes a job, logs it and
 * sleeps 4 s per job; an idler waits 20 s on a timeout event.
 *   t=0  maker puts 0, worker takes it (sleeps to 4), maker puts 1 then blocks on 2
 *   t=4  worker takes 1 (maker's 2 goes in), sleeps to 8; t=8 takes 2, sleeps to 12
 *   t=20 the idler's timeout: the run ends
 */
const shop: ModelFunction = (sim) => {
  const jobs = sim.queue<number>({ name: 'jobs', capacity: 1 });
  sim.process(
    'maker',
    async () => {
      for (let i = 0; i < 3; i++) await jobs.put(i);
      jobs.shutdown();
    },
    { log: false },
  );
  sim.process('worker', async (p) => {
    for await (const job of jobs) {
      p.log(`job ${job}`);
      await p.sleep(4);
    }
  });
  sim.process('idler', async (p) => {
    await p.wait(sim.timeout(20));
  });
};

function lane(lanes: readonly unknown[], name: string): ProcessLaneSnapshot {
  const found = (lanes as ProcessLaneSnapshot[]).find((l) => l.name === name);
  if (found === undefined) throw new Error(`no lane ${name}`);
  return found;
}

describe('ModelLiveState', () => {
  test('each process is a lane: blocked on a full queue, busy asleep with its progress, idle on an event', async () => {
    const { snapshot } = await modelSnapshotAt(shop, modelOptions(1), 2);
    expect(snapshot.producers).toBeUndefined();
    expect(snapshot.header).toEqual({ scenario: 'model: 1 queue, 3 processes', time: 2, speed: 1, seed: 1, paused: false, finished: false });
    expect(snapshot.lanes).toEqual([
      { kind: 'process', name: 'maker', colour: -1, state: 'blocked', on: 'put into queue jobs (full)', progress: 0, lines: 0, utilization: 0 },
      { kind: 'process', name: 'worker', colour: 0, state: 'busy', on: 'sleep', progress: 0.5, lines: 1, utilization: 1 },
      { kind: 'process', name: 'idler', colour: 1, state: 'idle', on: 'event timeout 20 s', progress: 0, lines: 0, utilization: 0 },
    ]);
    expect(snapshot.queues).toEqual([{ name: 'jobs', size: 1, capacity: 1, maxSeen: 1, history: [1, 1, 1] }]);
  });

  test('the share of time asleep counts ended sleeps and the part of the current one that has passed', async () => {
    const { snapshot } = await modelSnapshotAt(shop, modelOptions(1), 10);
    const worker = lane(snapshot.lanes, 'worker');
    expect(worker).toMatchObject({ state: 'busy', progress: 0.5, lines: 3, utilization: 1 });
    expect(lane(snapshot.lanes, 'maker').state).toBe('done');
  });

  test('at the end: every lane done, the final line in the log, the header finished at the end time', async () => {
    const { state } = await modelSnapshotAt(shop, modelOptions(1), 1);
    const end = state.snapshot({ time: 99, speed: 1, paused: false });
    expect(end.header).toMatchObject({ time: 20, finished: true });
    expect(end.lanes.map((l) => (l as ProcessLaneSnapshot).state)).toEqual(['done', 'done', 'done']);
    expect(lane(end.lanes, 'worker')).toMatchObject({ on: '', lines: 3, utilization: 12 / 20 });
    expect(end.queues[0]).toMatchObject({ size: 0, maxSeen: 1 });
    expect(end.log.at(-1)).toEqual({ text: 'Queue size is now 0', colour: -1 });
  });

  test('the log tail is the model text log, line for line, with each process colour', async () => {
    const printed: string[] = [];
    const options = modelOptions(3, { consumers: ['Ann', 'Bob', 'Cy'], items: 30 });
    const build = await loadModel('examples/models/demo.mjs');
    await simulateModel(build, options, { observers: [new ModelTextLog({ write: (text) => printed.push(text) })] });
    const { state } = await modelSnapshotAt('examples/models/demo.mjs', options, 1, { logLines: 1000 });
    const log = state.snapshot({ time: 0, speed: 1, paused: false }).log;
    expect(log.map((l) => `${l.text}\n`)).toEqual(printed);
    expect(new Set(log.slice(0, -1).map((l) => l.colour))).toEqual(new Set([0, 1, 2]));
  });

  test('the demo model shows the same queue, history and log as the built-in run it replays', async () => {
    const builtIn = await snapshotAt(DEMO, 7.5);
    const { snapshot } = await modelSnapshotAt('examples/models/demo.mjs', modelOptions(1), 7.5, { historyStep: 0.5 });
    expect(snapshot.queues.map(({ name: _name, ...queue }) => queue)).toEqual(builtIn.queues.map(({ name: _name, ...queue }) => queue));
    expect(snapshot.log).toEqual(builtIn.log);
    const consumers = snapshot.lanes.filter((l) => l.name !== 'producer-1') as ProcessLaneSnapshot[];
    expect(consumers.map((l) => [l.name, l.state === 'busy', l.progress, l.utilization])).toEqual(
      builtIn.lanes.map((l) => [l.name, l.busy, l.progress, l.utilization]),
    );
  });
});
