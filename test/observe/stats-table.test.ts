import { renderStatsTable } from '../../src/observe/stats-table.js';
import type { MeasuredSummary, RunSummary } from '../../src/observe/summary.js';
import { withTheory } from '../../src/observe/theory-summary.js';
import { scenarioFromRunConfig } from '../../src/model/config.js';
import { runConfig } from '../model/run-config.js';
import { summaryOptions } from '../../src/observe/summary.js';

const measured: MeasuredSummary = {
  interrupted: false,
  seed: 1,
  warmupSeconds: 0,
  simulatedSeconds: 4.5,
  items: { produced: 3, consumed: 3, completed: 3, left: 0, dropped: 0, deadLettered: 0 },
  finalQueueSize: 0,
  throughputPerSecond: 3 / 4.5,
  queue: { maxSize: 1, meanSize: 1 / 3 },
  waitSeconds: { count: 3, mean: 0.5, p50: 0.5, p95: 1, p99: 1, max: 1 },
  systemSeconds: { count: 3, mean: 2, p50: 2, p95: 2.5, p99: 2.5, max: 2.5 },
  consumers: [
    { name: 'Fred', stage: 'consumers', processed: 2, failed: 0, busySeconds: 3, utilization: 3 / 4.5, blockedSeconds: 0 },
    { name: 'Christabel', stage: 'consumers', processed: 1, failed: 0, busySeconds: 1.5, utilization: 1 / 3, blockedSeconds: 0 },
  ],
  producers: [{ name: 'producer-1', source: 'producers', produced: 3, dropped: 0, blockedSeconds: 0 }],
  stages: [
    {
      name: 'consumers',
      processed: 3,
      failedAttempts: 0,
      retries: 0,
      deadLettered: 0,
      dropped: 0,
      finalQueueSize: 0,
      queue: { maxSize: 1, meanSize: 1 / 3 },
      waitSeconds: { count: 3, mean: 0.5, p50: 0.5, p95: 1, p99: 1, max: 1 },
      systemSeconds: { count: 3, mean: 0.5, p50: 0.5, p95: 1, p99: 1, max: 1 },
      utilization: 0.5,
    },
  ],
  options: summaryOptions({ config: runConfig({ consumers: ['Fred', 'Christabel'], items: 3, seed: 1 }) }),
};
const summary: RunSummary = withTheory(measured, scenarioFromRunConfig(runConfig({ consumers: ['Fred', 'Christabel'], items: 3, seed: 1 })));

describe('--stats table', () => {
  test('aligned blocks: overview with the offered load, wait and system percentiles, consumers, producers', () => {
    expect(renderStatsTable(summary)).toBe(
      [
        '  simulated      4.500 s',
        '  throughput     0.667 items/s',
        '  items          3 produced, 3 consumed, 0 left, 0 dropped',
        '  queue size     max 1, mean 0.333 (time-weighted)',
        '  offered load   ρ = 1.50 (cannot keep up)',
        '',
        '  seconds      mean     p50     p95     p99     max',
        '  wait        0.500   0.500   1.000   1.000   1.000',
        '  in system   2.000   2.000   2.500   2.500   2.500',
        '',
        '  consumer     processed   busy (s)   utilization',
        '  Fred                 2      3.000         66.7%',
        '  Christabel           1      1.500         33.3%',
        '',
        '  producer     produced   dropped   blocked (s)',
        '  producer-1          3         0         0.000',
        '',
      ].join('\n'),
    );
  });

  test('undefined quantities print as a dash', () => {
    const empty: RunSummary = {
      ...summary,
      simulatedSeconds: 0,
      throughputPerSecond: null,
      queue: { maxSize: 0, meanSize: null },
      waitSeconds: { count: 0, mean: null, p50: null, p95: null, p99: null, max: null },
      consumers: [{ name: 'Fred', stage: 'consumers', processed: 0, failed: 0, busySeconds: 0, utilization: null, blockedSeconds: 0 }],
    };
    const table = renderStatsTable(empty);
    expect(table).toContain('  throughput     -\n');
    expect(table).toContain('  wait            -       -       -       -       -\n');
    expect(table).toMatch(/Fred {10,}0 +0\.000 +-\n/);
  });
});

describe('--stats table: warm-up and bottleneck', () => {
  test('a warm-up is named beside the simulated time', () => {
    const table = renderStatsTable({ ...summary, warmupSeconds: 2 });
    expect(table).toContain('  simulated      4.500 s (figures after the 2.000 s warm-up)\n');
  });

  test('a pipeline names its bottleneck stage instead of the offered load', () => {
    const stage = summary.stages[0] as RunSummary['stages'][number];
    const pipeline: RunSummary = {
      ...summary,
      stages: [stage, { ...stage, name: 'slow' }],
      bottleneck: { stage: 'slow', index: 1, offeredLoad: 1.25, overloaded: true, utilization: 1 },
    };
    const table = renderStatsTable(pipeline);
    expect(table).toContain('  bottleneck   slow, ρ = 1.25 (cannot keep up)\n');
    expect(table).not.toContain('offered load');
  });
});
