import { readFileSync } from 'node:fs';
import stringWidth from 'string-width';
import { schemaValidator } from '../helpers/schema.js';
import { qsim, qsimAsync } from '../helpers/cli.js';

const validate = schemaValidator('run-summary.schema.json');
const fixture = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

interface Summary {
  seed: number;
  simulatedSeconds: number;
  items: { produced: number; consumed: number; left: number; dropped: number; deadLettered: number };
  finalQueueSize: number;
  queue: { maxSize: number; meanSize: number | null };
  waitSeconds: Record<string, number | null>;
  systemSeconds: Record<string, number | null>;
  consumers: { name: string; processed: number; busySeconds: number; utilization: number | null }[];
  producers: { name: string; produced: number; blockedSeconds: number }[];
  options: Record<string, unknown>;
}

interface Event {
  t: number;
  type: string;
  worker: string;
  item?: number;
  size?: number;
}

function json(args: readonly string[]): Summary {
  const result = qsim(['run', '--instant', '--format', 'json', ...args]);
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Summary;
}

describe('--format json', () => {
  test.each([
    [['--seed', '1']],
    [['--seed', '2', '--items', '0']],
    [['--seed', '3', '--producers', '3', '--consumers', '4', '--capacity', '2', '--items', '200', '--interval', '0.1s']],
    [['--seed', '4', '--consumers', 'Ann "A",Bøb', '--items', '50', '--max-delay', '0']],
    [['--seed', '5', '--items', '20000', '--consumers', '3', '--interval', '0.25s', '--max-delay', '1s']],
    [['--seed', '6', '--duration', '1m', '--interval', 'exp(278ms)', '--delay', 'exp(1s)', '--consumers', '4']],
    [['--seed', '7', '--capacity', '3', '--on-full', 'drop-oldest', '--concurrency', '2', '--delay', 'lognormal(1s,500ms)']],
    [['--seed', '8', '--delay', 'normal(1s,200ms)', '--interval', 'erlang(3,600ms)', '--on-full', 'drop-newest', '--capacity', '2']],
    [['--scenario', 'examples/demo.yaml']],
    [['--scenario', 'examples/etl.yaml', '--seed', '3']],
    [['--scenario', 'examples/webhooks.yaml']],
  ])('%j validates against schema/run-summary.schema.json', (args) => {
    const summary = json(args);
    expect(validate(summary) ? [] : validate.errors).toEqual([]);
  });

  test('prints exactly one object on stdout and nothing on stderr when the seed is given', () => {
    const result = qsim(['run', '--instant', '--seed', '1', '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.stdout.startsWith('{\n')).toBe(true);
    expect(result.stdout.endsWith('\n}\n')).toBe(true);
    expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
  });

  test('a drawn seed is announced on stderr only; the summary repeats with it', () => {
    const first = qsim(['run', '--instant', '--format', 'json', '--items', '40']);
    const summary = JSON.parse(first.stdout) as Summary;
    expect(first.stderr).toBe(`qsim: seed ${summary.seed} (repeat this run with --seed ${summary.seed})\n`);
    const again = qsim(['run', '--instant', '--format', 'json', '--items', '40', '--seed', String(summary.seed)]);
    expect(again.stdout).toBe(first.stdout);
  });

  test('agrees with the text log of the same seed', () => {
    const summary = json(['--seed', '1']);
    const log = qsim(['run', '--instant', '--seed', '1']).stdout.trimEnd().split('\n');
    for (const consumer of summary.consumers) {
      const tag = new RegExp(`^\\[ *${consumer.name} *\\] Got item: `);
      expect(log.filter((line) => tag.test(line))).toHaveLength(consumer.processed);
    }
    expect(log.at(-1)).toBe(`Queue size is now ${summary.finalQueueSize}`);
    const sizes = log.map((line) => /\(size (\d+)\)$/.exec(line)?.[1]).filter((s) => s !== undefined).map(Number);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(summary.queue.maxSize);
    expect(summary.items).toEqual({ produced: 20, consumed: 20, completed: 20, left: 0, dropped: 0, deadLettered: 0 });
    expect(summary.options).toEqual({
      producers: 1,
      consumers: ['Fred', 'George'],
      items: 20,
      interval: { kind: 'const', value: 0.5, mean: 0.5 },
      delay: { kind: 'uniform', min: 0, max: 3, mean: 1.5 },
      concurrency: 1,
      capacity: null,
      onFull: 'block',
      duration: null,
      seed: 1,
    });
  });

  test('one producer every 1 s and no processing time: hand-computed figures', () => {
    const summary = json(['--seed', '8', '--items', '5', '--interval', '1s', '--max-delay', '0', '--consumers', 'Solo']);
    // Puts at 0..4 s, the producer sleeps 1 s after the last: the run lasts 5 s.
    expect(summary.simulatedSeconds).toBe(5);
    expect(summary.items).toEqual({ produced: 5, consumed: 5, completed: 5, left: 0, dropped: 0, deadLettered: 0 });
    expect(summary).toMatchObject({ throughputPerSecond: 1, finalQueueSize: 0 });
    // Item 0 enters before the consumer starts (size 1 for an instant); later items go straight to it.
    expect(summary.queue).toEqual({ maxSize: 1, meanSize: 0 });
    expect(summary.waitSeconds).toEqual({ count: 5, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 });
    expect(summary.consumers).toEqual([{ name: 'Solo', stage: 'consumers', processed: 5, failed: 0, busySeconds: 0, utilization: 0, blockedSeconds: 0 }]);
    expect(summary.producers).toEqual([{ name: 'producer-1', source: 'producers', produced: 5, dropped: 0, blockedSeconds: 0 }]);
  });

  test('one producer every 1 s, a constant 1.5 s of processing: hand-computed waits and utilization', () => {
    const summary = json(['--seed', '8', '--items', '3', '--interval', '1s', '--delay', '1.5s', '--consumers', 'Solo']);
    // Items enter at 0, 1, 2 s; service runs 0-1.5, 1.5-3, 3-4.5 s; the producer stops at 3 s.
    expect(summary.simulatedSeconds).toBe(4.5);
    expect(summary.waitSeconds).toEqual({ count: 3, mean: 0.5, p50: 0.5, p95: 1, p99: 1, max: 1 });
    expect(summary.systemSeconds).toEqual({ count: 3, mean: 2, p50: 2, p95: 2.5, p99: 2.5, max: 2.5 });
    expect(summary.consumers).toEqual([{ name: 'Solo', stage: 'consumers', processed: 3, failed: 0, busySeconds: 4.5, utilization: 1, blockedSeconds: 0 }]);
    // Item 1 waits 1 to 1.5 and item 2 waits 2 to 3: 1.5 item-seconds over 4.5 s.
    expect(summary.queue).toEqual({ maxSize: 1, meanSize: 0.333333333 });
    expect(summary).toMatchObject({ throughputPerSecond: 0.666666667 });
  });

  test('two slots per consumer: utilization is busy slot-seconds over slots × time', () => {
    const summary = json(['--seed', '8', '--items', '2', '--interval', '0', '--delay', '2s', '--consumers', 'Solo', '--concurrency', '2']);
    // Both items start at 0 in the two slots and end at 2 s.
    expect(summary.simulatedSeconds).toBe(2);
    expect(summary.consumers).toEqual([{ name: 'Solo', stage: 'consumers', processed: 2, failed: 0, busySeconds: 4, utilization: 1, blockedSeconds: 0 }]);
  });

  test('drop-newest: dropped items are counted per producer and never waited (hand-computed)', () => {
    const summary = json(['--seed', '8', '--items', '4', '--interval', '0', '--delay', '1s', '--consumers', 'Solo', '--capacity', '1', '--on-full', 'drop-newest']);
    // At t = 0 item 0 enters and Solo takes it, item 1 fills the queue, items 2 and 3 find it full.
    // Solo ends item 0 at 1 s, takes item 1 (waited 1 s) and ends it at 2 s.
    expect(summary.items).toEqual({ produced: 4, consumed: 2, completed: 2, left: 0, dropped: 2, deadLettered: 0 });
    expect(summary.producers).toEqual([{ name: 'producer-1', source: 'producers', produced: 4, dropped: 2, blockedSeconds: 0 }]);
    expect(summary.waitSeconds).toEqual({ count: 2, mean: 0.5, p50: 0, p95: 1, p99: 1, max: 1 });
    expect(summary.queue).toEqual({ maxSize: 1, meanSize: 0.5 });
  });

  test('--instant and --speed 50 print identical bytes', async () => {
    const instant = qsim(['run', '--instant', '--seed', '1', '--format', 'json']);
    const paced = await qsimAsync(['run', '--speed', '50', '--seed', '1', '--format', 'json']);
    expect(paced.status).toBe(0);
    expect(paced.stdout).toBe(instant.stdout);
  });
});

describe('--format ndjson', () => {
  const args = ['run', '--instant', '--seed', '3', '--format', 'ndjson', '--producers', '2', '--consumers', '3', '--items', '60', '--capacity', '2', '--interval', '0.2s'];

  test('every line parses; one line per event, then the summary', () => {
    const result = qsim(args);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n');
    const objects = lines.map((line) => JSON.parse(line) as Event);
    const events = objects.slice(0, -1);
    const summary = objects.at(-1) as unknown as Summary & { type: string };
    expect(summary.type).toBe('summary');
    const count = (type: string): number => events.filter((e) => e.type === type).length;
    expect(count('put')).toBe(60);
    expect(count('got')).toBe(60);
    expect(count('processed')).toBe(60);
    expect(count('done')).toBe(2 + 3);
    expect(count('blocked')).toBeGreaterThan(0);
    expect(events).toHaveLength(60 * 3 + 5 + count('blocked'));
    expect(lines).toHaveLength(events.length + 1);
    const times = events.map((e) => e.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const consumer of summary.consumers) {
      expect(events.filter((e) => e.type === 'processed' && e.worker === consumer.name)).toHaveLength(consumer.processed);
    }
  });

  test('the summary line holds the same object as --format json', () => {
    const last = qsim(args).stdout.trimEnd().split('\n').at(-1) as string;
    const { type, ...summary } = JSON.parse(last) as Record<string, unknown>;
    expect(type).toBe('summary');
    const jsonArgs = args.map((a) => (a === 'ndjson' ? 'json' : a));
    expect(summary).toEqual(JSON.parse(qsim(jsonArgs).stdout));
    expect(validate(summary) ? [] : validate.errors).toEqual([]);
  });

  test('events carry the documented fields', () => {
    const events = qsim(['run', '--instant', '--seed', '1', '--format', 'ndjson']).stdout.trimEnd().split('\n').slice(0, 2);
    expect(events).toEqual([
      '{"t":0,"type":"put","worker":"producer-1","item":0,"size":1}',
      '{"t":0,"type":"got","worker":"Fred","item":0,"size":0,"wait":0}',
    ]);
  });

  test('drops and slots: dropped events, and a slot on got and processed with --concurrency', () => {
    const out = qsim(['run', '--instant', '--seed', '2', '--format', 'ndjson', '--capacity', '1', '--on-full', 'drop-newest', '--concurrency', '2', '--interval', '100ms']).stdout;
    const events = out.trimEnd().split('\n').map((line) => JSON.parse(line) as Event & { slot?: number });
    const summary = events.at(-1) as unknown as Summary;
    const dropped = events.filter((e) => e.type === 'dropped');
    expect(dropped).toHaveLength(summary.items.dropped);
    expect(dropped.length).toBeGreaterThan(0);
    expect(Object.keys(dropped[0] as object)).toEqual(['t', 'type', 'worker', 'item', 'size']);
    const got = events.filter((e) => e.type === 'got');
    expect(got).toHaveLength(summary.items.consumed);
    expect(new Set(got.map((e) => e.slot))).toEqual(new Set([0, 1]));
    expect(events.filter((e) => e.type === 'put')).toHaveLength(summary.items.produced - summary.items.dropped);
  });

  test('a pipeline: every event names its stage; failures and dead letters are events; counts match the summary', () => {
    const out = qsim(['run', '--instant', '--scenario', 'test/fixtures/flaky-pipeline.yaml', '--format', 'ndjson']).stdout;
    const events = out.trimEnd().split('\n').map((line) => JSON.parse(line) as Event & { stage?: string; attempt?: number });
    const summary = events.pop() as unknown as Summary & { stages: { name: string; processed: number; failedAttempts: number }[] };
    for (const e of events) if (e.type !== 'done') expect(summary.stages.map((k) => k.name)).toContain(e.stage);
    for (const k of summary.stages) {
      expect(events.filter((e) => e.type === 'processed' && e.stage === k.name)).toHaveLength(k.processed);
      expect(events.filter((e) => e.type === 'failed' && e.stage === k.name)).toHaveLength(k.failedAttempts);
    }
    expect(events.filter((e) => e.type === 'dead-lettered')).toHaveLength(summary.items.deadLettered);
    expect(summary.items.deadLettered + summary.stages.reduce((n, k) => n + k.failedAttempts, 0)).toBeGreaterThan(0);
  });

  test('--quiet leaves only the summary line', () => {
    const out = qsim(['run', '--instant', '--seed', '1', '--format', 'ndjson', '--quiet']).stdout;
    expect(out.split('\n')).toHaveLength(2);
    expect(out.startsWith('{"type":"summary",')).toBe(true);
  });

  test('--instant and --speed 50 print identical bytes', async () => {
    const instant = qsim(['run', '--instant', '--seed', '1', '--format', 'ndjson']);
    const paced = await qsimAsync(['run', '--speed', '50', '--seed', '1', '--format', 'ndjson']);
    expect(paced.stdout).toBe(instant.stdout);
  });
});

describe('text extras', () => {
  test('names with wide characters line up in the log tags and the --stats table', () => {
    const { stdout, status } = qsim(['run', '--instant', '--seed', '1', '--items', '6', '--consumers', '李雷,Ann,Zoë', '--stats']);
    expect(status).toBe(0);
    const tags = stdout.split('\n').filter((line) => line.startsWith('[')).map((line) => line.slice(0, line.indexOf(']') + 1));
    expect(new Set(tags.map((tag) => stringWidth(tag)))).toEqual(new Set([8]));
    const table = stdout.split('\n').filter((line) => /^ {2}(consumer|李雷|Ann|Zoë) /.test(line));
    expect(table).toHaveLength(4);
    expect(new Set(table.map((line) => stringWidth(line)))).toHaveProperty('size', 1);
  });

  test("and in a model's log and --stats tables, whose names are known only once it is built", () => {
    const { stdout, status } = qsim(['run', '--model', 'examples/models/demo.mjs', '--instant', '--seed', '1', '--items', '3', '--consumers', '王小明,George', '--stats']);
    expect(status).toBe(0);
    const tags = stdout.split('\n').filter((line) => line.startsWith('[')).map((line) => line.slice(0, line.indexOf(']') + 1));
    expect(new Set(tags.map((tag) => stringWidth(tag)))).toEqual(new Set([8]));
    const rows = stdout.split('\n').filter((line) => /^ {2}(process|王小明|George) /.test(line));
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((line) => stringWidth(line)))).toHaveProperty('size', 1);
  });

  test('emoji joined by a zero-width joiner or with a skin tone are names, lined up in the log tags, --stats and --chart', () => {
    const names = ['\u{1f469}\u200d\u{1f4bb}', '\u{1f3f3}\ufe0f\u200d\u{1f308}', '\u{1f44d}\u{1f3fd}', 'Ann'];
    const { stdout, status } = qsim(['run', '--instant', '--seed', '1', '--items', '8', '--consumers', names.join(','), '--stats', '--chart']);
    expect(status).toBe(0);
    const tags = stdout.split('\n').filter((line) => line.startsWith('[')).map((line) => line.slice(0, line.indexOf(']') + 1));
    expect(tags.length).toBeGreaterThan(8);
    expect(new Set(tags.map((tag) => stringWidth(tag)))).toEqual(new Set([8]));
    const table = stdout.split('\n').filter((line) => new RegExp(`^ {2}(consumer|${names.join('|')}) +(processed|\\d)`, 'u').test(line));
    expect(table).toHaveLength(5);
    expect(new Set(table.map((line) => stringWidth(line)))).toHaveProperty('size', 1);
    const bars = stdout.split('\n').filter((line) => new RegExp(`^ {2}(${names.join('|')}) +[█░]`, 'u').test(line));
    expect(bars).toHaveLength(4);
    expect(new Set(bars.map((line) => stringWidth(line)))).toHaveProperty('size', 1);
  });

  test('and in the --stats table of replications', () => {
    const { stdout, status } = qsim(['run', '--instant', '--seed', '1', '--items', '50', '--consumers', '李雷,Bo', '--replications', '2', '--stats']);
    expect(status).toBe(0);
    const table = stdout.split('\n').filter((line) => /^ {2}(consumer|李雷|Bo) /.test(line));
    expect(table).toHaveLength(3);
    expect(new Set(table.map((line) => stringWidth(line)))).toHaveProperty('size', 1);
  });

  test('--timestamps prefixes each line with the simulated time, fixed width', () => {
    const plain = qsim(['run', '--instant', '--seed', '1']).stdout.trimEnd().split('\n');
    const stamped = qsim(['run', '--instant', '--seed', '1', '--timestamps']).stdout.trimEnd().split('\n');
    expect(stamped).toHaveLength(plain.length);
    stamped.forEach((line, i) => {
      expect(line).toMatch(/^t=[ \d]{2}\d\.\d{3}s /);
      expect(line.slice('t=  0.000s '.length)).toBe(plain[i]);
    });
    const gotTimes = qsim(['run', '--instant', '--seed', '1', '--format', 'ndjson'])
      .stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Event).filter((e) => e.type === 'got').map((e) => e.t.toFixed(3));
    const stampedGot = stamped.filter((l) => l.includes('Got item')).map((l) => (/^t= *([\d.]+)s/.exec(l) as RegExpExecArray)[1]);
    expect(stampedGot).toEqual(gotTimes);
  });

  test('--stats prints the log, a blank line, then the table', () => {
    const plain = qsim(['run', '--instant', '--seed', '1']).stdout;
    const out = qsim(['run', '--instant', '--seed', '1', '--stats']).stdout;
    expect(out.startsWith(plain + '\n  simulated ')).toBe(true);
    expect(out).toMatch(/\n {2}Fred +9 +17\.031 +100\.0%\n/);
    expect(out).toMatch(/\n {2}wait +2\.284 /);
  });

  test('--stats on a pipeline adds a row per stage', () => {
    const out = qsim(['run', '--instant', '--quiet', '--scenario', 'examples/etl.yaml', '--stats']).stdout;
    expect(out).toMatch(/\n {2}stage +processed +failed +retried +dead-lettered +dropped +queue max +queue mean +wait p95 +utilization\n/);
    expect(out).toMatch(/\n {2}transform +5000 +0 +0 +0 +0 +\d+ +[\d.]+ +[\d.]+ +\d+\.\d%\n/);
    expect(out).toContain('\n  all queues   max ');
  });

  test('--chart draws the queue size and utilization (golden, 80 columns when not a terminal)', () => {
    const result = qsim(['run', '--instant', '--seed', '1', '--quiet', '--chart']);
    expect(result.stdout).toBe(fixture('chart-seed-1.txt'));
    expect(result.stdout).not.toContain('\u001b[');
    expect(result.stderr).toBe('');
  });

  test('--chart is coloured only when colour is on', () => {
    expect(qsim(['run', '--instant', '--seed', '1', '--quiet', '--chart', '--color']).stdout).toContain('\u001b[');
    expect(qsim(['run', '--instant', '--seed', '1', '--quiet', '--chart'], { NO_COLOR: '1' }).stdout).not.toContain('\u001b[');
  });

  test('no progress bar and no escape codes when stdout and stderr are not terminals', async () => {
    const long = qsim(['run', '--instant', '--quiet', '--seed', '1', '--items', '300000', '--consumers', '4', '--interval', '0.25s', '--max-delay', '1.5s']);
    expect(long.stderr).toBe('');
    expect(long.stdout).toBe('Queue size is now 0\n');
    const paced = await qsimAsync(['run', '--speed', '200', '--quiet', '--seed', '1']);
    expect(paced.stderr).toBe('');
    expect(paced.stdout).toBe('Queue size is now 0\n');
  });
});

describe('output options reject bad combinations with one line and exit code 2', () => {
  test.each([
    [['--format', 'xml'], /^qsim: --format expects one of text, json, ndjson, got "xml"\n$/],
    [['--format', 'json', '--stats'], /^qsim: --stats adds text to the log, so it cannot be used with --format json/],
    [['--format', 'ndjson', '--chart'], /^qsim: --chart .* --format ndjson/],
    [['--format', 'json', '--timestamps'], /^qsim: --timestamps .* --format json/],
    [['--format', 'json', '--live'], /^qsim: (--format json cannot be used with --live|--live and --instant)/],
  ])('%j', (args, pattern) => {
    const result = qsim(['run', '--instant', '--seed', '1', ...args]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(pattern);
    expect(result.stderr.split('\n')).toHaveLength(2);
  });

  test.each([
    [['--format', 'ndjson', '--live'], /^qsim: --format ndjson cannot be used with --live/],
    [['--stats', '--live'], /^qsim: --stats cannot be used with --live/],
  ])('%j (paced)', (args, pattern) => {
    const result = qsim(['run', '--seed', '1', ...args]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(pattern);
  });

  test('--format is case-insensitive', () => {
    expect(qsim(['run', '--instant', '--seed', '1', '--format', 'JSON']).status).toBe(0);
  });
});

describe('qsim run --help', () => {
  test('lists the output options and a jq example', () => {
    const help = qsim(['run', '--help']).stdout;
    for (const option of ['--format <format>', '--stats', '--chart', '--timestamps']) expect(help).toContain(option);
    expect(help).toContain('--format json | jq .waitSeconds.p95');
  });
});
