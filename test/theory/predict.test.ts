import { readFileSync } from 'node:fs';
import { scenarioFromRunConfig } from '../../src/model/config.js';
import { parseScenario } from '../../src/scenario/load.js';
import { predict } from '../../src/theory/predict.js';
import { erlangC, mmc, mmck } from '../../src/theory/erlang.js';
import { runConfig } from '../model/run-config.js';

type ConfigOverrides = Parameters<typeof runConfig>[0];

function predictRun(overrides: ConfigOverrides) {
  return predict(scenarioFromRunConfig(runConfig(overrides)));
}

function predictYaml(text: string) {
  return predict(parseScenario(text, 'test.yaml'));
}

describe('predict: one stage', () => {
  test("the demo's defaults: D/U/2 at ρ = 1.5 cannot keep up; the backlog grows by 2 − 4/3 items/s", () => {
    const p = predictRun({});
    expect(p.model).toBe('D/U/2');
    expect(p.stages[0]?.offeredLoad).toBeCloseTo(1.5, 12);
    expect(p.stages[0]?.overloaded).toBe(true);
    expect(p.stages[0]?.backlogGrowth).toBeCloseTo(2 / 3, 12);
    expect(p.method).toBeUndefined();
    expect(p.meanWait).toBeUndefined();
  });

  test('M/M/4 uses Erlang C, exact; the time in system adds the mean service', () => {
    const p = predictRun({ consumers: ['a', 'b', 'c', 'd'], interval: 'exp(278ms)', delay: 'exp(1s)' });
    expect(p.model).toBe('M/M/4');
    expect(p.method).toBe('Erlang C');
    expect(p.exact).toBe(true);
    expect(p.meanWait).toBeCloseTo(mmc(1 / 0.278, 1, 4)?.meanWait as number, 12);
    expect(p.meanSystem).toBeCloseTo((p.meanWait as number) + 1, 12);
    expect(p.stages[0]?.utilization).toBeCloseTo(1 / 0.278 / 4, 12);
  });

  test('concurrency multiplies the servers: 2 consumers × 3 slots is M/M/6', () => {
    const p = predictRun({ consumers: ['a', 'b'], concurrency: 3, interval: 'exp(200ms)', delay: 'exp(1s)' });
    expect(p.model).toBe('M/M/6');
    expect(p.stages[0]?.offeredLoad).toBeCloseTo(5 / 6, 12);
    expect(p.stages[0]?.meanWait).toBeCloseTo(erlangC(6, 5) / (6 - 5), 12);
  });

  test('several Poisson producers superpose to Poisson at the summed rate', () => {
    const p = predictRun({ producers: 3, consumers: ['a'], interval: 'exp(3s)', delay: 'exp(500ms)' });
    expect(p.arrivals.kind).toBe('poisson');
    expect(p.arrivalRate).toBeCloseTo(1, 12);
    expect(p.method).toBe('Erlang C');
  });

  test.each([
    ['const(700ms)', 'M/D/1'],
    ['uniform(0,1.4s)', 'M/U/1'],
    ['erlang(3,700ms)', 'M/E3/1'],
    ['lognormal(700ms,300ms)', 'M/G/1'],
  ])('Poisson arrivals, %s service, one consumer: Pollaczek–Khinchine, exact (%s)', (delay, model) => {
    const p = predictRun({ consumers: ['a'], interval: 'exp(1s)', delay });
    expect(p.model).toBe(model);
    expect(p.method).toBe('Pollaczek–Khinchine');
    expect(p.exact).toBe(true);
  });

  test.each([
    ['1s', 'D/M/1'],
    ['uniform(0.5s,1.5s)', 'U/M/1'],
    ['erlang(2,1s)', 'E2/M/1'],
  ])('one producer with %s intervals, exponential service, one consumer: G/M/1, exact (%s)', (interval, model) => {
    const p = predictRun({ consumers: ['a'], interval, delay: 'exp(700ms)' });
    expect(p.model).toBe(model);
    expect(p.method).toBe('G/M/1');
    expect(p.exact).toBe(true);
  });

  test('other G/G/c: Kingman for one server, Allen–Cunneen for several, both approximations', () => {
    const one = predictRun({ consumers: ['a'], interval: '1s', delay: 'uniform(0,1.4s)' });
    expect([one.model, one.method, one.exact]).toEqual(['D/U/1', 'Kingman', false]);
    const three = predictRun({ consumers: ['a', 'b', 'c'], interval: 'exp(400ms)', delay: 'const(1s)' });
    expect([three.model, three.method, three.exact]).toEqual(['M/D/3', 'Allen–Cunneen', false]);
    expect(three.meanWait).toBeCloseTo(0.5 * (mmc(2.5, 1, 3)?.meanWait as number), 12);
  });

  test('several producers with a constant interval put in bursts: no formula, said so', () => {
    const p = predictRun({ producers: 3, consumers: ['a', 'b'], interval: '3s', delay: 'exp(1s)' });
    expect(p.arrivals).toMatchObject({ kind: 'superposition', bursts: true });
    expect(p.model).toBe('G/M/2');
    expect(p.method).toBeUndefined();
    expect(p.note).toMatch(/same instants, in bursts of 3/);
    expect(p.stages[0]?.offeredLoad).toBeCloseTo(0.5, 12);
  });

  test('several producers with other non-exponential intervals are not a renewal process', () => {
    const p = predictRun({ producers: 2, consumers: ['a'], interval: 'uniform(1s,3s)', delay: 'exp(500ms)' });
    expect(p.method).toBeUndefined();
    expect(p.note).toMatch(/not a renewal process/);
  });

  test('drop-newest with Poisson arrivals and exponential service: M/M/c/K, exact, with the drop probability', () => {
    const p = predictRun({ consumers: ['a', 'b'], capacity: 5, onFull: 'drop-newest', interval: 'exp(400ms)', delay: 'exp(1s)' });
    const expected = mmck(2.5, 1, 2, 5);
    expect(p.model).toBe('M/M/2/7');
    expect(p.method).toBe('M/M/c/K');
    expect(p.stages[0]?.dropProbability).toBeCloseTo(expected?.blocking as number, 12);
    expect(p.meanWait).toBeCloseTo(expected?.meanWait as number, 12);
    expect(p.stages[0]?.overloaded).toBe(true);
    expect(p.stages[0]?.backlogGrowth).toBeUndefined();
  });

  test('drop-oldest: M/M/c/K gives the queue length and drops, but no mean wait', () => {
    const p = predictRun({ consumers: ['a'], capacity: 3, onFull: 'drop-oldest', interval: 'exp(1s)', delay: 'exp(800ms)' });
    expect(p.method).toBe('M/M/c/K');
    expect(p.meanWait).toBeUndefined();
    expect(p.meanQueueSize).toBeCloseTo(mmck(1, 0.8, 1, 3)?.meanQueueSize as number, 12);
  });

  test('a capacity with backpressure (block) has no closed form', () => {
    const p = predictRun({ consumers: ['a'], capacity: 3, interval: 'exp(1s)', delay: 'exp(800ms)' });
    expect(p.method).toBeUndefined();
    expect(p.note).toMatch(/backpressure/);
  });

  test('an interval of 0: every item at once, no steady state', () => {
    const p = predictRun({ consumers: ['a'], interval: '0', delay: '1s' });
    expect(p.arrivalRate).toBe(Infinity);
    expect(p.stages[0]?.overloaded).toBe(true);
    expect(p.stages[0]?.backlogGrowth).toBeUndefined();
  });

  test('processing that takes no time never waits', () => {
    const p = predictRun({ consumers: ['a'], interval: '1s', delay: '0' });
    expect(p.stages[0]?.offeredLoad).toBe(0);
    expect(p.meanWait).toBe(0);
    expect(p.exact).toBe(true);
  });
});

describe('predict: pipelines', () => {
  test('Poisson source, exponential stages, no capacity or failures: a Jackson network of M/M/c stages', () => {
    const p = predictYaml(`
sources: [{ name: s, items: 10, interval: exp(100ms) }]
stages:
  - { name: a, workers: 2, delay: exp(150ms) }
  - { name: b, workers: 1, delay: exp(80ms) }
`);
    expect(p.method).toBe('Jackson network');
    expect(p.exact).toBe(true);
    expect(p.model).toBe('M/M/2 → M/M/1');
    const a = mmc(10, 0.15, 2);
    const b = mmc(10, 0.08, 1);
    expect(p.stages[1]?.meanWait).toBeCloseTo(b?.meanWait as number, 12);
    expect(p.meanQueueSize).toBeCloseTo((a?.meanQueueSize as number) + (b?.meanQueueSize as number), 12);
    expect(p.meanSystem).toBeCloseTo((a?.meanWait as number) + 0.15 + (b?.meanWait as number) + 0.08, 12);
    expect(p.meanWait).toBeCloseTo(((a?.meanWait as number) + (b?.meanWait as number)) / 2, 12);
    expect(p.bottleneck).toBe(1);
  });

  test('examples/etl.yaml: transform is the bottleneck (ρ = 50 × 0.08 / 3), and the stage below sees its 37.5 items/s', () => {
    const p = predict(parseScenario(readFileSync(new URL('../../examples/etl.yaml', import.meta.url), 'utf8'), 'etl.yaml'));
    expect(p.bottleneck).toBe(1);
    expect(p.stages[1]?.name).toBe('transform');
    expect(p.stages[1]?.offeredLoad).toBeCloseTo(4 / 3, 12);
    expect(p.stages[1]?.backlogGrowth).toBeCloseTo(50 - 37.5, 9);
    expect(p.stages[2]?.arrivalRate).toBeCloseTo(37.5, 9);
    expect(p.stages[0]?.method).toBe('Erlang C');
    expect(p.stages[2]?.method).toBe('Kingman');
    expect(p.method).toBeUndefined();
  });

  test('failures: the offered load counts every attempt, and no formula covers the retries', () => {
    const p = predictYaml(`
sources: [{ name: s, items: 10, interval: exp(1s) }]
stages:
  - { name: a, workers: 1, delay: exp(500ms), failure: 0.5, retries: 1 }
`);
    expect(p.stages[0]?.attempts).toBeCloseTo(1.5, 12);
    expect(p.stages[0]?.offeredLoad).toBeCloseTo(0.75, 12);
    expect(p.stages[0]?.outputRate).toBeCloseTo(0.75, 12);
    expect(p.method).toBeUndefined();
    expect(p.note).toMatch(/retries/);
  });

  test('the bottleneck without overload is the stage with the highest offered load', () => {
    const p = predictYaml(`
sources: [{ name: s, items: 10, interval: exp(1s) }]
stages:
  - { name: a, workers: 1, delay: exp(300ms) }
  - { name: b, workers: 1, delay: exp(600ms) }
  - { name: c, workers: 1, delay: exp(400ms) }
`);
    expect(p.bottleneck).toBe(1);
  });

  test('a stage whose workers wait on a full queue below (block) has no formula, though it alone would be M/M/1', () => {
    const p = predictYaml(`
sources: [{ name: s, items: 10, interval: exp(1s) }]
stages:
  - { name: fast, workers: 1, delay: exp(500ms) }
  - { name: slow, workers: 1, delay: exp(800ms), capacity: 2 }
`);
    expect(p.stages[0]?.method).toBeUndefined();
    expect(p.stages[0]?.meanWait).toBeUndefined();
    expect(p.stages[0]?.note).toMatch(/wait to hand items on while slow's queue \(capacity 2\) is full/);
  });

  test('a full queue below that drops does not hold the workers above back: they keep their formula', () => {
    const p = predictYaml(`
sources: [{ name: s, items: 10, interval: exp(1s) }]
stages:
  - { name: fast, workers: 1, delay: exp(500ms) }
  - { name: slow, workers: 1, delay: exp(800ms), capacity: 2, onFull: drop-newest }
`);
    expect(p.stages[0]?.method).toBe('Erlang C');
  });

  test('below a stage that drops, the reason given is the drops, not a missing formula above', () => {
    const p = predictYaml(`
sources: [{ name: src, items: 10, interval: exp(1s) }]
stages:
  - { name: s, workers: 1, delay: exp(900ms), capacity: 1, onFull: drop-newest }
  - { name: t, workers: 1, delay: exp(1.2s) }
`);
    expect(p.stages[0]?.method).toBe('M/M/c/K');
    expect(p.stages[1]?.method).toBeUndefined();
    expect(p.stages[1]?.note).toBe('Its arrivals are what the stage above passes on: s drops items when full, which thins its departures unevenly, so no formula here covers this stage.');
  });
});
