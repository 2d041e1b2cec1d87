import { RunAbortedError } from '../../src/core/errors.js';
import { Simulation } from '../../src/core/simulation.js';
import type { RunConfig } from '../../src/model/config.js';
import { scenarioFromRunConfig } from '../../src/model/config.js';
import { startScenario, type RunOptions } from '../../src/model/run.js';
import { buildStage, demoConfig } from './run-config.js';

const startRun = (run: RunConfig, options: RunOptions) => startScenario(scenarioFromRunConfig(run), run.seed, options);
import { Recorder } from './recorder.js';

const config: RunConfig = demoConfig({ items: 100, interval: 0.1, seed: 7 });

/** Runs `config` on the engine and interrupts the stage at virtual time `at`. */
async function interruptedAt(at: number, run: RunConfig = config) {
  const sim = new Simulation();
  const recorder = new Recorder();
  const stage = buildStage(sim, run, [recorder]);
  sim.schedule(at, () => stage.interrupt());
  await sim.run();
  return { recorder, finished: stage.finish(), sim };
}

describe('SingleStage.interrupt', () => {
  it('stops the producer at once, lets consumers finish the items they hold, and leaves the rest queued', async () => {
    const at = 2.05;
    const { recorder, finished, sim } = await interruptedAt(at);
    const puts = recorder.of('put');
    const gots = recorder.of('got');
    expect(puts).toHaveLength(21); // t = 0, 0.1, ..., 2.0
    expect(puts.every((e) => e.time <= at)).toBe(true);
    expect(gots.every((e) => e.time <= at)).toBe(true); // nobody takes a new item after the interrupt
    // Every item got was processed: consumers finished what they held.
    expect(recorder.of('processed').map((e) => e.item).sort()).toEqual(gots.map((e) => e.item).sort());
    const done = recorder.of('done');
    expect(done.map((e) => e.worker).sort()).toEqual(['Fred', 'George', 'producer-1']);
    expect(done.find((e) => e.worker === 'producer-1')?.time).toBe(at); // its sleep was cut short
    expect(finished).toEqual({
      dropped: 0,
      deadLettered: 0,
      time: sim.now,
      finalQueueSize: puts.length - gots.length,
      produced: puts.length,
      consumed: gots.length,
      interrupted: true,
    });
    expect(finished.finalQueueSize).toBeGreaterThan(0); // the backlog was not drained
    expect(sim.now).toBeLessThan(at + 3);
  });

  it('changes nothing before the interrupt: the events up to then are those of the full run', async () => {
    const full = new Recorder();
    const sim = new Simulation();
    const stage = buildStage(sim, config, [full]);
    await sim.run();
    expect(stage.finish().interrupted).toBe(false);
    const { recorder } = await interruptedAt(2.05);
    const before = (events: Recorder['events']) => events.filter((e) => e.time < 2.05 && e.kind !== 'done');
    expect(before(recorder.events)).toEqual(before(full.events));
  });

  it('drops the item of a producer waiting for room: it never enters the queue', async () => {
    const { recorder, finished } = await interruptedAt(1, demoConfig({ items: 100, seed: 7, capacity: 2, interval: 0, producers: 2 }));
    const puts = recorder.of('put');
    expect(finished.produced).toBe(puts.length);
    expect(finished.finalQueueSize).toBe(puts.length - recorder.of('got').length);
    expect(finished.finalQueueSize).toBeLessThanOrEqual(2);
    expect(puts.map((e) => e.item)).toEqual(puts.map((_, i) => i)); // ids stay 0..n-1 in entry order
  });

  it('after the producers are done, still stops the consumers without draining the queue', async () => {
    const { recorder, finished } = await interruptedAt(15, { ...config, items: 40 }); // all 40 put by t=3.9
    expect(recorder.of('put')).toHaveLength(40);
    expect(finished.interrupted).toBe(true);
    expect(finished.finalQueueSize).toBe(40 - recorder.of('got').length);
    expect(finished.finalQueueSize).toBeGreaterThan(0);
  });
});

describe('startRun', () => {
  it('interrupt(): finished resolves with interrupted: true and every item accounted for', async () => {
    const recorder = new Recorder();
    const handle = startRun(config, { observers: [recorder] });
    handle.interrupt();
    const finished = await handle.finished;
    expect(finished.interrupted).toBe(true);
    expect(finished.produced).toBeLessThan(config.items);
    expect(finished.consumed + finished.finalQueueSize).toBe(finished.produced);
    expect(recorder.finished).toBe(finished);
  });

  it('abort(): finished rejects with RunAbortedError and runFinished is never emitted', async () => {
    const recorder = new Recorder();
    const handle = startRun({ ...config, items: 1_000_000 }, { observers: [recorder] });
    await new Promise((resolve) => setImmediate(resolve)); // let it run a while
    handle.abort('enough');
    await expect(handle.finished).rejects.toThrow(new RunAbortedError('enough'));
    expect(recorder.finished).toBeUndefined();
    expect(recorder.of('got').length).toBeLessThan(1_000_000);
  });
});
