import { spawnSync } from 'node:child_process';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { parseRunFlags, type RunFlags } from '../../src/cli/run-options.js';
import type { RunConfig } from '../../src/model/config.js';

async function runCli(args: string[], pacing: string[] = ['--instant']): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => ((stdout += text), true) },
    stderr: { write: (text: string) => ((stderr += text), true) },
    env: {},
  };
  const code = await main(['run', ...pacing, '--seed', '1', ...args], io);
  return { code, stdout, stderr };
}

function parse(flags: RunFlags): RunConfig {
  const config = parseRunFlags(flags, () => 1).config;
  if (config === undefined) throw new Error('expected a command-line config');
  return config;
}

describe('qsim run: --interval, --delay, --max-delay', () => {
  test('the defaults are const(0.5s) arrivals and uniform(0,3s) processing', () => {
    const config = parse({});
    expect(config.interval.spec).toEqual({ kind: 'const', value: 0.5 });
    expect(config.delay.spec).toEqual({ kind: 'uniform', min: 0, max: 3 });
    expect([config.concurrency, config.onFull, config.duration, config.items]).toEqual([1, 'block', Infinity, 20]);
  });

  test('--max-delay X is --delay uniform(0,X)', () => {
    expect(parse({ maxDelay: '2s' }).delay.spec).toEqual(parse({ delay: 'uniform(0,2s)' }).delay.spec);
  });

  test('reads a distribution for either option', () => {
    const config = parse({ interval: 'exp(278ms)', delay: 'erlang(3,1s)' });
    expect(config.interval.spec).toEqual({ kind: 'exp', mean: 0.278 });
    expect(config.delay.spec).toEqual({ kind: 'erlang', shape: 3, mean: 1 });
  });

  test('--delay and --max-delay together are an error', () => {
    expect(() => parse({ delay: '1s', maxDelay: '2s' })).toThrow(
      '--delay and --max-delay cannot be used together: --max-delay X is shorthand for --delay uniform(0,X)',
    );
  });
});

describe('qsim run: --concurrency, --on-full, --duration', () => {
  test('--concurrency takes a whole number of slots', () => {
    expect(parse({ concurrency: '3' }).concurrency).toBe(3);
    expect(() => parse({ concurrency: '0' })).toThrow('--concurrency expects a whole number from 1 to 10000, got "0"');
    expect(() => parse({ consumers: '1000', concurrency: '101' })).toThrow('(1000 consumers x 101 = 101000 slots)');
  });

  test('--on-full takes a policy, and a drop policy needs --capacity', () => {
    expect(parse({ onFull: 'drop-oldest', capacity: '5' }).onFull).toBe('drop-oldest');
    expect(parse({ onFull: 'block' }).onFull).toBe('block');
    expect(() => parse({ onFull: 'drop' })).toThrow('--on-full expects one of block, drop-newest, drop-oldest, got "drop"');
    expect(() => parse({ onFull: 'drop-newest' })).toThrow(
      '--on-full drop-newest needs --capacity: an unbounded queue is never full, so nothing would be dropped',
    );
  });

  test('--duration alone lifts the item limit; with --items both apply', () => {
    expect([parse({ duration: '1m' }).duration, parse({ duration: '1m' }).items]).toEqual([60, Infinity]);
    expect([parse({ duration: '1m', items: '5' }).duration, parse({ duration: '1m', items: '5' }).items]).toEqual([60, 5]);
    expect(() => parse({ duration: '1m', interval: '0' })).toThrow('--duration without --items needs an --interval above 0');
    expect(parse({ duration: '1m', interval: '0', items: '3' }).items).toBe(3);
  });
});

describe('qsim run: bad values exit 2 with one line naming the option and the bad part', () => {
  test.each<[string[], string]>([
    [['--delay', 'exp(1s'], '--delay expects a duration or a distribution: const(d), uniform(min,max), exp(mean), normal(mean,sd), lognormal(mean,sd) or erlang(k,mean), got "exp(1s" (missing ")")'],
    [['--interval', 'poisson(1s)'], 'got "poisson(1s)" (unknown distribution "poisson"; known: const, uniform, exp, normal, lognormal, erlang)'],
    [['--delay', 'uniform(3s,1s)'], 'got "uniform(3s,1s)" (uniform\'s min 3s is above its max 1s)'],
    [['--delay', 'normal(1s,x)'], 'got "normal(1s,x)" (normal\'s sd "x" is not a duration)'],
    [['--delay', '1s', '--max-delay', '2s'], '--delay and --max-delay cannot be used together'],
    [['--on-full', 'drop-newest'], '--on-full drop-newest needs --capacity'],
    [['--duration', 'soon'], '--duration expects a duration such as 250ms, 0.5s, 2s or 1m (a bare number means seconds), got "soon"'],
    [['--concurrency', '2.5'], '--concurrency expects a whole number from 1 to 10000, got "2.5"'],
  ])('%j', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toHaveLength(2); // one line and its newline
    expect(result.stderr).toContain(message);
  });

  test('the installed command does the same (spawned, no colour in the environment)', () => {
    const result = spawnSync('node', ['bin/qsim.js', 'run', '--delay', 'exp(1s'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^qsim: --delay expects .*, got "exp\(1s" \(missing "\)"\)\n$/);
  });
});

describe('qsim run: new options end to end', () => {
  test('one consumer with 3 slots processes three items together', async () => {
    const result = await runCli(['--consumers', 'Fred', '--concurrency', '3', '--items', '3', '--interval', '0', '--delay', '1s']);
    expect(result.stdout).toBe(
      ['[ Fred ] Got item: 0 (size 0)', '[ Fred ] Got item: 1 (size 0)', '[ Fred ] Got item: 2 (size 0)', '[ Fred ] Done', 'Queue size is now 0', ''].join('\n'),
    );
  });

  test('drops are logged under the producer\'s name', async () => {
    const result = await runCli(['--items', '4', '--interval', '0', '--delay', '1s', '--capacity', '1', '--on-full', 'drop-newest']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[producer-1] Dropped item: 3 (size 1)\n');
  });

  test('the same options and seed print the same bytes', async () => {
    const args = ['--consumers', '1', '--concurrency', '2', '--interval', 'exp(300ms)', '--delay', 'lognormal(1s,500ms)', '--duration', '30s', '--capacity', '4', '--on-full', 'drop-oldest'];
    const first = await runCli(args);
    expect(first.stdout).toContain('Dropped item');
    expect((await runCli(args)).stdout).toBe(first.stdout);
  });

  test('paced and instant runs print the same bytes with distributions, slots, drops and a duration', async () => {
    const args = ['--consumers', '1', '--concurrency', '2', '--interval', 'exp(300ms)', '--delay', 'normal(1s,400ms)', '--duration', '10s', '--capacity', '3', '--on-full', 'drop-oldest'];
    const instant = await runCli(args);
    expect(instant.stdout).toContain('Dropped item');
    expect((await runCli(args, ['--speed', '1000'])).stdout).toBe(instant.stdout);
  });
});
