import { jsonNumber, renderJsonSummary, renderNdjsonSummary, roundForOutput } from '../../src/observe/json-output.js';
import type { MeasuredSummary, RunSummary } from '../../src/observe/summary.js';
import { withTheory } from '../../src/observe/theory-summary.js';
import { scenarioFromRunConfig } from '../../src/model/config.js';
import { runConfig } from '../model/run-config.js';
import { summaryOptions } from '../../src/observe/summary.js';

describe('rounding policy', () => {
  test('non-whole numbers are rounded to 9 decimals and printed in the shortest form', () => {
    expect(jsonNumber(0.1 + 0.2)).toBe('0.3');
    expect(jsonNumber(1 / 3)).toBe('0.333333333');
    expect(jsonNumber(2.0000000004)).toBe('2');
    expect(jsonNumber(1e-10)).toBe('0');
    expect(roundForOutput(-1e-12)).toBe(0);
    expect(Object.is(roundForOutput(-1e-12), -0)).toBe(false);
  });

  test('whole numbers print unchanged; non-finite numbers print null', () => {
    expect(jsonNumber(10_000_000)).toBe('10000000');
    expect(jsonNumber(2 ** 53 - 1)).toBe('9007199254740991');
    expect(jsonNumber(Infinity)).toBe('null');
    expect(jsonNumber(NaN)).toBe('null');
  });
});

describe('summary renderers', () => {
  const measured: MeasuredSummary = {
    seed: 1,
    warmupSeconds: 0,
    simulatedSeconds: 0.1 + 0.2,
    interrupted: false,
    items: { produced: 1, consumed: 1, completed: 1, left: 0, dropped: 0, deadLettered: 0 },
    finalQueueSize: 0,
    throughputPerSecond: 1 / 0.30000000000000004,
    queue: { maxSize: 1, meanSize: null },
    waitSeconds: { count: 1, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 },
    systemSeconds: { count: 1, mean: 0.3, p50: 0.3, p95: 0.3, p99: 0.3, max: 0.3 },
    consumers: [{ name: 'Fred "the" consumer', stage: 'consumers', processed: 1, failed: 0, busySeconds: 0.3, utilization: 1, blockedSeconds: 0 }],
    producers: [{ name: 'producer-1', source: 'producers', produced: 1, dropped: 0, blockedSeconds: 0 }],
    stages: [
      {
        name: 'consumers',
        processed: 1,
        failedAttempts: 0,
        retries: 0,
        deadLettered: 0,
        dropped: 0,
        finalQueueSize: 0,
        queue: { maxSize: 1, meanSize: null },
        waitSeconds: { count: 1, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 },
        systemSeconds: { count: 1, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 },
        utilization: 1,
      },
    ],
    options: summaryOptions({ config: runConfig({ consumers: ['Fred "the" consumer'], items: 1, seed: 1 }) }),
  };
  const summary: RunSummary = withTheory(measured, scenarioFromRunConfig(runConfig({ consumers: ['Fred "the" consumer'], items: 1, seed: 1 })));

  test('json: one indented object and a newline; capacity Infinity is null', () => {
    const text = renderJsonSummary(summary);
    expect(text.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(parsed['simulatedSeconds']).toBe(0.3);
    expect(parsed['throughputPerSecond']).toBe(3.333333333);
    expect((parsed['options'] as Record<string, unknown>)['capacity']).toBeNull();
    expect((parsed['consumers'] as { name: string }[])[0]?.name).toBe('Fred "the" consumer');
  });

  test('ndjson: one line, type first, the same fields', () => {
    const line = renderNdjsonSummary(summary);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(line.startsWith('{"type":"summary","seed":1,')).toBe(true);
    const { type, ...rest } = JSON.parse(line) as Record<string, unknown>;
    expect(type).toBe('summary');
    expect(rest).toEqual(JSON.parse(renderJsonSummary(summary)));
  });
});
