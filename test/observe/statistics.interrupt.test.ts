import { Simulation } from '../../src/core/simulation.js';
import type { RunObserver, Worker } from '../../src/model/events.js';
import { buildPipeline } from '../../src/model/pipeline.js';
import type { Scenario, SourceSpec, StageSpec } from '../../src/model/scenario.js';
import { NdjsonLog } from '../../src/observe/ndjson-log.js';
import { RunStatistics } from '../../src/observe/statistics.js';
import { dist } from '../model/run-config.js';

function source(items: number, interval: string): SourceSpec {
  return { name: 'in', producers: 1, items, duration: Infinity, interval: dist(interval) };
}

function stage(name: string, fields: Partial<Omit<StageSpec, 'delay' | 'backoff' | 'name'>> & { delay: string; backoff?: string }): StageSpec {
  const { delay, backoff = '0', ...rest } = fields;
  return { name, workers: ['w1'], concurrency: 1, capacity: Infinity, onFull: 'block', failure: 0, retries: 0, ...rest, delay: dist(delay), backoff: dist(backoff) };
}

/** Runs `scenario` with statistics, stops it (Ctrl-C) at virtual time `at`, and records every putBlocked/putAbandoned. */
async function stoppedAt(scenario: Scenario, at: number) {
  const sim = new Simulation();
  const statistics = new RunStatistics();
  const puts: string[] = [];
  const watcher: RunObserver = {
    putBlocked: (time: number, worker: Worker, k: number) => puts.push(`${time} ${worker.name} blocked ${k}`),
    putAbandoned: (time: number, worker: Worker, k: number) => puts.push(`${time} ${worker.name} abandoned ${k}`),
  };
  const lines: string[] = [];
  const ndjson = new NdjsonLog({ write: (text: string) => lines.push(text) });
  const pipeline = buildPipeline(sim, scenario, 1, [statistics, watcher, ndjson]);
  sim.schedule(at, () => pipeline.interrupt());
  await sim.run();
  pipeline.finish();
  return { summary: statistics.summary(), puts, lines, end: sim.now };
}

describe('blocked time of a put given up when the run is stopped', () => {
  test("a producer's blocked put ends at the stop, not at the end of the run", async () => {
    // w1 takes item 0 at 0 for 10 s, item 1 fills the queue at 1, item 2 blocks the producer from 2.
    const scenario: Scenario = { seed: 1, sources: [source(5, '1s')], stages: [stage('only', { delay: '10s', capacity: 1 })] };
    const { summary, puts, lines, end } = await stoppedAt(scenario, 3.5);
    expect(puts).toEqual(['2 producer-1 blocked 0', '3.5 producer-1 abandoned 0']);
    expect(end).toBe(10); // w1 finishes the item it holds
    expect(summary.producers[0]?.blockedSeconds).toBe(1.5);
    expect(summary.items).toMatchObject({ produced: 2, left: 1 }); // the item whose put was given up was never made
    expect(lines).toContain('{"t":3.5,"type":"abandoned","worker":"producer-1"}\n');
  });

  test("a worker's blocked put into the next stage ends at the stop", async () => {
    // fast/w1 passes items on at once; slow/w1 takes item 0 at 0 for 10 s, item 1 waits in slow's queue,
    // item 2 blocks fast/w1 from 0.
    const scenario: Scenario = {
      seed: 1,
      sources: [source(3, '0')],
      stages: [stage('fast', { delay: '0' }), stage('slow', { delay: '10s', capacity: 1 })],
    };
    const { summary, puts, lines } = await stoppedAt(scenario, 4);
    expect(puts).toEqual(['0 fast/w1 blocked 1', '4 fast/w1 abandoned 1']);
    expect(summary.consumers.find((c) => c.name === 'fast/w1')?.blockedSeconds).toBe(4);
    expect(lines).toContain('{"t":4,"type":"abandoned","worker":"fast/w1","stage":"slow"}\n');
  });

  test('a put that went in before the stop is not reported as given up', async () => {
    const scenario: Scenario = { seed: 1, sources: [source(5, '1s')], stages: [stage('only', { delay: '1500ms', capacity: 1 })] };
    const { puts } = await stoppedAt(scenario, 100);
    expect(puts.some((line) => line.includes('abandoned'))).toBe(false);
  });
});
