import { EventEmitter } from 'node:events';
import { runReplications, type ReplicationRunner } from '../../src/cli/replications-command.js';
import { parseRunFlags, type RunFlags } from '../../src/cli/run-options.js';
import type { SignalSource } from '../../src/cli/signals.js';
import { runAllUntil } from '../../src/parallel/pool.js';
import { qsim } from '../helpers/cli.js';
import { schemaValidator } from '../helpers/schema.js';
import { capture } from './capture.js';
import { startQsim } from './spawn.js';
import type { ReplicatedFigure } from '../helpers/replications.js';

const validate = schemaValidator('run-summary.schema.json');

interface Statistic extends ReplicatedFigure {
  predictedInside: boolean | null;
}

interface Summary {
  type?: string;
  seed: number;
  interrupted: boolean;
  items: { produced: number };
  replications: { count: number; seeds: number[]; meanWait: Statistic; utilization: Statistic; [key: string]: unknown };
}

const note = (signal: 'SIGINT' | 'SIGTERM'): string =>
  `qsim: ${signal}: stopping; no new replication starts, those running are dropped, the finished ones are reported (${signal === 'SIGINT' ? 'Ctrl-C' : 'signal'} again to stop at once)\n`;

const STATISTICS = ['meanWait', 'p95Wait', 'meanSystem', 'throughput', 'meanQueueSize', 'utilization'];

function expectValid(summary: unknown): void {
  expect(validate(summary) ? [] : validate.errors).toEqual([]);
}

// A replication long enough (about a second of CPU) that the one after the marker is still running when the signal lands.
const LONG = ['run', '--instant', '--seed', '5', '--items', '1500000', '--replications', '4', '--jobs', '1', '--format', 'ndjson'];

describe('--replications stopped by a signal (spawned)', () => {
  // ndjson writes each replication's line as soon as it (and those before it) finished: the marker to signal at.
  test('SIGINT after the first replication: the note, that replication and the summary marked interrupted, no interval from one run, exit 130', async () => {
    const run = startQsim(LONG);
    await run.waitFor(/^\{"type":"replication".*\n/);
    run.child.kill('SIGINT');
    const { code, signal } = await run.exit;
    expect({ code, signal }).toEqual({ code: 130, signal: null });
    expect(run.stderr()).toBe(note('SIGINT'));
    const objects = run.stdout().trimEnd().split('\n').map((line) => JSON.parse(line) as Summary);
    expect(objects.map((o) => [o.type, o.seed])).toEqual([
      ['replication', 5],
      ['summary', 5],
    ]);
    const [replication, summary] = objects as [Summary, Summary];
    expect(replication.interrupted).toBe(false); // the replication itself ran to its end
    expect(summary.interrupted).toBe(true);
    expect(summary.items.produced).toBe(1_500_000);
    expect(summary.replications.count).toBe(1);
    expect(summary.replications.seeds).toEqual([5]);
    for (const name of STATISTICS) {
      const s = summary.replications[name] as Statistic;
      expect(s.values).toHaveLength(1);
      expect([s.halfWidth, s.low, s.high, s.predictedInside]).toEqual([null, null, null, null]);
    }
    expectValid(summary);
  }, 60_000);

  test('SIGTERM after the second replication: both reported with their interval, exit 143', async () => {
    const run = startQsim(LONG);
    await run.waitFor(/^(\{"type":"replication".*\n){2}/);
    run.child.kill('SIGTERM');
    const { code, signal } = await run.exit;
    expect({ code, signal }).toEqual({ code: 143, signal: null });
    expect(run.stderr()).toBe(note('SIGTERM'));
    const objects = run.stdout().trimEnd().split('\n').map((line) => JSON.parse(line) as Summary);
    expect(objects.map((o) => [o.type, o.seed])).toEqual([
      ['replication', 5],
      ['replication', 6],
      ['summary', 5],
    ]);
    const summary = objects[2] as Summary;
    expect(summary.interrupted).toBe(true);
    expect(summary.replications.count).toBe(2);
    expect(summary.replications.seeds).toEqual([5, 6]);
    expect(summary.replications.meanWait.halfWidth).toBeGreaterThan(0);
    expectValid(summary);
  }, 60_000);
});

const signalSource = (): EventEmitter & SignalSource => new EventEmitter() as EventEmitter & SignalSource;

// In-process, with the real worker threads (the compiled worker: jest's sandbox cannot host a thread) and a
// stand-in for the process's signals, sent at exactly known points: before any run, after the n-th.
const workerUrl = new URL('../../dist/parallel/worker.js', import.meta.url);
const SMALL = { seed: '5', items: '3000', consumers: '2', interval: 'exp(600ms)', delay: 'exp(1s)', instant: true, replications: '3', jobs: '1' };

/** The real runner, with `signals` sending `signal` once `after` replications have finished (0: before any starts). */
function signalAfter(signals: EventEmitter, after: number, signal: 'SIGINT' | 'SIGTERM' = 'SIGINT'): ReplicationRunner {
  return (requests, options) => {
    let finished = 0;
    if (after === 0) signals.emit(signal);
    return runAllUntil(requests, {
      ...options,
      workerUrl,
      onResult: (index, summary) => {
        options.onResult(index, summary);
        if (++finished === after) signals.emit(signal);
      },
    });
  };
}

async function replicate(flags: RunFlags, runner: (signals: EventEmitter) => ReplicationRunner) {
  const signals = signalSource();
  const out = capture({ signals });
  const run = parseRunFlags({ ...SMALL, ...flags });
  const code = await runReplications(run, run.replications ?? { count: 0, jobs: 1 }, out.io, runner(signals));
  return { code, stdout: out.stdout(), stderr: out.stderr(), listeners: signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM') };
}

describe('--replications stopped by a signal (in-process, signalled at a known point)', () => {
  test('json, after 2 of 3: the merged summary of those 2, interrupted, schema-valid; exit 130; no handler left', async () => {
    const result = await replicate({ format: 'json' }, (signals) => signalAfter(signals, 2));
    expect(result.code).toBe(130);
    expect(result.stderr).toBe(note('SIGINT'));
    expect(result.listeners).toBe(0);
    const summary = JSON.parse(result.stdout) as Summary;
    expect(summary.interrupted).toBe(true);
    expect(summary.replications.seeds).toEqual([5, 6]);
    expect(summary.items.produced).toBe(2 * 3000);
    expectValid(summary);
    // The two that finished are exactly the first two of the full set.
    const full = await replicate({ format: 'json' }, () => (requests, options) => runAllUntil(requests, { ...options, workerUrl }));
    expect(full.code).toBe(0);
    expect(full.stderr).toBe('');
    expect(summary.replications.meanWait.values).toEqual((JSON.parse(full.stdout) as Summary).replications.meanWait.values.slice(0, 2));
  }, 60_000);

  test('json, after 1 of 3: one replication, no interval claimed, schema-valid', async () => {
    const result = await replicate({ format: 'json' }, (signals) => signalAfter(signals, 1, 'SIGTERM'));
    expect(result.code).toBe(143);
    expect(result.stderr).toBe(note('SIGTERM'));
    const summary = JSON.parse(result.stdout) as Summary;
    expect(summary.interrupted).toBe(true);
    expect(summary.replications.count).toBe(1);
    for (const name of STATISTICS) expect((summary.replications[name] as Statistic).halfWidth).toBeNull();
    expectValid(summary);
  }, 60_000);

  test('text, after 2 of 3: the table says how many finished', async () => {
    const result = await replicate({}, (signals) => signalAfter(signals, 2));
    expect(result.code).toBe(130);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('interrupted: 2 of 3 replications finished, seeds 5 to 6: mean ± 95% confidence interval (Student t, 1 degrees of freedom)');
    expect(result.stdout).toMatch(/\n {2}mean wait \(s\) +\d+\.\d{3} ± \d+\.\d{3} +\d+\.\d{3} +\d+\.\d{3}\n/);
  }, 60_000);

  test('text, after 1 of 3: its figures, no interval, and --explain claims none either', async () => {
    const result = await replicate({ explain: true }, (signals) => signalAfter(signals, 1));
    expect(result.code).toBe(130);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('interrupted: 1 of 3 replications finished, seed 5: no confidence interval from one replication');
    expect(result.stdout).toMatch(/\n {2}statistic +value\n/);
    expect(result.stdout).toMatch(/\n {2}mean wait \(s\) +\d+\.\d{3}\n/);
    expect(result.stdout).not.toContain('±');
    expect(result.stdout).toContain('\nQueueing theory\n');
    expect(result.stdout).not.toMatch(/confidence interval(s)? over/);
  }, 60_000);

  test.each([
    ['json', ''],
    ['ndjson', ''],
    ['text', 'interrupted: 0 of 3 replications finished: nothing to report\n'],
  ])('%s, before any finished: nothing to report, exit 130', async (format, stdout) => {
    const result = await replicate({ format }, (signals) => signalAfter(signals, 0));
    expect(result.code).toBe(130);
    expect(result.stderr).toBe(note('SIGINT'));
    expect(result.stdout).toBe(stdout);
  }, 60_000);

  test('a second signal stops at once, without waiting for the runs to stop, and writes nothing more: exit 143 after SIGTERM', async () => {
    let started = (): void => {};
    const running = new Promise<void>((resolve) => (started = resolve));
    // Runs that do not stop when asked: only the second signal can end the command.
    const stuck: ReplicationRunner = () => {
      started();
      return new Promise(() => {});
    };
    const signals = signalSource();
    const out = capture({ signals });
    const run = parseRunFlags({ ...SMALL, format: 'json' });
    const done = runReplications(run, run.replications ?? { count: 0, jobs: 1 }, out.io, stuck);
    await running;
    signals.emit('SIGINT');
    signals.emit('SIGTERM');
    expect(await done).toBe(143);
    expect(out.stdout()).toBe('');
    expect(out.stderr()).toBe(note('SIGINT'));
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM')).toBe(0);
  });
});

describe('--replications with --quiet', () => {
  const MM2 = ['run', '--instant', '--seed', '5', '--items', '3000', '--consumers', '2', '--interval', 'exp(600ms)', '--delay', 'exp(1s)', '--replications', '4'];

  test('text: only the final line, the key figures as mean ± half-width', () => {
    const result = qsim([...MM2, '--quiet']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(
      /^4 replications, seeds 5 to 8: mean wait \d+\.\d{3} ± \d+\.\d{3} s, throughput \d+\.\d{3} ± \d+\.\d{3} items\/s, utilization \d+\.\d% ± \d+\.\d% \(mean ± 95% CI\)\n$/,
    );
    // The figures are the table's.
    const table = qsim(MM2).stdout;
    const wait = /mean wait \((s)\) +(\S+ ± \S+)/.exec(table)?.[2];
    expect(result.stdout).toContain(`mean wait ${wait ?? '?'} s`);
  });

  test('text with --stats: the final line, then the merged figures, as a single run prints them', () => {
    const result = qsim([...MM2, '--quiet', '--stats']);
    const full = qsim([...MM2, '--stats']);
    const [line, ...rest] = result.stdout.split('\n');
    expect(line).toMatch(/^4 replications, seeds 5 to 8: mean wait /);
    const stats = full.stdout.slice(full.stdout.indexOf('\n\n', full.stdout.indexOf('utilization')));
    expect('\n' + rest.join('\n')).toBe(stats);
  });

  test('json: one object whatever --quiet is, as for a single run', () => {
    expect(qsim([...MM2, '--quiet', '--format', 'json']).stdout).toBe(qsim([...MM2, '--format', 'json']).stdout);
  });
});

describe('a closed stdout during streamed replications', () => {
  test('stops the replications once the reader has gone (| head -n 1), quietly, with 0', async () => {
    // 200 replications of a million items would take minutes; with the reader gone after the first line they stop.
    const qsim = startQsim(['run', '--instant', '--seed', '1', '--items', '1000000', '--replications', '200', '--jobs', '1', '--format', 'ndjson']);
    await qsim.waitFor(/"type":"replication"/);
    qsim.child.stdout?.destroy();
    const { code, signal } = await qsim.exit;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(qsim.stderr()).toBe('');
  }, 30_000);
});
