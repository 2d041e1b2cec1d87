import { readFileSync } from 'node:fs';
import { qsim, qsimAsync } from '../helpers/cli.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

describe('qsim run', () => {
  test('prints the demo log for a fixed seed (golden)', () => {
    const result = qsim(['run', '--seed', '7', '--instant']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(fixture('run-default-seed7.out'));
    expect(result.stderr).toBe('');
  });

  test('the demo has 20 Got lines, 2 Done lines and ends with a drained queue', () => {
    const lines = qsim(['run', '--seed', '3', '--instant']).stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.includes('] Got item: '))).toHaveLength(20);
    expect(lines.filter((l) => l.endsWith('] Done'))).toHaveLength(2);
    expect(lines.at(-1)).toBe('Queue size is now 0');
  });

  test('names, producers, interval, delay and capacity change the run (golden)', () => {
    const args = ['run', '--seed', '42', '--instant', '--consumers', 'Ann,Bob,Christabel', '--producers', '2'];
    const result = qsim([...args, '--items', '12', '--interval', '250ms', '--max-delay', '1s', '--capacity', '3']);
    expect(result.stdout).toBe(fixture('run-three-consumers-capacity3-seed42.out'));
  });

  test('the same seed twice prints identical bytes', () => {
    const a = qsim(['run', '--seed', '123', '--instant', '--items', '200', '--consumers', '3']);
    const b = qsim(['run', '--seed', '123', '--instant', '--items', '200', '--consumers', '3']);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.split('\n').length).toBeGreaterThan(200);
  });

  test('different seeds print different runs', () => {
    expect(qsim(['run', '--seed', '1', '--instant']).stdout).not.toBe(qsim(['run', '--seed', '2', '--instant']).stdout);
  });

  test('--instant and --speed 50 print identical stdout', async () => {
    const paced = await qsimAsync(['run', '--seed', '7', '--speed', '50']);
    expect(paced.status).toBe(0);
    expect(paced.stdout).toBe(fixture('run-default-seed7.out'));
  });

  test('a count of consumers names them consumer-1..consumer-n', () => {
    const out = qsim(['run', '--seed', '5', '--instant', '--consumers', '3', '--items', '6']).stdout;
    expect(out).toContain('[consumer-1] ');
    expect(out).toContain('[consumer-3] Done');
  });

  test('--quiet prints only the final line', () => {
    const result = qsim(['run', '--seed', '7', '--instant', '--quiet']);
    expect(result.stdout).toBe('Queue size is now 0\n');
  });

  test('zero items: the consumers stop at once', () => {
    expect(qsim(['run', '--seed', '1', '--instant', '--items', '0']).stdout).toBe(
      '[ Fred ] Done\n[George] Done\nQueue size is now 0\n',
    );
  });

  test('without --seed a random seed is drawn and printed on stderr, and repeats the run', () => {
    const first = qsim(['run', '--instant', '--items', '30']);
    const match = /^qsim: seed (\d+) \(repeat this run with --seed \1\)\n$/.exec(first.stderr);
    expect(match).not.toBeNull();
    const again = qsim(['run', '--instant', '--items', '30', '--seed', match?.[1] ?? '']);
    expect(again.stdout).toBe(first.stdout);
  });
});

describe('qsim run colour', () => {
  test('no escape codes when stdout is not a terminal', () => {
    expect(qsim(['run', '--seed', '7', '--instant']).stdout).not.toContain('\u001b[');
  });

  test('--color colours each consumer in its own colour (golden)', () => {
    expect(qsim(['run', '--seed', '7', '--instant', '--color']).stdout).toBe(fixture('run-default-seed7-color.out'));
  });

  test('FORCE_COLOR turns colour on and NO_COLOR turns it off', () => {
    expect(qsim(['run', '--seed', '7', '--instant'], { FORCE_COLOR: '1' }).stdout).toContain('\u001b[36m[ Fred ]');
    expect(qsim(['run', '--seed', '7', '--instant', '--color'], { NO_COLOR: '1' }).stdout).toContain('\u001b[');
    expect(qsim(['run', '--seed', '7', '--instant'], { NO_COLOR: '1' }).stdout).not.toContain('\u001b[');
  });

  test('--no-color wins over FORCE_COLOR', () => {
    expect(qsim(['run', '--seed', '7', '--instant', '--no-color'], { FORCE_COLOR: '3' }).stdout).toBe(
      fixture('run-default-seed7.out'),
    );
  });

  test('the final line is never coloured', () => {
    const out = qsim(['run', '--seed', '7', '--instant', '--color']).stdout;
    expect(out.endsWith('\nQueue size is now 0\n')).toBe(true);
  });
});
