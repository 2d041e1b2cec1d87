import fc from 'fast-check';
import type { FullPolicy } from '../../src/core/queue.js';
import type { RunObserver, Worker } from '../../src/model/events.js';
import type { Item } from '../../src/model/item.js';
import { simulateScenario } from '../../src/model/run.js';
import type { Scenario, SourceSpec, StageSpec } from '../../src/model/scenario.js';
import { dist } from './run-config.js';

function source(overrides: Partial<Omit<SourceSpec, 'interval'>> & { interval?: string } = {}): SourceSpec {
  const { interval = 'exp(100ms)', ...rest } = overrides;
  return { name: 'src', producers: 1, items: 100, duration: Infinity, ...rest, interval: dist(interval) };
}

function stage(overrides: Partial<Omit<StageSpec, 'delay' | 'backoff'>> & { delay?: string; backoff?: string } = {}): StageSpec {
  const { delay = 'exp(50ms)', backoff = '0', ...rest } = overrides;
  return {
    name: 'stage',
    workers: ['w1'],
    concurrency: 1,
    capacity: Infinity,
    onFull: 'block',
    failure: 0,
    retries: 0,
    ...rest,
    delay: dist(delay),
    backoff: dist(backoff),
  };
}

/** Counts what happens to items, per stage. */
class Ledger implements RunObserver {
  readonly gotAt = new Map<number, number[]>();
  readonly waits: number[][] = [];
  readonly failed: Map<number, number> = new Map();
  readonly deadLettered: number[] = [];
  readonly done: string[] = [];
  constructor(stages: number) {
    for (let k = 0; k < stages; k++) this.waits.push([]);
  }
  itemGot(time: number, consumer: Worker, item: Item): void {
    this.waits[consumer.group]?.push(time - item.enteredAt);
  }
  itemFailed(_t: number, _c: Worker, item: Item, _slot: number, attempt: number): void {
    this.failed.set(item.id, attempt);
  }
  itemDeadLettered(_t: number, _c: Worker, item: Item): void {
    this.deadLettered.push(item.id);
  }
  workerDone(_t: number, worker: Worker): void {
    this.done.push(worker.name);
  }
}

describe('pipeline', () => {
  test('items flow through every stage and each stage drains and stops', async () => {
    const scenario: Scenario = {
      seed: 1,
      sources: [source({ items: 50 })],
      stages: [stage({ name: 'a', workers: ['x', 'y'] }), stage({ name: 'b' }), stage({ name: 'c', workers: ['z'] })],
    };
    const ledger = new Ledger(3);
    const finished = await simulateScenario(scenario, 1, { observers: [ledger] });
    expect(finished).toMatchObject({ produced: 50, consumed: 50, dropped: 0, deadLettered: 0, finalQueueSize: 0 });
    expect(ledger.waits.map((w) => w.length)).toEqual([50, 50, 50]);
    expect(ledger.done.sort()).toEqual(['a/x', 'a/y', 'b/w1', 'c/z', 'producer-1']);
  });

  test('failure 1 with 2 retries dead-letters every item after exactly 3 attempts', async () => {
    const scenario: Scenario = {
      seed: 1,
      sources: [source({ items: 30 })],
      stages: [stage({ name: 'a' }), stage({ name: 'b', workers: ['p', 'q'], failure: 1, retries: 2, backoff: 'exp(100ms)' })],
    };
    const ledger = new Ledger(2);
    const finished = await simulateScenario(scenario, 4, { observers: [ledger] });
    expect(finished).toMatchObject({ produced: 30, consumed: 0, deadLettered: 30, finalQueueSize: 0 });
    expect(ledger.deadLettered.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect([...ledger.failed.values()].every((attempts) => attempts === 3)).toBe(true);
    expect(ledger.waits[1]).toHaveLength(90); // three gets per item at stage b
  });

  test('several sources share one numbering and each stops at its own limit', async () => {
    const scenario: Scenario = {
      seed: 1,
      sources: [source({ name: 'a', items: 10, producers: 2 }), source({ name: 'b', items: Infinity, duration: 2, interval: '0.5s' })],
      stages: [stage({ workers: ['w1', 'w2', 'w3'] })],
    };
    const finished = await simulateScenario(scenario, 3);
    // b makes an item at 0, 0.5, 1 and 1.5 s: 4 items; a makes 10.
    expect(finished).toMatchObject({ produced: 14, consumed: 14 });
  });

  test('a Jackson tandem of exponential stages matches M/M/c per stage within 3%', async () => {
    // lambda = 2/s; stage 1: M/M/1 with mu = 4 (rho 0.5); stage 2: M/M/2 with mu = 1.6 (rho 0.625).
    const scenario: Scenario = {
      seed: 1,
      sources: [source({ items: 400_000, interval: 'exp(500ms)' })],
      stages: [stage({ name: 'one', delay: 'exp(250ms)' }), stage({ name: 'two', workers: ['a', 'b'], delay: 'exp(625ms)' })],
    };
    const ledger = new Ledger(2);
    await simulateScenario(scenario, 11, { observers: [ledger] });
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    // M/M/1: Wq = rho / (mu - lambda) = 0.5 / 2 = 0.25 s.
    expect(mean(ledger.waits[0] ?? [])).toBeGreaterThan(0.25 * 0.97);
    expect(mean(ledger.waits[0] ?? [])).toBeLessThan(0.25 * 1.03);
    // M/M/2, a = lambda/mu = 1.25, rho = 0.625: Erlang C = 0.48077, Wq = C / (c mu - lambda) = 0.48077 / 1.2.
    const wq2 = 0.480769 / 1.2;
    expect(mean(ledger.waits[1] ?? [])).toBeGreaterThan(wq2 * 0.97);
    expect(mean(ledger.waits[1] ?? [])).toBeLessThan(wq2 * 1.03);
  }, 60_000);

  test('nothing is lost: produced = consumed + dropped + dead-lettered + left, for random pipelines', async () => {
    const policy = fc.constantFrom<FullPolicy>('block', 'drop-newest', 'drop-oldest');
    const stageArb = fc.record({
      workers: fc.integer({ min: 1, max: 3 }),
      concurrency: fc.integer({ min: 1, max: 3 }),
      capacity: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      onFull: policy,
      failure: fc.constantFrom(0, 0, 0.3, 1),
      retries: fc.integer({ min: 0, max: 2 }),
      delay: fc.constantFrom('exp(100ms)', 'uniform(0,300ms)', '0', '50ms'),
      backoff: fc.constantFrom('0', 'exp(200ms)'),
    });
    const sourceArb = fc.record({
      producers: fc.integer({ min: 1, max: 3 }),
      items: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
      duration: fc.constantFrom(Infinity, 1, 3),
      interval: fc.constantFrom('exp(50ms)', '100ms', 'uniform(0,200ms)'),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(sourceArb, { minLength: 1, maxLength: 3 }),
        fc.array(stageArb, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 1000 }),
        async (sources, stages, seed) => {
          const scenario: Scenario = {
            seed,
            sources: sources.map((s, i) =>
              source({ ...s, name: `s${i}`, items: s.items ?? (s.duration === Infinity ? 20 : Infinity) }),
            ),
            stages: stages.map((s, i) =>
              stage({
                ...s,
                name: `k${i}`,
                workers: Array.from({ length: s.workers }, (_, j) => `w${j}`),
                capacity: s.capacity ?? Infinity,
                onFull: s.capacity === undefined ? 'block' : s.onFull,
              }),
            ),
          };
          const ledger = new Ledger(stages.length);
          const finished = await simulateScenario(scenario, seed, { observers: [ledger] });
          expect(finished.finalQueueSize).toBe(0);
          expect(finished.consumed + finished.dropped + finished.deadLettered + finished.finalQueueSize).toBe(finished.produced);
          const workers = stages.reduce((n, s) => n + s.workers, 0) + sources.reduce((n, s) => n + s.producers, 0);
          expect(ledger.done).toHaveLength(workers);
        },
      ),
      { seed: 77, numRuns: 150 },
    );
  });
});
