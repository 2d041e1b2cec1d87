import { DebugMonitor } from '../../src/core/debug-monitor.js';
import { DebugSimulation } from '../../src/core/debug-simulation.js';
import type { AsyncQueue } from '../../src/core/queue.js';
import type { RunConfig } from '../../src/model/config.js';
import { debugPipelineOptions, simulateDebugRun } from '../../src/model/debug-run.js';
import type { ItemRef } from '../../src/model/item-store.js';
import { ItemLedger } from '../../src/model/item-ledger.js';
import { simulateRun } from '../../src/model/run.js';
import type { Pipeline } from '../../src/model/pipeline.js';
import { buildStage, demoConfig } from './run-config.js';
import { TextLog } from '../../src/observe/text-log.js';

const base: RunConfig = demoConfig({ items: 30, seed: 7 });

/** The single stage checked in debug mode, with a rogue worker added through the library API. */
async function runWithRogue(rogue: (sim: DebugSimulation, stage: Pipeline) => void, config: RunConfig = base) {
  const monitor = new DebugMonitor();
  const sim = new DebugSimulation({ monitor });
  const stage = buildStage(sim, config, [new ItemLedger(monitor)], debugPipelineOptions(monitor));
  rogue(sim, stage);
  await sim.run();
  stage.finish();
  return monitor.finish().map((f) => [f.kind, f.message]);
}

describe('the debug run', () => {
  it.each([
    ['the demo', base],
    ['a bounded queue, 3 producers, 4 consumers', demoConfig({ seed: 7, producers: 3, consumers: ['a', 'b', 'c', 'd'], capacity: 2, items: 200, interval: 0.1 })],
    ['no items', { ...base, items: 0 }],
    // drop-oldest replaces the first item in place: the queue's size does not change (once a false finding)
    ['drop-oldest, a queue of 2', demoConfig({ seed: 1, items: 200, capacity: 2, onFull: 'drop-oldest', interval: 0.2 })],
    ['drop-newest, a queue of 2', demoConfig({ seed: 1, items: 200, capacity: 2, onFull: 'drop-newest', interval: 0.2 })],
  ])('%s: finds nothing and prints the same bytes as the plain run', async (_name, config) => {
    let plain = '';
    let checked = '';
    await simulateRun(config, { observers: [new TextLog({ write: (t) => void (plain += t) })] });
    const monitor = new DebugMonitor();
    await simulateDebugRun(config, monitor, { observers: [new TextLog({ write: (t) => void (checked += t) })] });
    expect(monitor.finish()).toEqual([]);
    expect(checked).toBe(plain);
  });

  it('finds nothing after an interrupt: the items left in the queue are expected', async () => {
    const findings = await runWithRogue((sim, stage) => void sim.schedule(4.2, () => stage.interrupt()));
    expect(findings).toEqual([]);
  });

  it('a thief that takes an item and drops it: the item is named as never processed, and taskDone is missing', async () => {
    let stolen = -1;
    const findings = await runWithRogue((sim, stage) => {
      sim.process('thief', async (p) => {
        await p.sleep(2.2);
        stolen = stage.itemId((await (stage.queues[0] as AsyncQueue<ItemRef>).get(p)) as ItemRef);
      });
    });
    expect(stolen).toBeGreaterThanOrEqual(0);
    expect(findings).toEqual([
      ['item-never-processed', `item ${stolen} left the queue but no consumer got it, so it was never processed`],
      ['task-done-missing', '1 item got from the queue never marked done with taskDone() (30 got, 29 done)'],
    ]);
  });

  it('an echo that puts an item back twice: put twice, got twice', async () => {
    let echoed = -1;
    const findings = await runWithRogue((sim, stage) => {
      sim.process('echo', async (p) => {
        await p.sleep(2.2);
        const item = (await (stage.queues[0] as AsyncQueue<ItemRef>).get(p)) as ItemRef;
        echoed = stage.itemId(item);
        await (stage.queues[0] as AsyncQueue<ItemRef>).put(p, item);
        await (stage.queues[0] as AsyncQueue<ItemRef>).put(p, item);
      });
    });
    const kinds = findings.map(([kind]) => kind);
    expect(kinds).toEqual(['item-put-twice', 'item-put-twice', 'item-got-twice', 'item-never-processed', 'task-done-missing']);
    expect(findings[0]).toEqual(['item-put-twice', `item ${echoed} entered the queue again before it was processed`]);
    expect(findings[2]?.[1]).toMatch(
      new RegExp(`^(Fred|George) got item ${echoed}, which was not waiting in the queue \\((Fred|George) got it at t=[\\d.]+s\\)$`),
    );
  });
});
