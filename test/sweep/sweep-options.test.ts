import { availableParallelism } from 'node:os';
import { MAX_JOBS, parseRunFlags } from '../../src/cli/run-options.js';
import { parseSweepFlags, type SweepFlags } from '../../src/cli/sweep-options.js';
import { UsageError } from '../../src/cli/usage-error.js';

const MODEL: SweepFlags = { interval: 'exp(250ms)', delay: 'exp(1s)', items: '20', seed: '1' };

function usageError(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('sweep --jobs', () => {
  test('the limit is qsim run --replications --jobs\'s: one constant, 256', () => {
    expect(MAX_JOBS).toBe(256);
    const sweep = usageError(() => parseSweepFlags({ ...MODEL, vary: ['capacity=1..2000'], jobs: String(MAX_JOBS + 1) }, 'test'));
    const run = usageError(() => parseRunFlags({ replications: '2', jobs: String(MAX_JOBS + 1), instant: true }));
    expect(sweep).toBe(`--jobs expects a whole number from 1 to ${MAX_JOBS}, got "${MAX_JOBS + 1}"`);
    expect(run).toBe(sweep);
    expect(parseSweepFlags({ ...MODEL, vary: ['capacity=1..2000'], jobs: String(MAX_JOBS) }, 'test').jobs).toBe(MAX_JOBS);
  });

  test('no more threads than runs: points (of the shard) x replications', () => {
    const jobs = (flags: SweepFlags): number => parseSweepFlags({ ...MODEL, jobs: '64', ...flags }, 'test').jobs;
    expect(jobs({ vary: ['consumers=1..4'] })).toBe(4);
    expect(jobs({ vary: ['consumers=1..4'], replications: '3' })).toBe(12);
    expect(jobs({ vary: ['consumers=1..6'], shard: '2/4' })).toBe(2); // points 1 and 5
    expect(jobs({ vary: ['consumers=1..3'], shard: '4/4' })).toBe(1); // no point: one lane, idle
    expect(jobs({ vary: ['capacity=1..2000'] })).toBe(64);
  });

  test('the default is the number of cores, within the limit and the runs', () => {
    const { jobs } = parseSweepFlags({ ...MODEL, vary: ['capacity=1..2000'] }, 'test');
    expect(jobs).toBe(Math.min(availableParallelism(), MAX_JOBS));
  });
});

describe('sweep --vary consumers', () => {
  const at = (values: string): string => usageError(() => parseSweepFlags({ ...MODEL, vary: [`consumers=${values}`] }, 'test'));

  test('a range gives counts: a value that is not a whole number is refused, naming the point', () => {
    expect(at('1..4/3')).toBe(
      '--vary consumers=1..4/3: at consumers=2.5: --consumers expects a whole number from 1 to 10000 (a range gives consumer counts; list names with |), got "2.5"',
    );
    expect(at('1s..3s/3')).toMatch(/^--vary consumers=1s\.\.3s\/3: at consumers=1s: --consumers expects a whole number from 1 to 10000 \(a range gives consumer counts/);
    expect(at('0..2')).toMatch(/^--vary consumers=0\.\.2: at consumers=0: --consumers expects a count from 1/);
  });

  test('a listed value that reads as a number but is not a whole count is refused too', () => {
    expect(at('2.0')).toBe(
      '--vary consumers=2.0: at consumers=2.0: --consumers expects a count from 1 to 10000 or comma-separated unique names of up to 64 printable characters, got "2.0" (a number, but not a whole count)',
    );
    expect(at('1|1e1')).toMatch(/at consumers=1e1: --consumers .*\(written in digits, please\)/);
    expect(at('-3|2')).toMatch(/at consumers=-3: --consumers .*\(a number, but not a whole count\)/);
  });

  test('whole counts from ranges and names from lists are points as before', () => {
    const consumers = (values: string): unknown[] =>
      parseSweepFlags({ ...MODEL, vary: [`consumers=${values}`] }, 'test').plan.points.map((point) =>
        'scenario' in point.work ? point.work.scenario.stages[0]?.workers : undefined,
      );
    expect(consumers('1..2|Ann,Bo|Cy')).toEqual([['consumer-1'], ['consumer-1', 'consumer-2'], ['Ann', 'Bo'], ['Cy']]);
    expect(consumers('2..4/2')).toEqual([['consumer-1', 'consumer-2'], ['consumer-1', 'consumer-2', 'consumer-3', 'consumer-4']]);
  });
});
