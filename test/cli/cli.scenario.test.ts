import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectUsageError, qsim } from '../helpers/cli.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'qsim-scenario-'));

function writeScenario(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
}

describe('qsim run --scenario', () => {
  test.each(['demo', 'etl', 'webhooks'])('examples/%s.yaml prints its golden output', (name) => {
    const result = qsim(['run', '--scenario', `examples/${name}.yaml`, '--instant']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(fixture(`example-${name}.out`));
  });

  test('the demo scenario prints exactly what qsim run --seed 7 prints', () => {
    expect(qsim(['run', '--scenario', 'examples/demo.yaml', '--instant']).stdout).toBe(fixture('run-default-seed7.out'));
  });

  test('--seed overrides the seed in the file', () => {
    const fromFile = qsim(['run', '--scenario', 'examples/demo.yaml', '--instant', '--seed', '8']).stdout;
    expect(fromFile).toBe(qsim(['run', '--seed', '8', '--instant']).stdout);
  });

  test('multi-stage log lines name the stage, failures and dead letters', () => {
    const out = qsim(['run', '--scenario', 'examples/webhooks.yaml', '--instant']).stdout;
    expect(out).toMatch(/^\[ *receive\/worker-1 *\] Got item: 0 \(size \d+\)$/m);
    expect(out).toMatch(/\] Failed item: \d+ \(attempt 1 of 3\)$/m);
    expect(out).toMatch(/\] Dead-lettered item: \d+$/m);
    expect(out.endsWith('Queue size is now 0\n')).toBe(true);
  });

  test('model options cannot be combined with --scenario', () => {
    const result = qsim(['run', '--scenario', 'examples/etl.yaml', '--items', '3']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^qsim: --items cannot be used with --scenario/);
  });

  test('a missing file exits 2 with one line', () => {
    const result = qsim(['run', '--scenario', join(scratch, 'nope.yaml'), '--instant']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^qsim: cannot read scenario file .*nope\.yaml: no such file\n$/);
  });
});

describe('qsim run --print-scenario', () => {
  test.each([
    [['--seed', '7']],
    [['--seed', '3', '--items', '200', '--consumers', '3', '--capacity', '4', '--producers', '2']],
    [['--seed', '5', '--interval', 'exp(278ms)', '--delay', 'lognormal(1s,500ms)', '--consumers', 'Ann,Bob', '--concurrency', '2']],
    [['--seed', '9', '--duration', '30s', '--interval', '0.1s', '--capacity', '3', '--on-full', 'drop-oldest', '--max-delay', '1.234567s']],
    [['--seed', '11', '--items', '50', '--interval', 'erlang(3,0.1s)', '--delay', 'normal(1s,200ms)', '--consumers', '4']],
  ])('running the printed file prints the same bytes as the command %j', (args) => {
    const printed = qsim(['run', ...args, '--print-scenario']);
    expect(printed.status).toBe(0);
    const file = writeScenario(`printed-${args[1]}.yaml`, printed.stdout);
    const fromFile = qsim(['run', '--scenario', file, '--instant']);
    const fromCommand = qsim(['run', ...args, '--instant']);
    expect(fromFile.stdout).toBe(fromCommand.stdout);
    expect(fromFile.stdout.length).toBeGreaterThan(0);
  });

  test.each([
    [['--format', 'json'], '--format'],
    [['--warmup', '1s'], '--warmup'],
    [['--replications', '3'], '--replications'],
    [['--stats'], '--stats'],
    [['--quiet'], '--quiet'],
    [['--speed', '3'], '--speed'],
  ])('%j, which a scenario file cannot hold, is refused rather than dropped unsaid', (extra, option) => {
    expectUsageError(
      ['run', '--seed', '7', ...extra, '--print-scenario'],
      new RegExp(`^qsim: ${option} cannot be used with --print-scenario: it prints the pipeline as a scenario file and runs nothing`),
    );
  });

  test('--instant changes nothing printed, so it is accepted', () => {
    expect(qsim(['run', '--seed', '7', '--instant', '--print-scenario']).stdout).toBe(qsim(['run', '--seed', '7', '--print-scenario']).stdout);
  });

  test('prints YAML that names the source and the stage', () => {
    expect(qsim(['run', '--seed', '7', '--print-scenario']).stdout).toBe(
      'seed: 7\nsources:\n  - name: producers\n    items: 20\n    interval: 500ms\nstages:\n  - name: consumers\n    workers: [ Fred, George ]\n    delay: uniform(0s,3s)\n',
    );
  });
});

describe('qsim validate', () => {
  test('a valid file: exit 0 and a one-line summary', () => {
    const result = qsim(['validate', 'examples/etl.yaml']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      'examples/etl.yaml: valid: 1 source: extract (5000 items); 3 stages: parse (2 workers) → transform (3 workers) → load (1 worker)\n',
    );
  });

  test('a file with three mistakes prints three lines, each with its path, and exits 2', () => {
    const file = writeScenario(
      'three.yaml',
      'sources:\n  - name: a\n    items: -1\n    interval: 1s\nstages:\n  - name: b\n    workers: x\n    delay: expo(1s)\n',
    );
    const result = qsim(['validate', file]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`qsim: ${file}:3: sources[0].items: expected a whole number >= 0, got -1`);
    expect(lines[1]).toContain('stages[0].workers: expected');
    expect(lines[2]).toContain('stages[0].delay: expected');
  });

  test('a YAML syntax error names the line and column', () => {
    const file = writeScenario('syntax.yaml', 'sources:\n  - name: a\n   items: 3\n');
    const result = qsim(['validate', file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^qsim: ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3:\\d+: YAML syntax error: `));
  });
});

describe('scenario files have the command line\'s limits, in validate and run alike', () => {
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const refused = (file: string, pattern: RegExp): void => {
    expectUsageError(['validate', file], pattern);
    expectUsageError(['run', '--scenario', file, '--instant'], pattern);
  };

  test('10000 workers x 1000 is refused, as --consumers 10000 --concurrency 100 is, instead of running out of memory', () => {
    const file = writeScenario('slots.yaml', 'sources: [{name: a, items: 1, interval: 1s}]\nstages: [{name: s, workers: 10000, concurrency: 1000, delay: 1s}]\n');
    refused(file, new RegExp(`^qsim: ${escape(file)}:2: stages\\[0\\]: expected at most 100000 slots \\(workers x concurrency\\) in all stages together, got 10000000 `));
  });

  test.each([
    ['interval: 1e300', 'sources[0].interval'],
    ['duration: 2000000000', 'sources[0].duration'],
  ])('%s is refused like a text duration beyond 1e9 s', (field, path) => {
    const text = `sources: [{name: a, items: 2, interval: 1s}]\nstages: [{name: s, workers: 1, delay: 1s}]\n`;
    const file = writeScenario('huge.yaml', text.replace(field.startsWith('interval') ? 'interval: 1s' : 'items: 2', field.startsWith('interval') ? field : `items: 2, ${field}`));
    refused(file, new RegExp(`^qsim: ${escape(file)}:1: ${escape(path)}: expected a duration`));
  });

  test('an alias bomb is one line naming the file, not an internal error', () => {
    const lines = ['  a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 9; i++) lines.push(`  a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    const file = writeScenario('bomb.yaml', `sources: [{name: a, items: 1, interval: 1s}]\nstages: [{name: s, workers: 1, delay: 1s}]\nbomb:\n${lines.join('\n')}\n`);
    refused(file, new RegExp(`^qsim: ${escape(file)}: YAML error: expected aliases that copy anchored values at most 1000 times`));
  });

  test('capacity: null with a drop policy is refused, as a missing capacity is', () => {
    const file = writeScenario('null.yaml', 'sources: [{name: a, items: 3, interval: 1s}]\nstages: [{name: s, workers: 1, delay: 1s, capacity: null, onFull: drop-newest}]\n');
    refused(file, /: stages\[0\]\.onFull: expected block when the stage has no capacity/);
  });

  test('a .json file with a trailing comma is a JSON syntax error with its line', () => {
    const file = writeScenario('comma.json', '{\n  "sources": [{"name": "a", "items": 3, "interval": 1}],\n  "stages": [{"name": "s", "workers": 1, "delay": 1},]\n}\n');
    refused(file, new RegExp(`^qsim: ${escape(file)}:3:54: JSON syntax error: Unexpected token ']'\n$`));
  });

  test('"seed": 1e400 says Infinity, not null', () => {
    const file = writeScenario('seed.json', '{"seed": 1e400, "sources": [{"name": "a", "items": 3, "interval": 1}], "stages": [{"name": "s", "workers": 1, "delay": 1}]}');
    refused(file, /: seed: expected a whole number >= 0, got Infinity\n$/);
  });
});

describe('--print-scenario prints every accepted value so that it reads back the same', () => {
  test('the largest duration, a nanosecond and 1e-21 s print, read back and run the same', () => {
    const file = writeScenario(
      'edges.yaml',
      'seed: 4\nsources: [{name: a, items: 3, duration: 1000000000, interval: 1e-9}]\n' +
        'stages: [{name: s, workers: 1, delay: 1e-21, failure: 0.5, retries: 1, backoff: 1000000000}, {name: t, workers: 1, delay: "uniform(0.000000001s,1000000000s)"}]\n',
    );
    const printed = qsim(['run', '--scenario', file, '--print-scenario']);
    expect(printed.status).toBe(0);
    expect(printed.stdout).toContain('    duration: 1000000000s\n    interval: 0.000000001s\n');
    expect(printed.stdout).toContain('    delay: 0.000000000000000000001s\n'); // 1e-21 s, exactly: not 0s, not an exponent, not a longer ms form
    expect(printed.stdout).toContain('    backoff: 1000000000s\n');
    expect(printed.stdout).toContain('    delay: uniform(0.000000001s,1000000000s)\n');
    const again = writeScenario('edges-printed.yaml', printed.stdout);
    expect(qsim(['run', '--scenario', again, '--print-scenario']).stdout).toBe(printed.stdout);
    const fromFile = qsim(['run', '--scenario', file, '--instant']);
    expect(fromFile.status).toBe(0);
    expect(qsim(['run', '--scenario', again, '--instant']).stdout).toBe(fromFile.stdout);
  });
});
