import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BIN, cleanEnv, qsim, qsimAsync } from '../helpers/cli.js';
import { schemaValidator } from '../helpers/schema.js';

const DEMO = 'examples/models/demo.mjs';
const fixture = (name: string): string => `test/fixtures/models/${name}`;

const validate = schemaValidator('model-summary.schema.json');

describe('qsim run --model: the demo as a model prints what qsim run prints', () => {
  test.each([
    ['--seed', '7'],
    ['--seed', '7', '--consumers', '3', '--items', '40'],
    ['--seed', '3', '--items', '200', '--consumers', '3', '--capacity', '4', '--producers', '2'],
    ['--seed', '11', '--items', '50', '--interval', '0.1s', '--max-delay', '1s', '--consumers', 'Ann,Bob,Cy'],
    ['--seed', '4', '--interval', '0.5s', '--delay', '1s', '--consumers', '3', '--items', '60', '--capacity', '2'],
    ['--seed', '5', '--interval', 'exp(300ms)', '--delay', 'erlang(2,1s)', '--duration', '30s', '--consumers', '4', '--timestamps'],
    ['--seed', '6', '--interval', '0.25s', '--delay', 'const(1s)', '--producers', '2', '--capacity', '1', '--duration', '5s'],
    ['--seed', '1', '--items', '30', '--color'],
    ['--seed', '9', '--items', '0'],
    ['--seed', '2', '--items', '5000', '--quiet'],
  ])('%s %s %s %s %s %s …', (...args) => {
    const builtIn = qsim(['run', '--instant', ...args]);
    const model = qsim(['run', '--instant', '--model', DEMO, ...args]);
    expect(builtIn.status).toBe(0);
    expect(model.stderr).toBe('');
    expect(model.status).toBe(0);
    expect(model.stdout.length).toBeGreaterThan(0);
    expect(model.stdout).toBe(builtIn.stdout);
  });

  test("a long --duration makes as many items as qsim run: the deadline's margin grows with the sleeps, as qsim run's does", () => {
    // 36,000 sleeps of 0.1 s end 2.2 ns before the hour (a fixed nanosecond's margin let a 36,001st item in).
    const args = ['--seed', '5', '--duration', '1h', '--interval', '100ms', '--consumers', '40', '--format', 'json'];
    const builtIn = JSON.parse(qsim(['run', '--instant', ...args]).stdout) as { items: { produced: number } };
    const model = JSON.parse(qsim(['run', '--instant', '--model', DEMO, ...args]).stdout) as { queues: { puts: number }[] };
    expect(builtIn.items.produced).toBe(36000);
    expect(model.queues[0]?.puts).toBe(36000);
  });

  test('paced at 500x it prints the same bytes as instant', async () => {
    const paced = await qsimAsync(['run', '--model', DEMO, '--seed', '7', '--speed', '500']);
    expect(paced.status).toBe(0);
    expect(paced.stdout).toBe(qsim(['run', '--instant', '--seed', '7']).stdout);
  });

  test('its statistics agree with the built-in run\'s: time, queue sizes, waits, producers\' blocked time', () => {
    const args = ['run', '--instant', '--format', 'json', '--seed', '3', '--items', '500', '--consumers', '3', '--capacity', '4', '--producers', '2'];
    type Figures = { maxSize: number; meanSize: number };
    const builtIn = JSON.parse(qsim(args).stdout) as {
      simulatedSeconds: number;
      queue: Figures;
      waitSeconds: object;
      producers: { blockedSeconds: number }[];
    };
    const model = JSON.parse(qsim([...args, '--model', DEMO]).stdout) as {
      simulatedSeconds: number;
      queues: (Figures & { waitSeconds: object; blockedSeconds: number; gets: number })[];
    };
    const [queue] = model.queues;
    expect(model.simulatedSeconds).toBe(builtIn.simulatedSeconds);
    expect(queue?.maxSize).toBe(builtIn.queue.maxSize);
    expect(queue?.meanSize).toBeCloseTo(builtIn.queue.meanSize, 9);
    expect(queue?.waitSeconds).toEqual(builtIn.waitSeconds);
    expect(queue?.gets).toBe(500);
    expect(queue?.blockedSeconds).toBeCloseTo(builtIn.producers.reduce((sum, p) => sum + p.blockedSeconds, 0), 6);
  });

  test('the demo model refuses what it does not model, naming it: bad input, exit 2', () => {
    const result = qsim(['run', '--instant', '--seed', '1', '--model', DEMO, '--concurrency', '2']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('qsim: the model refused these options: demo.mjs has one slot per consumer: leave out --concurrency\n');
  });
});

describe('qsim run --model: the examples stop producing at --duration', () => {
  test.each(['examples/models/batching.ts', 'examples/models/rate-control.mjs', 'examples/models/demo.mjs'])('%s --duration 1m (no item limit then) ends', (model) => {
    const result = qsim(['run', '--instant', '--model', model, '--seed', '1', '--duration', '1m', '--format', 'json']);
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout) as { simulatedSeconds: number; queues: { puts: number }[] };
    expect(summary.queues[0]?.puts).toBeGreaterThan(0);
    // What was put by 1 m is then worked off.
    expect(summary.simulatedSeconds).toBeGreaterThanOrEqual(60);
    expect(summary.simulatedSeconds).toBeLessThan(600);
  });
});

describe('qsim run --model: examples have golden outputs', () => {
  test.each([
    ['model-batching-seed1.out', ['--model', 'examples/models/batching.ts', '--seed', '1', '--items', '100']],
    ['model-priority-seed1.out', ['--model', 'examples/models/priority.ts', '--seed', '1']],
    ['model-rate-control-seed1.out', ['--model', 'examples/models/rate-control.mjs', '--seed', '1', '--items', '200']],
  ])('%s', (golden, args) => {
    const result = qsim(['run', '--instant', ...args]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(readFileSync(new URL(`../fixtures/${golden}`, import.meta.url), 'utf8'));
  });
});

describe('qsim run --model: options and outputs', () => {
  test('--set parameters reach opts.set parsed (numbers, durations, booleans, text) beside the run options', () => {
    const result = qsim([
      'run', '--instant', '--model', fixture('options.mjs'), '--seed', '5', '--items', '7', '--consumers', '3', '--capacity', '4',
      '--set', 'batch=10', '--set', 'window=250ms', '--set', 'name=Ann', '--set', 'on=true', '--set', 'neg=-2.5e1',
    ]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      '[ opts ] set {"batch":10,"window":0.25,"name":"Ann","on":true,"neg":-25}\n' +
        '[ opts ] items 7, consumers consumer-1+consumer-2+consumer-3, seed 5, interval mean 0.5, capacity 4\n' +
        'Queue size is now 0\n',
    );
  });

  test('--format json prints one summary object of every queue and process, valid against the schema', () => {
    const result = qsim(['run', '--instant', '--model', 'examples/models/batching.ts', '--seed', '1', '--items', '100', '--format', 'json', '--set', 'batch=4']);
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      model: string;
      queues: { name: string; puts: number; gets: number; finalSize: number; meanSize: number; waitSeconds: { count: number; mean: number } }[];
      processes: { name: string; logLines: number }[];
      simulatedSeconds: number;
      options: { set: Record<string, unknown>; items: number };
    };
    expect(validate(summary)).toBe(true);
    expect(summary.model).toBe('examples/models/batching.ts');
    expect(summary.options.set).toEqual({ batch: 4 });
    expect(summary.queues.map((q) => [q.name, q.puts, q.gets, q.finalSize])).toEqual([['items', 100, 100, 0]]);
    expect(summary.processes.map((p) => p.name)).toEqual(['producer', 'Ann', 'Bob']);
    // Every item left through a get: Little's law, mean size = gets / time x mean wait.
    const [queue] = summary.queues;
    expect(queue?.meanSize).toBeCloseTo(((queue?.gets ?? 0) / summary.simulatedSeconds) * (queue?.waitSeconds.mean ?? 0), 6);
    const text = qsim(['run', '--instant', '--model', 'examples/models/batching.ts', '--seed', '1', '--items', '100', '--set', 'batch=4']);
    const batches = text.stdout.split('\n').filter((line) => line.includes('Got batch'));
    expect(summary.processes.slice(1).reduce((sum, p) => sum + p.logLines, 0)).toBe(batches.length + 2); // + the two "Done"
  });

  test('--format ndjson prints events, then the summary line', () => {
    const result = qsim(['run', '--instant', '--model', 'examples/models/rate-control.mjs', '--seed', '1', '--items', '50', '--format', 'ndjson']);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const types = new Set(lines.map((line) => line['type']));
    expect([...types].sort()).toEqual(['blocked', 'end', 'got', 'log', 'put', 'start', 'summary'].filter((t) => types.has(t)));
    expect(lines[0]).toEqual({ t: 0, type: 'start', process: 'producer' });
    expect(lines.filter((line) => line['type'] === 'put')).toHaveLength(50);
    expect(lines.at(-1)?.['type']).toBe('summary');
    expect(validate({ ...lines.at(-1), type: 'summary' })).toBe(true);
    const quiet = qsim(['run', '--instant', '--model', 'examples/models/rate-control.mjs', '--seed', '1', '--items', '50', '--format', 'ndjson', '--quiet']);
    expect(quiet.stdout.trimEnd().split('\n')).toHaveLength(1);
  });

  test('--stats of a model that made nothing: the overview, and no table without rows', () => {
    const result = qsim(['run', '--instant', '--model', fixture('empty.mjs'), '--seed', '1', '--stats']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('Queue size is now 0\n\n  simulated    0.000 s\n  items left   0 (in all queues)\n');
  });

  test('--stats adds the tables of queues and processes after the log', () => {
    const result = qsim(['run', '--instant', '--model', 'examples/models/priority.ts', '--seed', '1', '--quiet', '--stats']);
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Queue size is now 0');
    expect(result.stdout).toMatch(/\n {2}queue +kind +capacity +puts +gets/);
    expect(result.stdout).toMatch(/\n {2}jobs +priority +- +101 +101 +0 /);
    expect(result.stdout).toMatch(/\n {2}server +0\.000 +\d+\.\d{3} +\d+\.\d{3} +\d+\.\d{3} +103\n/);
  });
});

describe('qsim run --model: failures are reported as for built-in runs', () => {

  test.each([
    ['a rejected promise nobody handles', ['stray-rejection.mjs', '--instant', '--format', 'json'], 'nobody catches me'],
    ["a timer of the model's that throws during a paced run", ['stray-timer.mjs', '--speed', '10'], 'timer blew up'],
    ['a timer that throws during replications in this thread', ['stray-timer-soon.mjs', '--instant', '--replications', '2', '--jobs', '1'], 'timer blew up'],
  ])('%s: one line, exit 1, no stack trace', (_, [file, ...args], message) => {
    const result = qsim(['run', '--model', fixture(file as string), '--seed', '1', ...(args as string[])]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`qsim: the model's code threw outside any process: ${message}\n`);
  });

  test.each([['1'], ['2']])('a timer that throws during a sweep with --jobs %s: one line naming it, exit 1, no stack trace', (jobs) => {
    const result = qsim(['sweep', '--model', fixture('stray-timer-soon.mjs'), '--seed', '1', '--vary', 'items=1|2', '--jobs', jobs]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^qsim: (the run of point items=\d with seed \d+ failed: )?the model's code threw outside any process: timer blew up\n$/);
  });
  test.each([
    ['deadlock.mjs', 'qsim: deadlock at t=1s: every process is waiting and nothing is scheduled: Ann (get from queue a), Bob (get from queue b)\n'],
    ['process-throws.mjs', 'qsim: process Ann failed at t=2.5s: out of coffee\n'],
    ['type-error.mjs', "qsim: the model function failed: TypeError: Cannot read properties of undefined (reading 'capacity')\n"],
    [
      'plain-promise.mjs',
      "qsim: stalled at t=0s: waiter awaited something outside the engine (a plain Promise, timer or I/O); processes may wait only through the engine's primitives\n",
    ],
  ])('%s: exit 1, one line naming what failed', (file, message) => {
    const result = qsim(['run', '--instant', '--seed', '1', '--model', fixture(file)]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(message);
  });

  test.each([
    [['--model', 'no/such/model.mjs'], 'qsim: --model "no/such/model.mjs": no such file\n'],
    [['--model', fixture('no-default.mjs')], `qsim: --model "${fixture('no-default.mjs')}" has no default export function: write "export default function model(sim, opts) { … }"\n`],
    [['--model', 'model.py'], 'qsim: --model expects a .mjs, .js, .cjs, .ts, .mts or .cts file, got "model.py"\n'],
    [['--set', 'batch=5'], 'qsim: --set gives parameters to a model, so it needs --model FILE\n'],
    [['--model', DEMO, '--set', 'batch'], 'qsim: --set expects NAME=VALUE, NAME a letter or _ then letters, digits or _ (not __proto__), got "batch" (no "=" between the name and the value)\n'],
    [['--model', DEMO, '--set', '=1'], 'qsim: --set expects NAME=VALUE, NAME a letter or _ then letters, digits or _ (not __proto__), got "=1" (the name before "=" is missing)\n'],
    [['--model', DEMO, '--set', '__proto__=1'], 'qsim: --set expects NAME=VALUE, NAME a letter or _ then letters, digits or _ (not __proto__), got "__proto__=1" ("__proto__" is not a parameter name)\n'],
    [['--model', DEMO, '--set', 'a=1', '--set', 'a=2'], 'qsim: --set expects NAME=VALUE, NAME a letter or _ then letters, digits or _ (not __proto__), each name once, got "a=2" ("a" is set twice)\n'],
    // A number the model would not get as written (a double rounds it) is refused, as written.
    [['--model', DEMO, '--set', 'n=9007199254740993'], 'qsim: --set expects NAME=VALUE with a number a model gets as written, got "n=9007199254740993" (a whole number is held exactly only from -9007199254740991 to 9007199254740991)\n'],
    [['--model', DEMO, '--set', 'rate=1e400'], 'qsim: --set expects NAME=VALUE with a number a model gets as written, got "rate=1e400" (numbers go up to 1.7976931348623157e+308 either way)\n'],
    [['--model', DEMO, '--set', 'window=2000000000s'], 'qsim: --set expects NAME=VALUE with a duration such as 250ms, 0.5s, 2s or 1m (a bare number means seconds), got "window=2000000000s" (the longest is 1000000000 s)\n'],
    [['--model', DEMO, '--set', 'window=1e3s'], 'qsim: --set expects NAME=VALUE with a duration such as 250ms, 0.5s, 2s or 1m (a bare number means seconds), got "window=1e3s" (written without an exponent, please)\n'],
    [['--model', DEMO, '--scenario', 'examples/etl.yaml'], 'qsim: --model and --scenario cannot be used together: each describes what to simulate\n'],
    [['--model', DEMO, '--live'], 'qsim: --live needs stdin and stdout to be a terminal, but stdin and stdout are not; drop --live to print the log instead\n'],
    [['--model', DEMO, '--live', '--instant'], 'qsim: --live and --instant cannot be used together: --live shows the run as it goes, in paced time\n'],
    [['--model', DEMO, '--live', '--stats'], 'qsim: --stats cannot be used with --live: the live view draws the whole screen\n'],
    [['--model', 'no/such/model.mjs', '--live'], 'qsim: --model "no/such/model.mjs": no such file\n'],
    [['--model', DEMO, '--replications', '3', '--live'], /^qsim: --live cannot be used with --replications: /],
    [['--model', DEMO, '--instant', '--warmup', '2s'], /^qsim: --warmup cannot be used with --model yet: /],
    [['--model', DEMO, '--instant', '--debug'], /^qsim: --debug cannot be used with --model yet: /],
    [['--model', DEMO, '--instant', '--explain'], /^qsim: --explain cannot be used with --model yet: /],
  ])('%j: exit 2, one line, nothing on stdout', (args, message: string | RegExp) => {
    const result = qsim(['run', ...args]);
    if (typeof message === 'string') expect(result.stderr).toBe(message);
    else expect(result.stderr).toMatch(new RegExp(`${message.source}[^\\n]+\\n$`));
    expect(result.stdout).toBe('');
    expect(result.status).toBe(2);
  });
});

describe('qsim run --model: TypeScript without a build step', () => {
  let folder = '';
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'qsim-model-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  test('a .ts model runs from a folder outside the project with no package.json (CommonJS-wrapped default export)', () => {
    // No package.json anywhere above it (a temp folder), so the loader compiles it to CommonJS.
    for (let dir = folder; dir !== dirname(dir); dir = dirname(dir)) expect(existsSync(join(dir, 'package.json'))).toBe(false);
    copyFileSync('examples/models/batching.ts', join(folder, 'my-model.ts'));
    const result = spawnSync(process.execPath, [BIN, 'run', '--model', 'my-model.ts', '--seed', '1', '--items', '100', '--instant'], {
      cwd: folder,
      env: cleanEnv(),
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(readFileSync(new URL('../fixtures/model-batching-seed1.out', import.meta.url), 'utf8'));
  });

  test('a TypeScript syntax error is one line naming the file and the place, exit 2', () => {
    writeFileSync(join(folder, 'broken.ts'), 'export default function broken(sim: unknown {\n}\n');
    const result = qsim(['run', '--model', join(folder, 'broken.ts')]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^qsim: --model ".*broken\.ts" could not be loaded: .*broken\.ts:1:\d+: ERROR: Expected "\)" but found "\{"\n$/);
  });

  test('a .mts model with types of its own runs too', () => {
    writeFileSync(
      join(folder, 'typed.mts'),
      [
        "import type { ModelOptions, Sim, SimProcess } from 'qsim';",
        'interface Order { id: number; total: number }',
        'export default function typed(sim: Sim, opts: ModelOptions): void {',
        "  const orders = sim.queue<Order>({ name: 'orders', kind: 'lifo' });",
        '  for (let id = 0; id < 3; id++) orders.putNowait({ id, total: id * 10 });',
        '  orders.shutdown();',
        "  sim.process('clerk', async (p: SimProcess) => {",
        '    for await (const order of orders) { p.log(`order ${order.id}: ${order.total} (seed ${opts.seed})`); await p.sleep(1); }',
        '  });',
        '}',
      ].join('\n'),
    );
    const result = qsim(['run', '--model', join(folder, 'typed.mts'), '--seed', '3', '--instant']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('[clerk ] order 2: 20 (seed 3)\n[clerk ] order 1: 10 (seed 3)\n[clerk ] order 0: 0 (seed 3)\nQueue size is now 0\n');
  });
});
