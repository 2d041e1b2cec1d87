import { schemaValidator } from '../helpers/schema.js';
import { qsim } from '../helpers/cli.js';

const validate = schemaValidator('run-summary.schema.json');

interface Statistic {
  path: string;
  mean: number;
  halfWidth: number;
  low: number;
  high: number;
  values: number[];
  predicted: number | null;
  predictedInside: boolean | null;
}

interface Summary {
  seed: number;
  items: { produced: number };
  waitSeconds: { mean: number };
  replications: { count: number; seeds: number[]; meanWait: Statistic; utilization: Statistic; [key: string]: unknown };
}

const MM2 = ['--items', '3000', '--consumers', '2', '--interval', 'exp(600ms)', '--delay', 'exp(1s)'];

function run(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  return qsim(['run', '--instant', ...args]);
}

describe('--replications', () => {
  test('--jobs 1 and --jobs 2 print byte-identical JSON, and so do text and ndjson', () => {
    for (const format of ['json', 'ndjson', 'text']) {
      const one = run(['--seed', '5', ...MM2, '--replications', '4', '--jobs', '1', '--format', format, ...(format === 'text' ? ['--stats', '--explain'] : [])]);
      const two = run(['--seed', '5', ...MM2, '--replications', '4', '--jobs', '2', '--format', format, ...(format === 'text' ? ['--stats', '--explain'] : [])]);
      expect(one.status).toBe(0);
      expect(one.stderr).toBe('');
      expect(two.stdout).toBe(one.stdout);
    }
  });

  test('replication i is exactly the single run with seed seed + i', () => {
    const summary = JSON.parse(run(['--seed', '5', ...MM2, '--replications', '3', '--format', 'json']).stdout) as Summary;
    expect(summary.replications.seeds).toEqual([5, 6, 7]);
    const singles = [5, 6, 7].map((seed) => (JSON.parse(run(['--seed', String(seed), ...MM2, '--format', 'json']).stdout) as Summary).waitSeconds.mean);
    expect(summary.replications.meanWait.values).toEqual(singles);
  });

  test('the confidence interval holds the mean of the replications; the summary validates against the schema', () => {
    const summary = JSON.parse(run(['--seed', '5', ...MM2, '--replications', '5', '--format', 'json']).stdout) as Summary;
    expect(validate(summary) ? [] : validate.errors).toEqual([]);
    for (const name of ['meanWait', 'p95Wait', 'meanSystem', 'throughput', 'meanQueueSize', 'utilization']) {
      const s = summary.replications[name] as Statistic;
      const mean = s.values.reduce((sum, v) => sum + v, 0) / s.values.length;
      expect(s.mean).toBeCloseTo(mean, 8);
      expect(s.low).toBeLessThanOrEqual(s.mean);
      expect(s.high).toBeGreaterThanOrEqual(s.mean);
      expect(s.halfWidth).toBeGreaterThan(0);
    }
    expect(summary.waitSeconds.mean).toBeCloseTo(summary.replications.meanWait.mean, 8);
    expect(summary.items.produced).toBe(5 * 3000);
    expect(summary.seed).toBe(5);
  });

  test('text: the table of intervals, then the merged --stats, then --explain says whether theory is inside', () => {
    const result = run(['--seed', '5', ...MM2, '--replications', '4', '--stats', '--explain']);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('4 replications, seeds 5 to 8: mean ± 95% confidence interval (Student t, 3 degrees of freedom)');
    expect(result.stdout).toMatch(/\n {2}statistic +mean ± 95% CI +min +max\n/);
    expect(result.stdout).toMatch(/\n {2}mean wait \(s\) +\d+\.\d{3} ± \d+\.\d{3} +\d+\.\d{3} +\d+\.\d{3}\n/);
    expect(result.stdout).toMatch(/\n {2}utilization +\d+\.\d% ± \d+\.\d% /);
    expect(result.stdout).toContain('\n  offered load   ρ = 0.83\n');
    expect(result.stdout).toMatch(/\n {2}mean wait \(s\) +\d\.\d{3} +\d\.\d{3} ± \d\.\d{3} +(inside|outside)\n/);
    expect(result.stdout).not.toContain('Got item');
    expect(result.stdout).not.toContain('Queue size is now');
  });

  test('ndjson: one line per replication in seed order, then the merged summary; --quiet keeps only the summary', () => {
    const lines = run(['--seed', '5', ...MM2, '--replications', '3', '--format', 'ndjson']).stdout.trimEnd().split('\n');
    const objects = lines.map((line) => JSON.parse(line) as { type: string; seed: number; replications?: unknown });
    expect(objects.map((o) => [o.type, o.seed])).toEqual([
      ['replication', 5],
      ['replication', 6],
      ['replication', 7],
      ['summary', 5],
    ]);
    expect(objects[3]?.replications).toBeDefined();
    const quiet = run(['--seed', '5', ...MM2, '--replications', '3', '--format', 'ndjson', '--quiet']).stdout.trimEnd().split('\n');
    expect(quiet).toEqual([lines[3]]);
  });

  test('a scenario file replicates too; a drawn seed is announced', () => {
    const result = run(['--scenario', 'test/fixtures/jackson.yaml', '--replications', '2', '--format', 'json']);
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout) as Summary;
    expect(summary.replications.seeds).toEqual([5, 6]);
    const drawn = run([...MM2, '--replications', '2', '--format', 'json']);
    const seed = (JSON.parse(drawn.stdout) as Summary).seed;
    expect(drawn.stderr).toBe(`qsim: seed ${seed} (repeat this run with --seed ${seed})\n`);
  });

  test.each([
    [['--replications', '1'], /^qsim: --replications expects a whole number from 2 to 10000, got "1"\n$/],
    [['--replications', 'many'], /--replications expects a whole number from 2 to 10000, got "many"/],
    [['--replications', '2', '--jobs', '0'], /--jobs expects a whole number from 1 to 256, got "0"/],
    [['--jobs', '2'], /^qsim: --jobs needs --replications: it sets how many replications run at once\n$/],
    [['--replications', '2', '--chart'], /--chart cannot be used with --replications: it draws one run/],
    [['--replications', '2', '--timestamps'], /--timestamps cannot be used with --replications/],
    [['--replications', '2', '--debug'], /--debug cannot be used with --replications/],
    [['--replications', '3', '--seed', '9007199254740990'], /--seed expects a whole number up to 9007199254740989 with --replications 3/],
  ])('%j is refused with one line and exit code 2', (extra, pattern) => {
    const result = run(extra);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^qsim: [^\n]+\n$/);
    expect(result.stderr).toMatch(pattern);
  });

  test('--speed and --live are refused (replications run in virtual time)', () => {
    for (const extra of [['--speed', '2'], ['--live']]) {
      const result = qsim(['run', '--replications', '2', ...extra]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/cannot be used with --replications/);
    }
  });
});
