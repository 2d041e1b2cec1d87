import { parseSweepFlags, type SweepFlags } from '../../src/cli/sweep-options.js';
import { executeSweep, inShard } from '../../src/sweep/execute.js';
import { renderSweepJson, renderSweepNdjson } from '../../src/sweep/json-output.js';
import { mergeShards } from '../../src/sweep/merge.js';
import { sequentialRunner, simulateRequest, type PointRunner, type RunRequest } from '../../src/sweep/point-runner.js';
import type { SweepReport } from '../../src/sweep/report.js';
import { renderSweepTable } from '../../src/sweep/text-output.js';

const FLAGS: SweepFlags = {
  vary: ['consumers=1..3', 'concurrency=1|2'],
  interval: 'exp(250ms)',
  delay: 'exp(1s)',
  items: '300',
  slo: ['wait.p95<2s'],
  seed: '5',
};

function plan(flags: SweepFlags = FLAGS) {
  return parseSweepFlags(flags, 'test').plan;
}

async function report(flags: SweepFlags = FLAGS, runner: PointRunner = sequentialRunner()): Promise<SweepReport> {
  const p = plan(flags);
  const outcome = await executeSweep(p, runner);
  return { definition: p.definition, results: outcome.results, shard: undefined, interrupted: outcome.interrupted };
}

describe('executing a sweep', () => {
  test('every point, in grid order, with its seeds and the SLO verdicts', async () => {
    const { results } = await report();
    expect(results.map((r) => r.values)).toEqual([
      ['1', '1'],
      ['1', '2'],
      ['2', '1'],
      ['2', '2'],
      ['3', '1'],
      ['3', '2'],
    ]);
    expect(results.map((r) => r.slots)).toEqual([1, 2, 2, 4, 3, 6]);
    expect(results.every((r) => r.seeds.length === 1 && r.slo.length === 1)).toBe(true);
  });

  test('points report in index order even when later ones finish first', async () => {
    // A runner that finishes runs in reverse order of asking.
    const pending: { request: RunRequest; resolve: (s: Awaited<ReturnType<typeof simulateRequest>>) => void }[] = [];
    const reversed: PointRunner = {
      run: (request) =>
        new Promise((resolve) => {
          pending.push({ request, resolve });
          if (pending.length === 6) {
            void (async () => {
              for (const entry of pending.reverse()) entry.resolve(await simulateRequest(entry.request));
            })();
          }
        }),
      close: async () => {},
    };
    const order: number[] = [];
    const p = plan();
    const outcome = await executeSweep(p, reversed, { onPoint: (r) => order.push(r.index) });
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    const inOrder = await executeSweep(p, sequentialRunner());
    expect(outcome.results).toEqual(inOrder.results);
  });

  test('a shard runs the points with i mod N = K - 1', async () => {
    const p = plan();
    const outcome = await executeSweep(p, sequentialRunner(), { shard: { index: 2, count: 4 } });
    expect(outcome.results.map((r) => r.index)).toEqual([1, 5]);
    expect([0, 1, 2, 3, 4, 5].filter((i) => inShard(i, { index: 1, count: 4 }))).toEqual([0, 4]);
  });

  test('shards merged print exactly what the whole sweep prints', async () => {
    const whole = await report();
    const p = plan();
    const shards = await Promise.all(
      [1, 2, 3].map(async (index) => {
        const shard = { index, count: 3 };
        const outcome = await executeSweep(p, sequentialRunner(), { shard });
        return { name: `shard-${index}`, text: renderSweepNdjson({ definition: p.definition, results: outcome.results, shard, interrupted: false }) };
      }),
    );
    const merged = mergeShards([shards[2], shards[0], shards[1]].filter((s) => s !== undefined));
    expect(renderSweepTable(merged)).toBe(renderSweepTable(whole));
    expect(renderSweepJson(merged)).toBe(renderSweepJson(whole));
    expect(renderSweepNdjson(merged)).toBe(renderSweepNdjson(whole));
  });

  test('an aborted sweep starts no more runs and returns the points finished', async () => {
    const stop = new AbortController();
    const p = plan();
    let started = 0;
    const base = sequentialRunner();
    const counting: PointRunner = {
      run: (request, signal) => {
        started++;
        return base.run(request, signal);
      },
      close: base.close,
    };
    const outcome = await executeSweep(p, counting, {
      signal: stop.signal,
      onPoint: (r) => {
        if (r.index === 1) stop.abort();
      },
    });
    expect(outcome.interrupted).toBe(true);
    // Points 0 and 1, and a point whose run had already finished when the abort came (a whole run is kept).
    const indexes = outcome.results.map((r) => r.index);
    expect(indexes.slice(0, 2)).toEqual([0, 1]);
    expect(indexes.length).toBeLessThan(p.points.length);
    expect(started).toBe(6); // asked for at once; the rest reject without running
  });

  test('replications give a 95% CI per figure, and seeds per replication', async () => {
    const { results, definition } = await report({ ...FLAGS, vary: ['consumers=2|3'], replications: '4' });
    expect(definition.replications).toBe(4);
    for (const result of results) {
      expect(result.seeds).toHaveLength(4);
      expect(new Set(result.seeds).size).toBe(4);
      expect(result.ci95?.['wait.mean']).toBeGreaterThan(0);
      expect(result.ci95?.['dropped']).toBe(0);
    }
  });

  test('the same plan gives the same results on a second run', async () => {
    expect(renderSweepJson(await report())).toBe(renderSweepJson(await report()));
  });
});
