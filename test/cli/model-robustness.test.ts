/**
 * Model code that misbehaves — a model function that never finishes building,
 * console output, errors that are bugs rather than refusals, figures some
 * replications do not measure — is reported on one line with the right exit
 * code, never hangs, and never corrupts stdout.
 */
import { spawn } from 'node:child_process';
import { BIN, cleanEnv, qsim, type CliResult } from '../helpers/cli.js';
import type { ReplicatedFigure } from '../helpers/replications.js';

const fixture = (name: string): string => `test/fixtures/models/${name}`;

interface TimedResult extends CliResult {
  /** Wall seconds from spawn to exit. */
  seconds: number;
}

/** Runs the built CLI asynchronously (several at once), killing it after `limitSeconds`: a hang shows as status null. */
function qsimTimed(args: readonly string[], limitSeconds = 40): Promise<TimedResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(), timeout: limitSeconds * 1000, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr, seconds: (Date.now() - started) / 1000 }));
  });
}

/** One line on stderr (after the seed notice, if any), no stack trace, nothing on stdout. */
function expectOneLineFailure(result: CliResult, status: number, pattern: RegExp): void {
  expect({ status: result.status, stdout: result.stdout }).toEqual({ status, stdout: '' });
  const lines = result.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('qsim: seed '));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
}

const NEVER = /the model function failed: it did not finish building the model: it awaited a promise that nothing settles .*; a model function creates queues, processes and events and returns, and only processes wait/;
const LATE = /the model function failed: it did not finish building the model within 10 s: it awaits something outside qsim's API/;

describe('a model function that never finishes building', () => {
  test('a promise nothing settles: one line and exit 1 at once in the main thread (not exit 13)', async () => {
    const model = fixture('never-settles.mjs');
    const results = await Promise.all([
      qsimTimed(['sweep', '--model', model, '--vary', 'items=1..2', '--seed', '1']),
      qsimTimed(['run', '--model', model, '--instant']),
      // Replications build the model once in the main thread before any run starts, whatever --jobs is.
      qsimTimed(['run', '--model', model, '--instant', '--seed', '1', '--replications', '2', '--jobs', '2']),
      qsimTimed(['run', '--model', model, '--instant', '--seed', '1', '--format', 'json']),
    ]);
    const [sweep, run, replications, json] = results as [TimedResult, TimedResult, TimedResult, TimedResult];
    expectOneLineFailure(sweep, 1, new RegExp(`^qsim: --model "${model}" at items=1: ${NEVER.source}`));
    for (const result of [run, replications, json]) expectOneLineFailure(result, 1, new RegExp(`^qsim: ${NEVER.source}`));
    // Found when the event loop runs dry, not by the time limit.
    for (const result of results) expect(result.seconds).toBeLessThan(8);
  }, 60_000);

  test('hanging on worker threads, or on a long timer: one line and exit 1 after the 10 s limit, and qsim exits then', async () => {
    const [replications, workerOnly, timerRun, timerSweep, timerReplications] = (await Promise.all([
      qsimTimed(['run', '--model', fixture('hangs-in-worker.mjs'), '--instant', '--seed', '1', '--replications', '2', '--jobs', '2']),
      qsimTimed(['sweep', '--model', fixture('hangs-in-worker.mjs'), '--vary', 'items=10..11', '--seed', '1', '--jobs', '2']),
      qsimTimed(['run', '--model', fixture('long-timer.mjs'), '--instant', '--seed', '1']),
      qsimTimed(['sweep', '--model', fixture('long-timer.mjs'), '--vary', 'items=1..2', '--seed', '1']),
      qsimTimed(['run', '--model', fixture('long-timer.mjs'), '--instant', '--seed', '1', '--replications', '3']),
    ])) as TimedResult[] as [TimedResult, TimedResult, TimedResult, TimedResult, TimedResult];
    // The check build in the main thread passes; the replication on the worker is the one that hangs.
    expectOneLineFailure(replications, 1, new RegExp(`^qsim: the run with seed \\d+ failed: ${LATE.source}`));
    // The check builds in the main thread pass; the run on the worker is the one that hangs.
    expectOneLineFailure(workerOnly, 1, new RegExp(`^qsim: the run of point items=1[01] with seed \\d+ failed: ${LATE.source}`));
    expectOneLineFailure(timerRun, 1, new RegExp(`^qsim: ${LATE.source}`));
    expectOneLineFailure(timerSweep, 1, new RegExp(`^qsim: --model ".*long-timer\\.mjs" at items=1: ${LATE.source}`));
    expectOneLineFailure(timerReplications, 1, LATE);
    // The model's 100 s timer does not keep qsim alive once it has reported.
    for (const result of [replications, workerOnly, timerRun, timerSweep, timerReplications]) {
      expect(result.seconds).toBeGreaterThanOrEqual(9.5);
      expect(result.seconds).toBeLessThan(25);
    }
  }, 60_000);

  test('a process stalled on a long timer: reported, and its timer does not keep qsim alive', async () => {
    const result = await qsimTimed(['run', '--model', fixture('process-long-timer.mjs'), '--instant', '--seed', '1']);
    expectOneLineFailure(result, 1, /^qsim: stalled at t=0s: waiter awaited something outside the engine/);
    expect(result.seconds).toBeLessThan(8);
  }, 60_000);

  test('a file whose top-level await never settles does not load: one line, exit 2', async () => {
    const model = fixture('top-level-never.mjs');
    for (const args of [
      ['run', '--model', model, '--instant'],
      ['sweep', '--model', model, '--vary', 'items=1..2'],
    ]) {
      const result = await qsimTimed(args);
      expectOneLineFailure(result, 2, new RegExp(`^qsim: --model "${model}" could not be loaded: its top-level code did not finish \\(it awaited a promise that nothing settles\\)`));
      expect(result.seconds).toBeLessThan(8);
    }
  }, 60_000);
});

describe("a model's console output goes to stderr", () => {
  const CHATTY = fixture('chatty.mjs');
  const builds = (stderr: string): string[] => stderr.split('\n').filter((line) => line.startsWith('chatty: building'));

  test.each(['1', '3'])('sweep --jobs %s: json, ndjson and csv stay parseable; each point is built once in the output', (jobs) => {
    for (const format of ['json', 'ndjson', 'csv']) {
      const result = qsim(['sweep', '--model', CHATTY, '--vary', 'items=3..6', '--seed', '1', '--format', format, '--jobs', jobs]);
      expect(result.status).toBe(0);
      expect(result.stdout).not.toContain('chatty:');
      if (format === 'json') expect(() => JSON.parse(result.stdout)).not.toThrow();
      if (format === 'ndjson') for (const line of result.stdout.trimEnd().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
      if (format === 'csv') expect(result.stdout.trimEnd().split('\n').every((line) => line.split(',').length === 22)).toBe(true);
      // Every worker's lines arrive, none twice: the check builds are silent.
      expect(builds(result.stderr).map((line) => line.replace(/ seed=\d+/, '')).sort()).toEqual(['3', '4', '5', '6'].map((n) => `chatty: building items=${n}`));
      expect(result.stderr).toContain('chatty: producing items=6');
      expect(result.stderr).toMatch(/^chatty: loaded$/m);
    }
  }, 60_000);

  test('run --model --format json and ndjson: stdout holds only the summary; the replications print every build', () => {
    const json = qsim(['run', '--model', CHATTY, '--instant', '--seed', '1', '--items', '5', '--format', 'json']);
    expect(json.status).toBe(0);
    expect((JSON.parse(json.stdout) as { queues: { puts: number }[] }).queues[0]?.puts).toBe(5);
    expect(json.stderr).toBe('chatty: loaded\nchatty: building items=5 seed=1\nchatty: producing items=5\n');

    const ndjson = qsim(['run', '--model', CHATTY, '--instant', '--seed', '1', '--items', '5', '--format', 'ndjson']);
    for (const line of ndjson.stdout.trimEnd().split('\n')) expect(() => JSON.parse(line)).not.toThrow();

    const replications = qsim(['run', '--model', CHATTY, '--instant', '--seed', '1', '--items', '5', '--format', 'json', '--replications', '4', '--jobs', '2']);
    expect(replications.status).toBe(0);
    expect(() => JSON.parse(replications.stdout)).not.toThrow();
    expect(builds(replications.stderr).sort()).toEqual([1, 2, 3, 4].map((seed) => `chatty: building items=5 seed=${seed}`));
  }, 60_000);
});

describe('sweep --model: a refusal is bad input, any other error a model failure', () => {
  test('a TypeError or a default export that is a class: exit 1, one line naming the file, the point and the error', () => {
    const typeError = qsim(['sweep', '--model', fixture('type-error.mjs'), '--vary', 'items=1..2', '--seed', '1']);
    expectOneLineFailure(
      typeError,
      1,
      /^qsim: --model "test\/fixtures\/models\/type-error\.mjs" at items=1: the model function failed: TypeError: Cannot read properties of undefined \(reading 'capacity'\)$/,
    );
    const klass = qsim(['sweep', '--model', fixture('class-default.mjs'), '--vary', 'set.x=1..2', '--seed', '1']);
    expectOneLineFailure(klass, 1, /^qsim: --model ".*class-default\.mjs" at set\.x=1: the model function failed: TypeError: Class constructor Model cannot be invoked without 'new'$/);
    // The same file fails a single run with exit 1 too.
    expect(qsim(['run', '--model', fixture('type-error.mjs'), '--instant', '--seed', '1']).status).toBe(1);
  });

  test('an error class of the model\'s own is a refusal: exit 2 naming the --vary and the point', () => {
    const result = qsim(['sweep', '--model', fixture('own-refusal.mjs'), '--vary', 'items=2..5', '--seed', '1']);
    expectOneLineFailure(result, 2, /^qsim: --vary items: at items=4: the model refused these options: own-refusal\.mjs takes at most 3 items, got 4$/);
    expect(qsim(['sweep', '--model', fixture('own-refusal.mjs'), '--vary', 'items=1..3', '--seed', '1']).status).toBe(0);
  });
});

describe('run, replications and sweep follow one rule: a refusal is bad input (exit 2), any other error a model failure (exit 1)', () => {
  const RUN = ['run', '--instant', '--seed', '1'];

  test.each([
    ['an Error', 'build-throws.mjs', [], 'missing --set rate'],
    ['a RangeError', 'range-refusal.mjs', ['--set', 'batch=0'], '--set batch must be >= 1, got 0'],
    ['an error class of its own', 'own-refusal.mjs', ['--items', '5'], 'own-refusal.mjs takes at most 3 items, got 5'],
  ])('%s thrown by the model function: exit 2 with one line in run, replications and sweep', (_what, file, args, message) => {
    const refused = `the model refused these options: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
    const model = ['--model', fixture(file), ...args];
    expectOneLineFailure(qsim([...RUN, ...model]), 2, new RegExp(`^qsim: ${refused}`));
    expectOneLineFailure(qsim([...RUN, ...model, '--replications', '3', '--format', 'json']), 2, new RegExp(`^qsim: ${refused}`));
    expectOneLineFailure(qsim([...RUN, ...model, '--replications', '3', '--jobs', '2', '--format', 'ndjson']), 2, new RegExp(`^qsim: ${refused}`));
    expectOneLineFailure(qsim(['sweep', ...model, '--vary', 'producers=1|2', '--seed', '1']), 2, new RegExp(`^qsim: --vary producers: at producers=1: ${refused}`));
  });

  test('a TypeError thrown by the model function: exit 1 with one line in run, replications and sweep', () => {
    const model = ['--model', fixture('type-error.mjs')];
    const failed = "the model function failed: TypeError: Cannot read properties of undefined \\(reading 'capacity'\\)$";
    expectOneLineFailure(qsim([...RUN, ...model]), 1, new RegExp(`^qsim: ${failed}`));
    expectOneLineFailure(qsim([...RUN, ...model, '--replications', '3', '--jobs', '2']), 1, new RegExp(`^qsim: ${failed}`));
    expectOneLineFailure(qsim(['sweep', ...model, '--vary', 'producers=1|2', '--seed', '1']), 1, new RegExp(`^qsim: --model ".*type-error\\.mjs" at producers=1: ${failed}`));
  });
});

describe('run --model --replications: a figure not measured in every replication', () => {
  const MODEL = fixture('sometimes-idle.mjs');

  type Statistic = ReplicatedFigure;

  test('has no mean or interval, as in the sweep; the text says in how many replications it was measured', () => {
    const args = ['run', '--model', MODEL, '--instant', '--seed', '1', '--replications', '6'];
    const json = JSON.parse(qsim([...args, '--format', 'json']).stdout) as { replications: { queues: { meanWait: Statistic; p95Wait: Statistic; meanSize: Statistic }[] } };
    const [queue] = json.replications.queues;
    const measured = queue?.meanWait.values.filter((value) => value !== null) ?? [];
    // Some replications put an item through the queue, some do not.
    expect(measured.length).toBeGreaterThan(0);
    expect(measured.length).toBeLessThan(6);
    expect(queue?.meanWait).toMatchObject({ mean: null, halfWidth: null, low: null, high: null });
    expect(queue?.p95Wait.mean).toBeNull();
    // A figure every replication measured keeps its interval.
    expect(queue?.meanSize.mean).toEqual(expect.any(Number));
    expect(queue?.meanSize.halfWidth).toEqual(expect.any(Number));

    const text = qsim(args);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/\n {4}mean wait \(s\) +- +0\.500 +0\.500\n/);
    expect(text.stdout).toContain(
      `\n  queue jobs: mean wait measured in ${measured.length} of 6, p95 wait in ${measured.length} of 6 replications: no mean or interval (-) for a figure not measured in every replication, as in qsim sweep\n`,
    );

    const sweep = JSON.parse(qsim(['sweep', '--model', MODEL, '--vary', 'items=1', '--seed', '1', '--replications', '6', '--format', 'json']).stdout) as {
      points: { metrics: Record<string, number | null> }[];
    };
    expect(sweep.points[0]?.metrics['wait.mean']).toBeNull();
  });
});

describe('a model function that throws something other than an Error', () => {
  test('is described by its value, in run and in sweep', () => {
    const run = qsim(['run', '--model', fixture('throws-object.mjs'), '--instant', '--seed', '1']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('qsim: the model function failed: it threw {"code":42}, not an Error\n');
    const sweep = qsim(['sweep', '--model', fixture('throws-object.mjs'), '--vary', 'items=1..2', '--seed', '1']);
    expect(sweep.status).toBe(1);
    expect(sweep.stderr).toMatch(/the model function failed: it threw \{"code":42\}, not an Error\n$/);
  });
});
