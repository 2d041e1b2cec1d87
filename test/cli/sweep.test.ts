import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import stringWidth from 'string-width';
import { BIN, cleanEnv, expectUsageError, qsim } from '../helpers/cli.js';
import { qsimInPty } from '../helpers/pty.js';

const scratch = mkdtempSync(join(tmpdir(), 'qsim-sweep-'));
const MODEL = ['--interval', 'exp(250ms)', '--delay', 'exp(1s)', '--items', '1000', '--seed', '7'];
const SWEEP = ['sweep', '--vary', 'consumers=3..5', '--vary', 'concurrency=1|2', ...MODEL, '--slo', 'wait.p95<2s'];

function displayWidth(text: string): number {
  return stringWidth(text);
}

function write(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
}

describe('qsim sweep', () => {
  test('prints a table with the varied values, ρ, the figures and pass/fail, then the recommendation', () => {
    const result = qsim(['sweep', '--vary', 'consumers=3..7', ...MODEL, '--slo', 'wait.p95<2s', '--instant']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^\s+consumers\s+ρ\s+throughput \(\/s\)\s+wait mean \(s\)\s+wait p95 \(s\)\s+max queue\s+utilization\s+SLO$/);
    expect(lines.slice(1, 6).map((line) => line.trim().split(/\s+/)[0])).toEqual(['3', '4', '5', '6', '7']);
    expect(lines[1]).toMatch(/^\s+3\s+1\.333\s.*fail$/);
    expect(lines[4]).toMatch(/\s0\.667\s.*pass$/);
    expect(result.stdout).toMatch(/\nrecommended: consumers=\d \(\d worker slots\), the cheapest point that meets wait.p95<2s\n$/);
  });

  test('a point with ρ ≥ 1 that passes in a short run is marked and not recommended', () => {
    // 20 items: at ρ = 1.333 and 1 the backlog has no time to build, and both pass.
    const result = qsim(['sweep', '--vary', 'consumers=1..8', '--interval', 'exp(250ms)', '--delay', 'exp(1s)', '--slo', 'wait.p95<2s', '--seed', '1']);
    expect(result.status).toBe(0);
    const rows = result.stdout.split('\n').slice(1, 9);
    expect(rows[2]).toMatch(/^\s+3\s+1\.333\s.*pass, ρ ≥ 1$/);
    expect(rows[3]).toMatch(/^\s+4\s+1\.000\s.*pass, ρ ≥ 1$/);
    expect(result.stdout).toContain(
      '\nnot recommended: consumers=3, consumers=4 (overloaded: ρ ≥ 1 at a stage that keeps every item): they meet wait.p95<2s only because the run ends before the backlog builds up',
    );
    expect(result.stdout).toMatch(/\nrecommended: consumers=5 \(5 worker slots\), the cheapest point that meets wait.p95<2s and is not overloaded\n$/);
    const json = JSON.parse(qsim(['sweep', '--vary', 'consumers=1..8', '--interval', 'exp(250ms)', '--delay', 'exp(1s)', '--slo', 'wait.p95<2s', '--seed', '1', '--format', 'json']).stdout) as {
      points: { overloaded: boolean; pass: boolean }[];
      recommendation: { values: Record<string, string> };
    };
    expect(json.points.map((p) => p.overloaded)).toEqual([true, true, true, true, false, false, false, false]);
    expect(json.points[2]?.pass).toBe(true);
    expect(json.recommendation.values).toEqual({ consumers: '5' });
  });

  test('a drawn seed is printed on stderr, as qsim run does', () => {
    const result = qsim(['sweep', '--vary', 'consumers=2|3', '--items', '20']);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^qsim: seed \d+ \(repeat this sweep with --seed \d+\)\n$/);
  });

  test('results do not depend on --jobs: --jobs 1 and --jobs 2 print the same bytes in every format', () => {
    for (const format of ['text', 'json', 'csv', 'ndjson']) {
      const one = qsim([...SWEEP, '--jobs', '1', '--format', format]);
      const two = qsim([...SWEEP, '--jobs', '2', '--format', format]);
      expect(one.status).toBe(0);
      expect(two.stdout).toBe(one.stdout);
    }
  });

  test('shards 1/3, 2/3 and 3/3 merged print what the unsharded sweep prints (text, json, csv, ndjson)', () => {
    const files = [1, 2, 3].map((k) => {
      const shard = qsim([...SWEEP, '--shard', `${k}/3`, '--format', 'ndjson']);
      expect(shard.status).toBe(0);
      return write(`shard-${k}.ndjson`, shard.stdout);
    });
    for (const format of ['text', 'json', 'csv', 'ndjson']) {
      const whole = qsim([...SWEEP, '--format', format]);
      const merged = qsim(['merge', files[2] as string, files[0] as string, files[1] as string, '--format', format]);
      expect(merged.stderr).toBe('');
      expect(merged.status).toBe(0);
      expect(merged.stdout).toBe(whole.stdout);
    }
  });

  test('a shard runs the points with index i mod N = K - 1 and says how to merge', () => {
    const json = JSON.parse(qsim([...SWEEP, '--shard', '2/4', '--format', 'json']).stdout) as { points: { index: number }[]; recommendation: unknown };
    expect(json.points.map((p) => p.index)).toEqual([1, 5]);
    expect(json.recommendation).toBeNull();
    expect(qsim([...SWEEP, '--shard', '2/4']).stdout).toMatch(/shard 2\/4: 2 of 6 points; qsim merge joins/);
  });

  test('ndjson: one line per point in index order, each with the fingerprint, then the summary', () => {
    const lines = qsim([...SWEEP, '--format', 'ndjson']).stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((l) => l['type'])).toEqual([...Array<string>(6).fill('point'), 'summary']);
    expect(lines.slice(0, 6).map((l) => l['index'])).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(lines.map((l) => l['sweep'])).size).toBe(1);
    expect(lines[6]).toMatchObject({ shard: null, interrupted: false, finished: 6, definition: { seed: 7, points: 6 } });
  });

  test('csv: a header and a row per point, the varied values, the seeds and every metric', () => {
    const [header, ...rows] = qsim([...SWEEP, '--format', 'csv']).stdout.trim().split('\n');
    expect(header).toMatch(/^index,consumers,concurrency,seeds,rho,overloaded,slots,throughput,wait\.mean,.*,wait\.p95<2s,pass$/);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toMatch(/^0,3,1,\d+,1\.333333333,true,3,/);
  });

  test('csv: each run\'s seed, as json lists them (space-separated with replications); values with commas quoted', () => {
    const args = ['sweep', '--vary', 'consumers=Ann,Bo|2', ...MODEL, '--replications', '3', '--slo', 'wait.p95<2s'];
    const json = JSON.parse(qsim([...args, '--format', 'json']).stdout) as { points: { seeds: number[] }[] };
    const csv = qsim([...args, '--format', 'csv']).stdout;
    const rows = csv.trim().split('\n').slice(1);
    expect(rows.map((row) => /^\d+,("Ann,Bo"|2),([\d ]+),/.exec(row)?.[2])).toEqual(json.points.map((point) => point.seeds.join(' ')));
    expect(json.points.every((point) => point.seeds.length === 3)).toBe(true);
    // merge prints the same bytes
    const shard = write('replicated.ndjson', qsim([...args, '--format', 'ndjson']).stdout);
    expect(qsim(['merge', shard, '--format', 'csv']).stdout).toBe(csv);
  });

  test('a table with wide characters lines up by display width', () => {
    const result = qsim(['sweep', '--vary', 'consumers=李雷|Ann,Bo|1', '--interval', 'exp(500ms)', '--delay', 'exp(1s)', '--items', '50', '--seed', '1', '--slo', 'wait.p95<2s']);
    expect(result.status).toBe(0);
    const table = result.stdout.split('\n\n')[0]!.split('\n');
    expect(table).toHaveLength(4);
    // The last column (SLO, pass/fail) is right-aligned: every line ends in the same terminal column.
    expect(new Set(table.map((line) => displayWidth(line))).size).toBe(1);
    // And ρ's column too: each line's width up to its ρ figure is the same.
    expect(new Set(table.slice(1).map((line) => displayWidth(line.slice(0, line.indexOf('.') + 4))))).toEqual(new Set([displayWidth(table[0]!.slice(0, table[0]!.indexOf('ρ') + 1))]));
  });

  test('json: the points and the recommendation; the point\'s seed repeats its run with qsim run', () => {
    const sweep = JSON.parse(qsim([...SWEEP, '--format', 'json']).stdout) as {
      points: { values: Record<string, string>; seeds: number[]; metrics: Record<string, number> }[];
      recommendation: { values: Record<string, string> } | null;
    };
    const point = sweep.points[3];
    expect(point?.values).toEqual({ consumers: '4', concurrency: '2' });
    const run = qsim(['run', '--consumers', '4', '--concurrency', '2', ...MODEL.slice(0, -2), '--seed', String(point?.seeds[0]), '--instant', '--format', 'json']);
    const summary = JSON.parse(run.stdout) as { waitSeconds: { p95: number }; throughputPerSecond: number };
    expect(summary.waitSeconds.p95).toBe(point?.metrics['wait.p95']);
    expect(summary.throughputPerSecond).toBe(point?.metrics['throughput']);
  });

  test('--replications: mean ± CI in the table, a note saying so', () => {
    const result = qsim(['sweep', '--vary', 'consumers=5|6', ...MODEL, '--replications', '3', '--slo', 'wait.p95<2s']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/\d ± \d/);
    expect(result.stdout).toContain('mean ± half-width of the 95% confidence interval over 3 replications (Student t)');
  });

  test('--chart draws the SLO metric against the first --vary, with the bound', () => {
    const result = qsim(['sweep', '--vary', 'consumers=3..7', ...MODEL, '--slo', 'wait.p95<2s', '--chart', '--jobs', '1']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('wait.p95 (s) by consumers; ╌ is the bound of wait.p95<2s');
    expect(result.stdout).toMatch(/2\.00 ┤[^\n]*╌/);
    expect(result.stdout).toMatch(/\n\s+3\s+4\s+5\s+6\s+7\s+consumers\n/);
  });

  test('no SLO: the table without pass/fail or recommendation', () => {
    const result = qsim(['sweep', '--vary', 'delay=exp(500ms)|erlang(4,500ms)', '--consumers', '1', '--interval', 'exp(250ms)', '--items', '500', '--seed', '7']);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(/SLO|recommended/);
    expect(result.stdout).toMatch(/^\s+delay\s+ρ/);
    expect(result.stdout).toMatch(/\n {2}exp\(500ms\)\s+2\.000\s/);
  });

  test('none passes: the output says so', () => {
    const result = qsim(['sweep', '--vary', 'consumers=1|2', ...MODEL, '--slo', 'wait.p95<1ms']);
    expect(result.stdout).toMatch(/\nno point meets wait.p95<1ms\n$/);
  });

  test('a scenario file: --vary names a field by stage name or index', () => {
    const byName = qsim(['sweep', '--scenario', 'examples/etl.yaml', '--vary', 'stages.transform.workers=3..5', '--slo', 'system.p95<5s', '--format', 'json']);
    expect(byName.stderr).toBe(''); // the file's seed is the sweep's
    const byIndex = qsim(['sweep', '--scenario', 'examples/etl.yaml', '--vary', 'stages[1].workers=3..5', '--slo', 'system.p95<5s', '--format', 'json']);
    const json = JSON.parse(byName.stdout) as { sweep: { seed: number }; points: { rho: number }[]; recommendation: unknown };
    expect(json.sweep.seed).toBe(11);
    // transform is the bottleneck: 50 items/s x 80 ms over 3, 4, 5 workers.
    expect(json.points.map((p) => p.rho)).toEqual([4 / 3, 1, 0.8].map((rho) => Math.round(rho * 1e9) / 1e9));
    const figures = (stdout: string): unknown => (JSON.parse(stdout) as { points: { metrics: unknown }[] }).points.map((p) => p.metrics);
    expect(figures(byIndex.stdout)).toEqual(figures(byName.stdout));
    const table = qsim(['sweep', '--scenario', 'examples/etl.yaml', '--vary', 'stages.transform.workers=3..5', '--slo', 'system.p95<5s']);
    expect(table.stdout).toMatch(/^\s+stages\.transform\.workers\s+ρ/);
    expect(table.stdout).toMatch(/\s+system p95 \(s\)\s+SLO\n/);
  });

  test('a scenario file that uses an anchor 150 times sweeps as it runs (aliases expand within the same limit)', () => {
    const stages = Array.from({ length: 150 }, (_, i) => `  - name: s${i}\n    workers: ${i === 0 ? '&w 2' : '*w'}\n    delay: 1ms\n`).join('');
    const file = join(scratch, 'many-aliases.yaml');
    writeFileSync(file, `sources:\n  - name: a\n    items: 5\n    interval: 1s\nstages:\n${stages}`);
    expect(qsim(['run', '--scenario', file, '--instant', '--quiet']).status).toBe(0);
    const result = qsim(['sweep', '--scenario', file, '--vary', 'stages.s0.workers=1..2', '--seed', '1', '--format', 'csv']);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim().split('\n')).toHaveLength(3);
  });

  test('a problem the varied values bring about elsewhere in a valid file names the point', () => {
    const file = join(scratch, 'names.yaml');
    writeFileSync(file, 'seed: 3\nsources:\n  - {name: a, items: 3, interval: 1s}\n  - {name: b, items: 3, interval: 1s}\nstages:\n  - {name: s, workers: [b-2, c], delay: 1s}\n');
    expect(qsim(['validate', file]).status).toBe(0);
    expectUsageError(
      ['sweep', '--scenario', file, '--vary', 'sources.b.producers=1|2'],
      /^qsim: --vary sources\.b\.producers=1\|2: at sources\.b\.producers=2: .*names\.yaml:6: stages\[0\]\.workers: expected names that give every producer and worker its own/,
    );
  });

  test('a scenario grid over a source and a stage', () => {
    const result = qsim([
      'sweep', '--scenario', 'examples/etl.yaml', '--vary', 'sources.extract.items=100|200', '--vary', "stages.load.delay=const(5ms)|exp(10ms)", '--format', 'csv',
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n').slice(1, 5).map((row) => row.split(',').slice(1, 3).join(' '))).toEqual([
      '100 const(5ms)',
      '100 exp(10ms)',
      '200 const(5ms)',
      '200 exp(10ms)',
    ]);
  });
});

describe('qsim sweep rejects bad input with one line and exit code 2, before running anything', () => {
  test.each([
    [['--vary', 'consumers=0..3'], /^qsim: --vary consumers=0\.\.3: at consumers=0: --consumers expects a count from 1/],
    [['--vary', 'interval=exp(1s)|exp(x)'], /--vary interval=exp\(1s\)\|exp\(x\): at interval=exp\(x\): --interval expects .*\(exp's mean "x" is not a duration\)/],
    [['--vary', 'on-full=block|drop-newest'], /--vary on-full=block\|drop-newest: at on-full=drop-newest: --on-full drop-newest needs --capacity/],
    [['--vary', 'consumers=1..3', '--consumers', '2'], /--consumers cannot be used with --vary consumers=…/],
    [['--vary', 'frobs=1..3'], /--vary expects NAME=VALUES with NAME one of producers, consumers, .*\(unknown option "frobs"\)/],
    [['--vary', 'seed=1..3'], /\(unknown option "seed"; for runs with several seeds use --replications\)/],
    [['--vary', 'consumers'], /--vary expects NAME=VALUES .*\(no "=" between the name and the values\)/],
    [['--vary', 'consumers=1..3', '--vary', 'consumers=5'], /"consumers" is varied twice/],
    [['--vary', 'consumers=1..3', '--vary', 'consumersX'], /got "consumersX" \(no "=" between the name and the values\)/],
    [['--vary', 'interval=0.5s..2s'], /needs whole numbers at both ends, or \/N/],
    [['--vary', 'consumers=1..200', '--vary', 'items=1..100'], /a grid of at most 10000 points.*200 x 100 = 20000 points/],
    [[], /qsim sweep needs at least one --vary/],
    [['--vary', 'consumers=1..3', '--slo', 'wait.p96<2s'], /--slo expects METRIC OP VALUE .*METRIC one of throughput, wait\.mean, .*deadLettered\), got "wait\.p96<2s" \(unknown metric "wait\.p96"\)/],
    [['--vary', 'consumers=1..3', '--slo', 'wait.p95=2s'], /\(unknown operator "="; did you mean ==\?\)/],
    [['--vary', 'consumers=1..3', '--slo', 'wait.p95<2x'], /\("2x": unknown unit "x"; known: ms, s, m, h\)\n$/],
    [['--vary', 'consumers=1..3', '--slo', 'queue.max<2s'], /queue\.max is not a duration/],
    [['--vary', 'consumers=1..3', '--slo', 'wait.p95<2s', '--slo', 'wait.p95 < 2s'], /wait\.p95<2s is given twice/],
    [['--vary', 'consumers=1..3', '--shard', '1/3'], /--shard needs --seed/],
    [['--vary', 'consumers=1..3', '--shard', '4/3', '--seed', '1'], /--shard expects K\/N/],
    [['--vary', 'consumers=1..3', '--shard', 'two', '--seed', '1'], /--shard expects K\/N/],
    [['--vary', 'consumers=1..3', '--jobs', '0'], /--jobs expects a whole number from 1/],
    [['--vary', 'consumers=1..3', '--jobs', '257'], /--jobs expects a whole number from 1 to 256, got "257"/],
    [['--vary', 'consumers=1..4/3'], /^qsim: --vary consumers=1\.\.4\/3: at consumers=2\.5: --consumers expects a whole number from 1 to 10000 \(a range gives consumer counts; list names with \|\), got "2\.5"/],
    [['--vary', 'consumers=1s..3s/3'], /^qsim: --vary consumers=1s\.\.3s\/3: at consumers=1s: --consumers expects a whole number/],
    [['--vary', 'consumers=2.0'], /^qsim: --vary consumers=2\.0: at consumers=2\.0: --consumers expects a count from 1 to 10000 or comma-separated .*, got "2\.0" \(a number, but not a whole count\)/],
    [['--vary', 'consumers=1e1|2'], /at consumers=1e1: --consumers .*\(written in digits, please\)/],
    [['--vary', 'consumers=1..3', '--replications', '0'], /--replications expects a whole number from 1 to 1000/],
    [['--vary', 'consumers=1..3', '--format', 'xml'], /--format expects one of text, json, csv, ndjson, got "xml"/],
    [['--vary', 'consumers=1..3', '--chart'], /--chart draws an SLO's metric .*give --slo too/],
    [['--vary', 'consumers=1..3', '--chart', '--slo', 'wait.p95<1s', '--format', 'json'], /--chart .* cannot be used with --format json/],
    [['--vary', 'consumers=1..3', '--items', 'x'], /^qsim: --items expects a whole number >= 0, got "x"/],
    [['--vary', 'consumers=1..3', '--speed', '2'], /unknown option '--speed'/],
    [['--scenario', 'examples/etl.yaml', '--vary', 'stages.enrich.workers=2..6'], /--vary expects NAME=VALUES with NAME stages\.NAME\.FIELD .*\(the file has no stage "enrich" \(its stages: parse, transform, load\)\)/],
    [['--scenario', 'examples/etl.yaml', '--vary', 'stages.load.speed=2'], /\(stages have no field "speed"\)/],
    [['--scenario', 'examples/etl.yaml', '--vary', 'consumers=2..6'], /\("consumers" is not a path\)/],
    [['--scenario', 'examples/etl.yaml', '--vary', 'stages.load.workers=0..2'], /--vary stages\.load\.workers=0\.\.2: at stages\.load\.workers=0: examples\/etl\.yaml:18: stages\[2\]\.workers: expected a whole number from 1/],
    [['--scenario', 'examples/etl.yaml', '--vary', 'stages.load.workers=2', '--consumers', '3'], /--consumers cannot be used with --scenario/],
    // Read as the file is read: a whole number beyond 2^53 - 1 is shown as written, not as the double it would round to.
    [['--scenario', 'examples/demo.yaml', '--vary', 'sources.producers.items=9007199254740993|5'], /: sources\[0\]\.items: expected a whole number >= 0, got 9007199254740993 \(the largest is 9007199254740991\)$/m],
  ])('%j', (args, pattern) => {
    expectUsageError(['sweep', ...args], pattern);
  });
});

describe('qsim run --consumers: a number that is not a whole count is refused, not taken for a name', () => {
  test.each([
    ['-3', 'a number, but not a whole count'],
    ['2.0', 'a number, but not a whole count'],
    ['2.5', 'a number, but not a whole count'],
    ['.5', 'a number, but not a whole count'],
    ['1e1', 'written in digits, please'],
    ['+4', 'written without "+", please'],
    ['0x10', 'written in decimal digits, please'],
    ['1_000', 'written without separators between the digits, please'],
    ['\uff11\uff12', 'written with the digits 0-9, please'],
  ])('%s (%s)', (value, reason) => {
    const escape = (text: string): string => text.replace(/[.+()]/g, '\\$&');
    expectUsageError(
      ['run', '--instant', '--items', '3', '--consumers', value],
      new RegExp(`^qsim: --consumers expects a count from 1 to 10000 or comma-separated unique names of up to 64 printable characters, got "${escape(value)}" \\(${escape(reason)}\\)\n$`),
    );
  });

  test('a problem only some points have names the point, even when it is about an option not varied', () => {
    expectUsageError(
      ['sweep', '--vary', 'producers=1..3', '--consumers', 'producer-2', '--items', '100', '--seed', '1'],
      /^qsim: --vary producers=1\.\.3: at producers=2: --consumers expects names other than the producers' \(producer-1 to producer-2\)/,
    );
    // Whatever the order of the points: the base options alone are valid, so the point is to blame.
    expectUsageError(['sweep', '--vary', 'producers=3..1', '--consumers', 'producer-2', '--items', '100', '--seed', '1'], /^qsim: --vary producers=3\.\.1: at producers=3: /);
    // A problem of the base options alone stays theirs.
    expectUsageError(['sweep', '--vary', 'items=1..3', '--consumers', 'producer-1'], /^qsim: --consumers expects names other than the producers' \(producer-1\)/);
  });

  test('values written with commas instead of | are refused with the hint to use |; consumer names keep their commas', () => {
    expectUsageError(['sweep', '--vary', 'interval=exp(100ms),exp(200ms)', '--items', '10'], /\(unexpected ",exp\(200ms\)" after "\)"\); --vary separates values with \|, not a comma: a\|b\|c\n$/);
    expectUsageError(['sweep', '--vary', 'items=10,20'], /got "10,20".*; --vary separates values with \|, not a comma/);
    // Three consumers named 1, 2 and 3 were surely meant as three points.
    expectUsageError(['sweep', '--vary', 'consumers=1,2,3', '--items', '10'], /^qsim: --vary consumers=1,2,3: .*\(list several values with \|: consumers=1\|2\|3\), got "1,2,3"\n$/);
    // A comma inside a distribution's parentheses is its own.
    const inside = qsim(['sweep', '--vary', 'delay=uniform(1s,2s)|exp(1', '--items', '10']);
    expect(inside.stderr).not.toContain('not a comma');
    const names = qsim(['sweep', '--vary', 'consumers=Ann,Ann|Bo', '--items', '10']);
    expect(names.status).toBe(2);
    expect(names.stderr).not.toContain('not a comma');
  });

  test("a consumer named as a producer is refused: the log's drop lines and the trace name workers", () => {
    expectUsageError(
      ['run', '--instant', '--items', '3', '--consumers', 'producer-1,x'],
      /^qsim: --consumers expects names other than the producers' \(producer-1\), got "producer-1,x" \("producer-1" is a producer's name\)\n$/,
    );
    expectUsageError(['run', '--instant', '--producers', '3', '--consumers', 'x,producer-3'], /\(producer-1 to producer-3\), got "x,producer-3"/);
    expect(qsim(['run', '--instant', '--items', '3', '--producers', '3', '--consumers', 'producer-4']).status).toBe(0);
  });

  test('counts and names run as before', () => {
    expect(qsim(['run', '--instant', '--items', '2', '--seed', '1', '--consumers', '2']).stdout).toMatch(/\[consumer-1\]/);
    expect(qsim(['run', '--instant', '--items', '2', '--seed', '1', '--consumers', 'Ann,3b']).stdout).toMatch(/Ann\s*\] Got item/);
  });
});

describe('qsim merge', () => {
  test('errors are one line with exit code 2: a missing point, an unreadable file', () => {
    const shard = write('only-1.ndjson', qsim([...SWEEP, '--shard', '1/2', '--format', 'ndjson']).stdout);
    const missing = qsim(['merge', shard]);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^qsim: 3 of the sweep's 6 points are missing \(1, 3, 5\): was a shard left out/);
    const absent = qsim(['merge', join(scratch, 'nope.ndjson')]);
    expect(absent.status).toBe(2);
    expect(absent.stderr).toMatch(/^qsim: cannot read .*nope\.ndjson: no such file\n$/);
  });

  test('a file given twice is refused, stdin (-) too, before reading anything', () => {
    const a = write('twice-1.ndjson', qsim([...SWEEP, '--shard', '1/2', '--format', 'ndjson']).stdout);
    const b = write('twice-2.ndjson', qsim([...SWEEP, '--shard', '2/2', '--format', 'ndjson']).stdout);
    expectUsageError(['merge', a, b, a], /^qsim: \S+twice-1\.ndjson is given twice: give each shard's output once\n$/);
    expectUsageError(['merge', a, b, `${scratch}/./twice-2.ndjson`], /is given twice \(as \S+twice-2\.ndjson too\)/);
    expectUsageError(['merge', '-', '-'], /^qsim: - \(stdin\) is given twice: stdin can be read once/);
  });

  test('an empty shard given twice is refused', () => {
    // --shard 4/4 of a 3-point grid runs no point.
    const args = ['sweep', '--vary', 'consumers=1..3', ...MODEL, '--format', 'ndjson'];
    const files = [1, 2, 3, 4].map((k) => write(`empty-${k}.ndjson`, qsim([...args, '--shard', `${k}/4`]).stdout));
    expect(qsim(['merge', ...files]).status).toBe(0);
    const copy = write('empty-4-copy.ndjson', qsim([...args, '--shard', '4/4']).stdout);
    expectUsageError(['merge', ...files, copy], /^qsim: shard 4\/4 is in both \S+empty-4\.ndjson:1 and \S+empty-4-copy\.ndjson:1: is a file given twice/);
  });

  test('a figure edited by hand is judged again: a stale pass does not survive', () => {
    const file = qsim([...SWEEP, '--format', 'ndjson']).stdout;
    const lines = file.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const passing = lines.find((line) => line['pass'] === true) as Record<string, unknown>;
    (passing['metrics'] as Record<string, number>)['wait.p95'] = 99;
    const edited = write('edited.ndjson', lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
    const merged = JSON.parse(qsim(['merge', edited, '--format', 'json']).stdout) as { points: { index: number; pass: boolean; slo: Record<string, boolean> }[] };
    expect(merged.points.find((point) => point.index === passing['index'])).toMatchObject({ pass: false, slo: { 'wait.p95<2s': false } });
    const empty = write('no-seeds.ndjson', file.replace(/"seeds":\[\d+\]/, '"seeds":[]'));
    expectUsageError(['merge', empty], /^qsim: \S+no-seeds\.ndjson:1: point 0 has 0 seeds, not one per replication \(1\)\n$/);
  });

  test('shards of different sweeps are refused, naming the difference', () => {
    const a = write('a.ndjson', qsim([...SWEEP, '--shard', '1/2', '--format', 'ndjson']).stdout);
    const b = write('b.ndjson', qsim([...SWEEP.slice(0, -1), 'wait.p95<3s', '--shard', '2/2', '--format', 'ndjson']).stdout);
    const result = qsim(['merge', a, b]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/come from different sweeps \(SLOs wait\.p95<3s and wait\.p95<2s\)/);
  });
});

describe('qsim sweep --help and qsim merge --help', () => {
  test('list the options and examples', () => {
    const sweep = qsim(['sweep', '--help']).stdout;
    for (const option of ['--vary <NAME=VALUES>', '--slo <EXPR>', '--replications', '--jobs', '--shard <K/N>', '--scenario', '--format', '--chart', '--consumers']) {
      expect(sweep).toContain(option);
    }
    expect(sweep).toContain("qsim sweep --vary consumers=1..8 --interval 'exp(250ms)' --delay 'exp(1s)' --items 200000 --slo 'wait.p95<2s'");
    expect(sweep).toContain('--shard {}/4 --format ndjson');
    const merge = qsim(['merge', '--help']).stdout;
    expect(merge).toContain('qsim merge shard-1.ndjson shard-2.ndjson shard-3.ndjson');
  });
});

describe('progress', () => {
  test('a bar over the points on a terminal\'s stderr, cleared at the end; stdout is unchanged', async () => {
    const file = join(scratch, 'progress.txt');
    const args = [...SWEEP, '--jobs', '1'];
    const result = await qsimInPty(args, { redirect: `> ${file}` }).done;
    expect(result.status).toBe(0);
    expect(result.output).toMatch(/qsim .*% \| \d\/6 points \| ETA/);
    expect(readFileSync(file, 'utf8')).toBe(qsim(args).stdout);
  });
});

describe('Ctrl-C', () => {
  test('stops starting points, prints the finished ones and exits 130', async () => {
    const args = ['sweep', '--vary', 'consumers=4..40', '--interval', 'exp(250ms)', '--delay', 'exp(1s)', '--items', '200000', '--seed', '1', '--jobs', '1', '--format', 'ndjson'];
    const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv() });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      // The first point has finished: the sweep is under way.
      if (!signalled && stdout.includes('\n')) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(status).toBe(130);
    expect(stderr).toContain('qsim: SIGINT: stopping; no new point starts, the finished ones are printed');
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const summary = lines[lines.length - 1];
    expect(summary).toMatchObject({ type: 'summary', interrupted: true, recommendation: null });
    const points = lines.filter((line) => line['type'] === 'point');
    expect(points.length).toBeGreaterThanOrEqual(1);
    expect(points.length).toBeLessThan(37);
    expect(summary?.['finished']).toBe(points.length);
  });
});
