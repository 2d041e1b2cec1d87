import { schemaValidator } from '../helpers/schema.js';
import { qsim } from '../helpers/cli.js';

const DEMO = 'examples/models/demo.mjs';
const PRIORITY_TS = 'examples/models/priority.ts';

const validate = schemaValidator('model-summary.schema.json');

interface Statistic {
  path: string;
  mean: number;
  halfWidth: number;
  low: number;
  high: number;
  values: number[];
}

interface QueueFigures {
  name: string;
  puts: number;
  maxSize: number;
  waitSeconds: { mean: number };
}

interface Summary {
  type?: string;
  model: string;
  seed: number;
  simulatedSeconds: number;
  queues: QueueFigures[];
  replications: {
    count: number;
    seeds: number[];
    queues: { name: string; meanWait: Statistic; p95Wait: Statistic; meanSize: Statistic; maxSize: Statistic; throughput: Statistic }[];
  };
}

function run(model: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  return qsim(['run', '--instant', '--model', model, '--interval', 'exp(600ms)', '--delay', 'exp(1s)', '--items', '300', ...args]);
}

describe('qsim run --model FILE --replications', () => {
  test('--jobs 1 and --jobs 2 print byte-identical json, ndjson and text', () => {
    for (const format of ['json', 'ndjson', 'text']) {
      const args = ['--seed', '5', '--replications', '4', '--format', format, ...(format === 'text' ? ['--stats'] : [])];
      const one = run(DEMO, [...args, '--jobs', '1']);
      const two = run(DEMO, [...args, '--jobs', '2']);
      expect(one.stderr).toBe('');
      expect(one.status).toBe(0);
      expect(one.stdout.length).toBeGreaterThan(0);
      expect(two.stdout).toBe(one.stdout);
    }
  });

  test('replication i is the single run with seed seed + i, and each interval holds the mean of the replications', () => {
    const summary = JSON.parse(run(DEMO, ['--seed', '5', '--replications', '5', '--format', 'json']).stdout) as Summary;
    expect(validate(summary) ? [] : validate.errors).toEqual([]);
    expect(summary.replications.seeds).toEqual([5, 6, 7, 8, 9]);
    const singles = [5, 6, 7, 8, 9].map((seed) => JSON.parse(run(DEMO, ['--seed', String(seed), '--format', 'json']).stdout) as Summary);
    const [queue] = summary.replications.queues;
    if (queue === undefined) throw new Error('no queue in the replications');
    expect(queue.name).toBe('queue');
    expect(queue.meanWait.values).toEqual(singles.map((s) => s.queues[0]?.waitSeconds.mean));
    expect(queue.maxSize.values).toEqual(singles.map((s) => s.queues[0]?.maxSize));
    for (const s of [queue.meanWait, queue.p95Wait, queue.meanSize, queue.maxSize, queue.throughput]) {
      expect(s.values).toHaveLength(5);
      const mean = s.values.reduce((sum, v) => sum + v, 0) / s.values.length;
      expect(s.mean).toBeCloseTo(mean, 8);
      expect(s.halfWidth).toBeGreaterThan(0);
      expect(s.low).toBeLessThan(mean);
      expect(s.high).toBeGreaterThan(mean);
    }
    // The merged summary: counts are totals, maxima the largest.
    expect(summary.queues[0]?.puts).toBe(singles.reduce((sum, s) => sum + (s.queues[0]?.puts ?? 0), 0));
    expect(summary.queues[0]?.maxSize).toBe(Math.max(...singles.map((s) => s.queues[0]?.maxSize ?? 0)));
    expect(summary.model).toBe(DEMO);
  });

  test('a .ts model runs its replications on worker threads with the same results as in one thread', () => {
    const args = ['--seed', '2', '--duration', '5m', '--replications', '3', '--format', 'json'];
    const one = run(PRIORITY_TS, [...args, '--jobs', '1']);
    const three = run(PRIORITY_TS, [...args, '--jobs', '3']);
    expect(one.stderr).toBe('');
    expect(one.status).toBe(0);
    expect(three.stdout).toBe(one.stdout);
    const summary = JSON.parse(three.stdout) as Summary;
    expect(validate(summary) ? [] : validate.errors).toEqual([]);
    const single = JSON.parse(run(PRIORITY_TS, ['--seed', '3', '--duration', '5m', '--format', 'json']).stdout) as Summary;
    expect(summary.replications.queues[0]?.meanWait.values[1]).toBe(single.queues[0]?.waitSeconds.mean);
  });

  test('ndjson: one line per replication, then the merged summary; --quiet keeps only the summary', () => {
    const lines = run(DEMO, ['--seed', '1', '--replications', '3', '--format', 'ndjson']).stdout.trimEnd().split('\n');
    const parsed = lines.map((line) => JSON.parse(line) as Summary);
    expect(parsed.map((p) => p.type)).toEqual(['replication', 'replication', 'replication', 'summary']);
    expect(parsed.map((p) => p.seed)).toEqual([1, 2, 3, 1]);
    expect(parsed[3]?.replications.count).toBe(3);
    const quiet = run(DEMO, ['--seed', '1', '--replications', '3', '--format', 'ndjson', '--quiet']).stdout.trimEnd().split('\n');
    expect(quiet).toEqual([lines[3]]);
  });

  test('text: no log, the table of intervals per queue, then --stats', () => {
    const { stdout, status } = run(DEMO, ['--seed', '1', '--replications', '4', '--stats']);
    expect(status).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('4 replications, seeds 1 to 4: mean ± 95% confidence interval (Student t, 3 degrees of freedom)');
    expect(stdout).not.toMatch(/consumed|Queue size is now/);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}queue queue\b/));
    for (const label of ['mean wait (s)', 'p95 wait (s)', 'mean size', 'max size', 'throughput (items/s)']) {
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^ {4}${label.replace(/[()]/g, '\\$&')} +\\d+\\.\\d+ ± \\d+\\.\\d+ +\\d+\\.\\d+ +\\d+\\.\\d+$`)));
    }
    expect(stdout).toMatch(/\n {2}process +started +finished/);
  });

  test.each([
    [['--replications', '1'], /^qsim: --replications expects a whole number from 2 to 10000, got "1"\n$/],
    [['--replications', 'many'], /^qsim: --replications expects a whole number from 2 to 10000, got "many"\n$/],
    [['--replications', '3', '--jobs', '0'], /^qsim: --jobs expects a whole number from 1 to 256, got "0"\n$/],
    [['--jobs', '2'], /^qsim: --jobs needs --replications/],
    [['--replications', '3', '--timestamps'], /^qsim: --timestamps cannot be used with --replications/],
  ])('%j: one line, exit 2, nothing on stdout', (args, message) => {
    const result = run(DEMO, ['--seed', '1', ...args]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.split('\n')).toHaveLength(2);
  });

  test('a model that fails in its replications is reported on one line with its exit code and the seed that repeats it', () => {
    const result = qsim(['run', '--instant', '--model', 'test/fixtures/models/deadlock.mjs', '--seed', '1', '--replications', '3', '--jobs', '2']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^qsim: the run with seed [123] failed: deadlock at t=[^\n]+\n$/);
  });
});

describe('qsim run --model --replications: a model that changes its opts', () => {
  const ARGS = ['run', '--model', 'test/fixtures/models/mutates-options.mjs', '--instant', '--seed', '1', '--items', '2', '--replications', '3', '--format', 'ndjson'];

  test('changes only its own copy: every replication gets qsim\'s options, on one thread or several, and the summary reports them', () => {
    const lines = (jobs: string): Record<string, unknown>[] =>
      qsim([...ARGS, '--jobs', jobs]).stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const oneThread = lines('1');
    // 1 batch x 3 consumers (Fred, George and Zed) x 3 items, in every replication.
    expect(oneThread.slice(0, 3).map((line) => (line['queues'] as { puts: number }[])[0]?.puts)).toEqual([9, 9, 9]);
    for (const line of oneThread) expect(line['options']).toMatchObject({ consumers: ['Fred', 'George'], items: 2, set: {} });
    expect(lines('3')).toEqual(oneThread);
  });
});
