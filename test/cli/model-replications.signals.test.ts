import { qsim } from '../helpers/cli.js';
import { schemaValidator } from '../helpers/schema.js';
import { startQsim } from './spawn.js';
import type { ReplicatedFigure } from '../helpers/replications.js';

const validate = schemaValidator('model-summary.schema.json');

type Statistic = ReplicatedFigure;

interface QueueReplications {
  name: string;
  meanWait: Statistic;
  p95Wait: Statistic;
  meanSize: Statistic;
  maxSize: Statistic;
  throughput: Statistic;
}

interface Summary {
  type?: string;
  seed: number;
  interrupted?: boolean;
  queues: { name: string; puts: number }[];
  replications: { count: number; seeds: number[]; queues: QueueReplications[] };
}

const FIGURES = ['meanWait', 'p95Wait', 'meanSize', 'maxSize', 'throughput'] as const;

const note = (signal: 'SIGINT' | 'SIGTERM'): string =>
  `qsim: ${signal}: stopping; no new replication starts, those running are dropped, the finished ones are reported (${signal === 'SIGINT' ? 'Ctrl-C' : 'signal'} again to stop at once)\n`;

/** What the marker model prints (to stderr) as it starts building the replication with `seed`. */
const building = (seed: number): string => `marker: building seed=${seed}\n`;

function expectValid(summary: unknown): void {
  expect(validate(summary) ? [] : validate.errors).toEqual([]);
}

const MARKER = 'test/fixtures/models/replication-marker.mjs';
const ITEMS = 1_000_000;
// Four replications of about a second of CPU each, one at a time in qsim's own thread: the one after
// the marker (an ndjson line, or the model's "building" line for the next seed) is still running
// when the signal lands.
const LONG = ['run', '--model', MARKER, '--instant', '--seed', '5', '--items', String(ITEMS), '--interval', 'exp(1s)', '--delay', 'exp(800ms)', '--replications', '4', '--jobs', '1'];

/** Runs LONG with `args`, sends `signal` once `marker` has appeared (on `stream`), and collects the result. */
async function stopped(args: readonly string[], marker: RegExp, stream: 'stdout' | 'stderr', signal: 'SIGINT' | 'SIGTERM') {
  const run = startQsim([...LONG, ...args]);
  await run.waitFor(marker, stream);
  run.child.kill(signal);
  const { code, signal: killedBy } = await run.exit;
  return { code, killedBy, stdout: run.stdout(), stderr: run.stderr() };
}

/** The marker that seed 5 + n is being built: the first n replications have finished. */
const finished = (n: number): RegExp => new RegExp(building(5 + n).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

const markers = (n: number): string => Array.from({ length: n + 1 }, (_, i) => building(5 + i)).join('');

describe('qsim run --model --replications stopped by a signal (spawned)', () => {
  test('ndjson, SIGINT after the first replication line: the note, that replication and the summary marked interrupted, no interval from one run, exit 130', async () => {
    const result = await stopped(['--format', 'ndjson'], /^\{"type":"replication".*\n/, 'stdout', 'SIGINT');
    expect({ code: result.code, signal: result.killedBy }).toEqual({ code: 130, signal: null });
    expect(result.stderr).toBe(markers(1) + note('SIGINT'));
    const objects = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Summary);
    expect(objects.map((o) => [o.type, o.seed])).toEqual([
      ['replication', 5],
      ['summary', 5],
    ]);
    const [replication, summary] = objects as [Summary, Summary];
    expect(summary.interrupted).toBe(true);
    expect(summary.queues[0]?.puts).toBe(ITEMS);
    expect(replication.queues[0]?.puts).toBe(ITEMS);
    expect(summary.replications.count).toBe(1);
    expect(summary.replications.seeds).toEqual([5]);
    const [queue] = summary.replications.queues;
    if (queue === undefined) throw new Error('no queue in the replications');
    for (const name of FIGURES) {
      const s = queue[name];
      expect(s.values).toHaveLength(1);
      expect(s.mean).toBe(s.values[0]);
      expect([s.halfWidth, s.low, s.high]).toEqual([null, null, null]);
    }
    expectValid(summary);
  }, 60_000);

  test('ndjson, SIGTERM after the second replication line: both reported with their interval, exit 143', async () => {
    const result = await stopped(['--format', 'ndjson'], /^(\{"type":"replication".*\n){2}/, 'stdout', 'SIGTERM');
    expect({ code: result.code, signal: result.killedBy }).toEqual({ code: 143, signal: null });
    expect(result.stderr).toBe(markers(2) + note('SIGTERM'));
    const objects = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Summary);
    expect(objects.map((o) => [o.type, o.seed])).toEqual([
      ['replication', 5],
      ['replication', 6],
      ['summary', 5],
    ]);
    const summary = objects[2] as Summary;
    expect(summary.interrupted).toBe(true);
    expect(summary.replications.count).toBe(2);
    expect(summary.replications.seeds).toEqual([5, 6]);
    const wait = summary.replications.queues[0]?.meanWait;
    expect(wait?.halfWidth).toBeGreaterThan(0);
    expect(wait?.low).toBeLessThan(wait?.mean ?? NaN);
    expect(wait?.high).toBeGreaterThan(wait?.mean ?? NaN);
    expectValid(summary);
  }, 60_000);

  test('json, SIGINT while the third replication runs: the merged summary of the two that finished, interrupted, schema-valid; exit 130', async () => {
    const result = await stopped(['--format', 'json'], finished(2), 'stderr', 'SIGINT');
    expect({ code: result.code, signal: result.killedBy }).toEqual({ code: 130, signal: null });
    expect(result.stderr).toBe(markers(2) + note('SIGINT'));
    const summary = JSON.parse(result.stdout) as Summary;
    expect(summary.interrupted).toBe(true);
    expect(summary.replications.count).toBe(2);
    expect(summary.replications.seeds).toEqual([5, 6]);
    expect(summary.queues[0]?.puts).toBe(2 * ITEMS);
    expectValid(summary);
  }, 60_000);

  test('json, SIGTERM while the second replication runs: one replication, no interval claimed, schema-valid; exit 143', async () => {
    const result = await stopped(['--format', 'json'], finished(1), 'stderr', 'SIGTERM');
    expect(result.code).toBe(143);
    expect(result.stderr).toBe(markers(1) + note('SIGTERM'));
    const summary = JSON.parse(result.stdout) as Summary;
    expect(summary.interrupted).toBe(true);
    expect(summary.replications.count).toBe(1);
    for (const name of FIGURES) expect(summary.replications.queues[0]?.[name].halfWidth).toBeNull();
    expectValid(summary);
  }, 60_000);

  test('text, SIGINT after two of four: the table says how many finished', async () => {
    const result = await stopped([], finished(2), 'stderr', 'SIGINT');
    expect(result.code).toBe(130);
    expect(result.stderr).toBe(markers(2) + note('SIGINT'));
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('interrupted: 2 of 4 replications finished, seeds 5 to 6: mean ± 95% confidence interval (Student t, 1 degrees of freedom)');
    expect(lines).toContain('  queue jobs');
    expect(result.stdout).toMatch(/\n {4}mean wait \(s\) +\d+\.\d{3} ± \d+\.\d{3} +\d+\.\d{3} +\d+\.\d{3}\n/);
  }, 60_000);

  test('text, SIGTERM after one of four: its figures, no interval; exit 143', async () => {
    const result = await stopped([], finished(1), 'stderr', 'SIGTERM');
    expect(result.code).toBe(143);
    expect(result.stderr).toBe(markers(1) + note('SIGTERM'));
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('interrupted: 1 of 4 replications finished, seed 5: no confidence interval from one replication');
    expect(result.stdout).toMatch(/\n {2,}value\n {2}queue jobs\n/);
    expect(result.stdout).toMatch(/\n {4}mean wait \(s\) +\d+\.\d{3}\n/);
    expect(result.stdout).toMatch(/\n {4}max size +\d+\.\d\n/);
    expect(result.stdout).not.toContain('±');
  }, 60_000);

  test('text with --quiet, SIGINT after two of four: only the line of key figures, saying how many finished', async () => {
    const result = await stopped(['--quiet'], finished(2), 'stderr', 'SIGINT');
    expect(result.code).toBe(130);
    expect(result.stderr).toBe(markers(2) + note('SIGINT'));
    expect(result.stdout).toMatch(
      /^interrupted: 2 of 4 replications finished, seeds 5 to 6: queue jobs: mean wait \d+\.\d{3} ± \d+\.\d{3} s, throughput \d+\.\d{3} ± \d+\.\d{3} items\/s \(mean ± 95% CI\)\n$/,
    );
  }, 60_000);

  test.each([
    ['text', 'interrupted: 0 of 4 replications finished: nothing to report\n'],
    ['json', ''],
    ['ndjson', ''],
  ])('%s, SIGINT before any replication finished: nothing to report, exit 130', async (format, stdout) => {
    const result = await stopped(['--format', format], finished(0), 'stderr', 'SIGINT');
    expect({ code: result.code, signal: result.killedBy }).toEqual({ code: 130, signal: null });
    expect(result.stderr).toBe(markers(0) + note('SIGINT'));
    expect(result.stdout).toBe(stdout);
  }, 60_000);

  test('a second signal stops at once, without waiting for the replication to stop, and writes nothing more: exit 143 after SIGTERM', async () => {
    // The model function waits 8 wall seconds before it builds: the first signal cannot stop that.
    const run = startQsim([...LONG, '--set', 'buildSeconds=8', '--format', 'json']);
    await run.waitFor(finished(0), 'stderr');
    run.child.kill('SIGINT');
    await run.waitFor(/qsim: SIGINT: stopping/, 'stderr');
    const sent = Date.now();
    run.child.kill('SIGTERM');
    const { code, signal } = await run.exit;
    expect({ code, signal }).toEqual({ code: 143, signal: null });
    expect(Date.now() - sent).toBeLessThan(5_000);
    expect(run.stdout()).toBe('');
    expect(run.stderr()).toBe(markers(0) + note('SIGINT'));
  }, 60_000);
});

describe('qsim run --model --replications with --quiet', () => {
  const DEMO = ['run', '--model', 'examples/models/demo.mjs', '--instant', '--seed', '5', '--items', '300', '--interval', 'exp(600ms)', '--delay', 'exp(1s)', '--replications', '4'];

  test('text: only one line, each queue\'s mean wait and throughput as mean ± half-width, the table\'s figures', () => {
    const result = qsim([...DEMO, '--quiet']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(
      /^4 replications, seeds 5 to 8: queue queue: mean wait \d+\.\d{3} ± \d+\.\d{3} s, throughput \d+\.\d{3} ± \d+\.\d{3} items\/s \(mean ± 95% CI\)\n$/,
    );
    const table = qsim(DEMO).stdout;
    const wait = /mean wait \(s\) +(\S+ ± \S+)/.exec(table)?.[1];
    const throughput = /throughput \(items\/s\) +(\S+ ± \S+)/.exec(table)?.[1];
    expect(result.stdout).toContain(`mean wait ${wait ?? '?'} s, throughput ${throughput ?? '?'} items/s`);
  });

  test('text with --stats: the line, then the merged figures as without --quiet', () => {
    const result = qsim([...DEMO, '--quiet', '--stats']);
    const full = qsim([...DEMO, '--stats']);
    expect(result.status).toBe(0);
    const [line, ...rest] = result.stdout.split('\n');
    expect(line).toMatch(/^4 replications, seeds 5 to 8: queue queue: mean wait /);
    const stats = full.stdout.slice(full.stdout.indexOf('\n\n', full.stdout.indexOf('throughput (items/s)')));
    expect(stats).toMatch(/^\n\n {2}simulated /);
    expect('\n' + rest.join('\n')).toBe(stats);
  });

  test('text: a figure not measured in every replication is "-", as in the table', () => {
    const args = ['run', '--model', 'test/fixtures/models/sometimes-idle.mjs', '--instant', '--seed', '1', '--replications', '8'];
    const full = qsim(args);
    expect(full.stdout).toMatch(/\n {4}mean wait \(s\) +- /);
    const result = qsim([...args, '--quiet']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^8 replications, seeds 1 to 8: queue jobs: mean wait -, throughput \d+\.\d{3} ± \d+\.\d{3} items\/s \(mean ± 95% CI\)\n$/);
  });

  test('json: one object whatever --quiet is, not interrupted, schema-valid', () => {
    const quiet = qsim([...DEMO, '--quiet', '--format', 'json']);
    expect(quiet.stdout).toBe(qsim([...DEMO, '--format', 'json']).stdout);
    const summary = JSON.parse(quiet.stdout) as Summary;
    expect(summary.interrupted).toBe(false);
    expect(summary.replications.count).toBe(4);
    expectValid(summary);
  });
});
