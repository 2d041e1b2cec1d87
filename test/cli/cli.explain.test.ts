import { readFileSync } from 'node:fs';
import { qsim } from '../helpers/cli.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

/** The --explain paragraph with its line breaks undone, for matching sentences. */
function explanation(stdout: string): string {
  const at = stdout.indexOf('\nQueueing theory\n');
  expect(at).toBeGreaterThanOrEqual(0);
  return stdout.slice(at).replace(/\s*\n\s*/g, ' ');
}

describe('--explain', () => {
  test("the demo's defaults: the log, the final line, then why two consumers cannot keep up (golden)", () => {
    const result = qsim(['run', '--explain', '--instant', '--seed', '1']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(fixture('run-explain-seed1.out'));
    expect(result.stdout).toContain('Queue size is now 0\n\nQueueing theory\n');
    const text = explanation(result.stdout);
    expect(text).toContain(
      'Offered load ρ = 1.50: two consumers cannot keep up with one item every 0.5 s; the backlog grows by about 0.67 items per second',
    );
    expect(text).toContain('together they finish 1.33 items per second against 2.00 arriving');
  });

  test('M/M/4 at ρ = 0.9: Erlang C beside the simulated mean wait, with the difference', () => {
    const result = qsim(['run', '--instant', '--quiet', '--seed', '3', '--items', '20000', '--consumers', '4', '--interval', 'exp(278ms)', '--delay', 'exp(1s)', '--explain']);
    const json = JSON.parse(
      qsim(['run', '--instant', '--seed', '3', '--items', '20000', '--consumers', '4', '--interval', 'exp(278ms)', '--delay', 'exp(1s)', '--format', 'json']).stdout,
    ) as { theory: { meanWaitSeconds: { simulated: number; relativeDifference: number } } };
    const text = explanation(result.stdout);
    expect(text).toContain('Offered load ρ = 0.90: items arrive at 3.60 per second');
    expect(text).toContain('four consumers can finish 4.00 per second, so they are busy about 90% of the time');
    const simulated = json.theory.meanWaitSeconds.simulated.toPrecision(3);
    const difference = (json.theory.meanWaitSeconds.relativeDifference * 100).toFixed(1);
    expect(text).toMatch(new RegExp(`M/M/4 \\(Erlang C, exact\\): predicted mean wait 1\\.95 s, simulated ${simulated} s \\([+-]?${difference.replace('-', '')}%\\)`));
    expect(text).toContain('mean queue length 7.02');
  });

  test('a short run is reminded that predictions are long-run averages', () => {
    const text = explanation(qsim(['run', '--instant', '--quiet', '--seed', '1', '--items', '200', '--interval', 'exp(1s)', '--delay', 'exp(500ms)', '--consumers', '1', '--explain']).stdout);
    expect(text).toContain('M/M/1 (Erlang C, exact)');
    expect(text).toContain('Predictions are long-run averages: over 200 items');
  });

  test('no items at all: no arrivals, rather than a rate of 0 beside an interval', () => {
    const text = explanation(qsim(['run', '--instant', '--quiet', '--seed', '1', '--items', '0', '--explain']).stdout);
    expect(text).toContain('Offered load ρ = 0: no item arrives (no source makes any), so two consumers stay idle.');
    expect(text).not.toContain('one every');
    expect(text).toContain('D/U/2'); // the options' shape (a constant interval), though nothing arrives
  });

  test('a duration of 0 makes no items either: no arrivals, not a backlog', () => {
    const text = explanation(qsim(['run', '--instant', '--quiet', '--seed', '1', '--duration', '0', '--explain']).stdout);
    expect(text).toContain('Offered load ρ = 0: no item arrives');
    expect(text).not.toContain('backlog');
  });

  test('an approximation is labelled as one', () => {
    const text = explanation(qsim(['run', '--instant', '--quiet', '--seed', '1', '--items', '200', '--interval', '1s', '--delay', 'uniform(0,1.6s)', '--consumers', '1', '--explain']).stdout);
    expect(text).toContain('D/U/1 (Kingman approximation)');
  });

  test('no formula: it says why', () => {
    const text = explanation(qsim(['run', '--instant', '--quiet', '--seed', '1', '--producers', '3', '--interval', '3s', '--consumers', '2', '--explain']).stdout);
    expect(text).toContain('G/U/2: no formula applies. 3 producers with a constant interval put their items at the same instants, in bursts of 3');
  });

  test('a full queue that drops: how many items per second are dropped, and M/M/c/K', () => {
    const text = explanation(
      qsim(['run', '--instant', '--quiet', '--seed', '1', '--items', '2000', '--interval', 'exp(250ms)', '--delay', 'exp(1s)', '--consumers', '2', '--capacity', '5', '--on-full', 'drop-newest', '--explain']).stdout,
    );
    expect(text).toContain('Offered load ρ = 2.00: two consumers cannot keep up');
    expect(text).toContain('the queue keeps reaching its capacity of 5, and about 2.0 items per second (50.3% of them) are dropped');
    expect(text).toMatch(/M\/M\/2\/7 \(M\/M\/c\/K, exact\): predicted mean wait .*; drop probability \d+\.\d+%, simulated/);
  });

  test('a pipeline: each stage\'s load, the bottleneck, and the stage table', () => {
    const result = qsim(['run', '--scenario', 'examples/etl.yaml', '--instant', '--quiet', '--explain', '--stats']);
    expect(result.stdout).toContain('  bottleneck   transform, ρ = 1.33 (cannot keep up)\n');
    expect(result.stdout).toMatch(/\n {2}parse +M\/M\/2 +0\.75 +Erlang C /);
    expect(result.stdout).toMatch(/\n {2}transform +M\/G\/3 +1\.33 +cannot keep up /);
    const text = explanation(result.stdout);
    expect(text).toContain('Bottleneck: transform (it cannot keep up)');
    expect(text).toContain('the backlog grows by about 13 items per second');
  });

  test('a Jackson network: the whole pipeline predicted exactly', () => {
    const text = explanation(qsim(['run', '--scenario', 'test/fixtures/jackson.yaml', '--instant', '--quiet', '--explain']).stdout);
    expect(text).toMatch(/Jackson network, exact\): predicted mean time in system [\d.]+ m?s, simulated/);
  });

  test('with --format json or ndjson it is refused: their summary holds the theory object', () => {
    for (const format of ['json', 'ndjson']) {
      const result = qsim(['run', '--instant', '--format', format, '--explain']);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`qsim: --explain adds text to the log, so it cannot be used with --format ${format}; the ${format} summary always holds the theory object\n`);
    }
  });
});

describe('theory and bottleneck in the JSON summary', () => {
  test('the demo: D/U/2, overloaded, backlog growth 2/3 item per second, no prediction', () => {
    const summary = JSON.parse(qsim(['run', '--instant', '--seed', '1', '--format', 'json']).stdout) as Record<string, unknown>;
    expect(summary['bottleneck']).toEqual({ stage: 'consumers', index: 0, offeredLoad: 1.5, overloaded: true, utilization: expect.any(Number) as number });
    expect(summary['theory']).toMatchObject({
      model: 'D/U/2',
      method: null,
      exact: false,
      arrivalRatePerSecond: 2,
      offeredLoad: 1.5,
      overloaded: true,
      backlogGrowthPerSecond: 0.666666667,
      meanWaitSeconds: { predicted: null, relativeDifference: null },
    });
  });
});

describe('--warmup', () => {
  const args = ['run', '--instant', '--seed', '2', '--items', '3000', '--interval', 'exp(1s)', '--delay', 'exp(700ms)', '--consumers', '1', '--format', 'json'];

  test('0 is the same as none; a warm-up is reported and leaves the item counts alone', () => {
    const none = qsim(args).stdout;
    expect(qsim([...args, '--warmup', '0']).stdout).toBe(none);
    const whole = JSON.parse(none) as { items: unknown; waitSeconds: { count: number } };
    const warmed = JSON.parse(qsim([...args, '--warmup', '10m']).stdout) as { warmupSeconds: number; items: unknown; waitSeconds: { count: number } };
    expect(warmed.warmupSeconds).toBe(600);
    expect(warmed.items).toEqual(whole.items);
    expect(warmed.waitSeconds.count).toBeLessThan(whole.waitSeconds.count);
  });

  test('a warm-up that outlasts the run is warned about on stderr; stdout is the same', () => {
    const short = ['run', '--instant', '--seed', '1', '--format', 'json'];
    const result = qsim([...short, '--warmup', '1h']);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^qsim: warning: the run ended at 17\.031 s, within the --warmup of 3600\.000 s: no wait, queue size or utilization was measured/);
    expect((JSON.parse(result.stdout) as { waitSeconds: { count: number } }).waitSeconds.count).toBe(0);
    expect(qsim([...short, '--warmup', '10s']).stderr).toBe('');
  });

  test('the text log is unchanged; --stats says the figures come after the warm-up', () => {
    const base = ['run', '--instant', '--seed', '1'];
    expect(qsim([...base, '--warmup', '5s']).stdout).toBe(qsim(base).stdout);
    expect(qsim([...base, '--warmup', '5s', '--stats']).stdout).toContain('(figures after the 5.000 s warm-up)');
  });

  test.each([
    [['--warmup', 'soon'], /^qsim: --warmup expects a duration such as 250ms, 0.5s, 2s or 1m \(a bare number means seconds\), got "soon"\n$/],
    [['--warmup', '-1s'], /--warmup expects a duration/],
  ])('%j is refused', (extra, pattern) => {
    const result = qsim(['run', '--instant', ...extra]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(pattern);
  });

  test('not with --live', () => {
    const result = qsim(['run', '--live', '--warmup', '1s']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('qsim: --warmup cannot be used with --live: the live view shows the whole run\n');
  });
});
