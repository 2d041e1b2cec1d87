import { scenarioFromRunConfig } from '../../src/model/config.js';
import { readableSeconds, renderExplanation, sig3, wrap } from '../../src/observe/explain.js';
import { executeRunRequest, runRequest } from '../../src/parallel/run-request.js';
import { parseScenario } from '../../src/scenario/load.js';
import { runConfig } from '../model/run-config.js';

type Overrides = Parameters<typeof runConfig>[0];

async function explain(overrides: Overrides): Promise<string> {
  const config = runConfig({ items: 200, seed: 1, ...overrides });
  const scenario = scenarioFromRunConfig(config);
  const summary = await executeRunRequest(runRequest(scenario, 1, { config }));
  return renderExplanation(summary, scenario).replace(/\s*\n\s*/g, ' ');
}

describe('explanation text', () => {
  test('numbers for reading', () => {
    expect(sig3(1.9517)).toBe('1.95');
    expect(sig3(0.6667)).toBe('0.667');
    expect(sig3(1234.4)).toBe('1234');
    expect(readableSeconds(0.5)).toBe('0.5 s');
    expect(readableSeconds(1.5)).toBe('1.5 s');
    expect(readableSeconds(0.0643)).toBe('64.3 ms');
  });

  test('lines wrap at 80 columns and never split "ρ = 1.50"', () => {
    const text = `${'word '.repeat(14)}ρ = 1.50 and more words after it`;
    const lines = wrap(text);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    expect(lines.join('\n')).toContain('ρ = 1.50');
  });

  test('one consumer: "it is busy", "the consumer takes"', async () => {
    expect(await explain({ consumers: ['A'], interval: 'exp(1s)', delay: 'exp(500ms)' })).toContain('one consumer can finish 2.00 per second, so it is busy about 50% of the time');
    expect(await explain({ consumers: ['A'], interval: '1s', delay: '2s' })).toContain('The consumer takes 2 s per item: 0.500 items per second against 1.00 arriving.');
  });

  test('ρ = 1 exactly: no steady state, but no fixed growth rate either', async () => {
    const text = await explain({ consumers: ['A', 'B'], interval: 'exp(500ms)', delay: 'exp(1s)' });
    expect(text).toContain('Offered load ρ = 1.00: two consumers only just keep up');
    expect(text).toContain('about as the square root of time');
  });

  test('processing that takes no time', async () => {
    expect(await explain({ delay: '0' })).toContain('Offered load ρ = 0.00: processing takes no time (0s), so no item ever waits.');
  });

  test('concurrency: slots', async () => {
    const text = await explain({ consumers: ['A', 'B'], concurrency: 3, interval: '100ms', delay: '1s' });
    expect(text).toContain('two consumers with 3 slots each cannot keep up with one item every 0.1 s; the backlog grows by about 4.0 items per second');
    expect(text).toContain('Each slot takes 1 s per item, so together they finish 6.00 items per second against 10.0 arriving.');
  });

  test('an overloaded queue that drops: the rate dropped is λ × the drop probability, not λ − μ', async () => {
    const text = await explain({ consumers: ['A'], interval: 'exp(1s)', delay: 'exp(1.05s)', capacity: 2, onFull: 'drop-newest' });
    // M/M/1/3 at ρ = 1.05: P(drop) = ρ³(1 − ρ)/(1 − ρ⁴) = 26.86 %, so 0.27 of the 1.00 items a second.
    expect(text).toContain('the queue keeps reaching its capacity of 2, and about 0.27 items per second (26.9% of them) are dropped');
  });

  test('an overloaded queue that drops without a formula: at least the excess is dropped', async () => {
    const text = await explain({ consumers: ['A'], interval: '1s', delay: 'uniform(1s,1.2s)', capacity: 2, onFull: 'drop-newest' });
    expect(text).toContain('and at least 0.091 items per second are dropped');
  });

  test('a short run from the command line is told to raise --items', async () => {
    expect(await explain({ consumers: ['A', 'B'], interval: 'exp(1s)', delay: 'exp(1s)', items: 50 })).toContain('try --items 1000000 --instant');
  });

  test('a short run limited by --duration is told to run longer, not to raise --items', async () => {
    const text = await explain({ consumers: ['A', 'B'], interval: 'exp(500ms)', delay: 'exp(800ms)', duration: 30, items: 1_000_000 });
    expect(text).toContain('try a longer --duration (and enough --items) with --instant');
  });

  test('with retries the time is per attempt, and the attempts per item are said', async () => {
    // 1 + 0.5 + 0.25 + 0.125 = 1.875 attempts of 0.6 s: 0.889 items per second, against 1.25 arriving.
    const scenario = parseScenario(
      'sources: [{ name: s, items: 100, interval: 800ms }]\nstages: [{ name: a, workers: 1, delay: 600ms, failure: 0.5, retries: 3 }]\n',
      'retries.yaml',
    );
    const summary = await executeRunRequest(runRequest(scenario, 1));
    const text = renderExplanation(summary, scenario).replace(/\s*\n\s*/g, ' ');
    expect(text).toContain('The consumer takes 0.6 s per attempt and 1.88 attempts per item: 0.889 items per second against 1.25 arriving');
  });
});
