import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expectUsageError, qsim } from '../helpers/cli.js';

// A batching server with nothing random in it: an item arrives every 100 ms
// (10/s); the server takes up to `batch` waiting items and works 350 ms on
// them. It serves batch / 0.35 items a second: 2.9, 5.7 and 8.6/s for batch
// 1, 2 and 3 fall behind the arrivals (the queue grows for the whole run, and
// the waits with it); from batch 4 (11.4/s) it keeps up and no item waits
// longer than a batch takes.
const BATCH_SERVER = `import type { ModelOptions, Sim } from 'qsim';

export default function batchServer(sim: Sim, opts: ModelOptions): void {
  const batch = Number(opts.set['batch'] ?? 1);
  if (!Number.isInteger(batch) || batch < 1) throw new Error(\`batch must be a whole number >= 1, got \${String(opts.set['batch'])}\`);
  const queue = sim.queue<number>({ name: 'arrivals' });
  sim.process('source', async (p) => {
    for (let i = 0; i < opts.items; i++) {
      await queue.put(i);
      await p.sleep(0.1);
    }
    queue.shutdown();
  }, { log: false });
  sim.process('server', async (p) => {
    for await (const first of queue) {
      queue.takeNowait(batch - 1);
      await p.sleep(0.35);
    }
  });
}
`;

let folder: string;
let model: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'qsim-sweep-model-'));
  model = join(folder, 'batch-server.ts');
  writeFileSync(model, BATCH_SERVER);
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

const SWEEP = () => ['sweep', '--model', model, '--vary', 'set.batch=1..6', '--items', '200', '--seed', '4', '--slo', 'wait.p95<1s'];

describe('qsim sweep --model', () => {
  test('a .ts model in a folder with no package.json: the table shows set.batch, ρ is unknown, and the first batch that keeps up is recommended', () => {
    for (let dir = folder; dir !== dirname(dir); dir = dirname(dir)) expect(existsSync(join(dir, 'package.json'))).toBe(false);
    const result = qsim([...SWEEP(), '--jobs', '2']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^\s*set\.batch\s+ρ\s+throughput \(\/s\)\s+wait mean \(s\)\s+wait p95 \(s\)\s+max queue\s+SLO$/);
    const rows = lines.slice(1, 7).map((line) => line.trim().split(/\s+/));
    expect(rows.map((row) => row[0])).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(rows.every((row) => row[1] === '-')).toBe(true);
    expect(rows.map((row) => row.at(-1))).toEqual(['fail', 'fail', 'fail', 'pass', 'pass', 'pass']);
    // Keeping up, no item waits longer than one batch's 350 ms.
    for (const row of rows.slice(3)) expect(Number(row[4])).toBeLessThanOrEqual(0.35);
    expect(result.stdout).toContain('the figures are those of its first queue; ρ is not known for a model');
    expect(result.stdout).toMatch(/\nrecommended: set\.batch=4, the first point in grid order that meets wait\.p95<1s\n$/);
  });

  test('json: the varied values, no ρ or slots, the model file, and the figures a model run does not measure as null', () => {
    const result = qsim([...SWEEP(), '--format', 'json']);
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as {
      sweep: { model: string; vary: { name: string; values: string[] }[] };
      points: { values: Record<string, string>; rho: null; slots: null; metrics: Record<string, number | null>; pass: boolean }[];
      recommendation: { values: Record<string, string>; slots: null };
    };
    expect(json.sweep.model).toBe(model);
    expect(json.sweep.vary).toEqual([{ name: 'set.batch', values: ['1', '2', '3', '4', '5', '6'] }]);
    expect(json.points.map((point) => point.values)).toEqual(['1', '2', '3', '4', '5', '6'].map((batch) => ({ 'set.batch': batch })));
    for (const point of json.points) {
      expect(point.rho).toBeNull();
      expect(point.slots).toBeNull();
      expect(point.metrics['system.p95']).toBeNull();
      expect(point.metrics['utilization']).toBeNull();
      expect(point.metrics['queue.max']).toEqual(expect.any(Number));
    }
    // 200 items, one every 100 ms: the run lasts at least 20 s, so throughput is at most 10/s.
    expect(json.points[5]?.metrics['throughput']).toBeGreaterThan(9);
    expect(json.points[5]?.metrics['throughput']).toBeLessThanOrEqual(10);
    expect(json.recommendation).toEqual({ index: 3, values: { 'set.batch': '4' }, slots: null });
  });

  test('results do not depend on --jobs, and shards merged print the unsharded sweep (a run option varied too)', () => {
    const args = ['sweep', '--model', model, '--vary', 'set.batch=2..4', '--vary', 'items=50|150', '--seed', '9', '--slo', 'queue.max<20', '--replications', '2'];
    for (const format of ['text', 'json', 'csv', 'ndjson']) {
      const one = qsim([...args, '--jobs', '1', '--format', format]);
      const two = qsim([...args, '--jobs', '2', '--format', format]);
      expect(one.status).toBe(0);
      expect(one.stdout).toContain('items');
      expect(two.stdout).toBe(one.stdout);
    }
    const files = [1, 2].map((k) => {
      const shard = qsim([...args, '--shard', `${k}/2`, '--format', 'ndjson']);
      expect(shard.status).toBe(0);
      const file = join(folder, `shard-${k}.ndjson`);
      writeFileSync(file, shard.stdout);
      return file;
    });
    expect(qsim(['merge', ...files]).stdout).toBe(qsim(args).stdout);
  });

  test('the issue\'s example: examples/models/batching.ts over set.batch=1..10', () => {
    const result = qsim(['sweep', '--model', 'examples/models/batching.ts', '--vary', 'set.batch=1..10', '--items', '2000', '--slo', 'wait.p95<2s', '--seed', '1']);
    expect(result.status).toBe(0);
    // One batch of up to 1 or 2 cannot keep up with an item every 0.2 s; bigger batches can.
    expect(result.stdout).toMatch(/^\s+1\s+-\s.*fail$/m);
    expect(result.stdout).toMatch(/\nrecommended: set\.batch=\d+, the first point in grid order that meets wait\.p95<2s\n$/);
  });

  test('a run that fails is named by its point and seed, and qsim run with that seed repeats the failure', () => {
    const sweep = qsim(['sweep', '--model', 'test/fixtures/models/unlucky.mjs', '--seed', '1', '--vary', 'items=1..3', '--replications', '3']);
    expect(sweep.status).toBe(1);
    const match = /^qsim: the run of point items=\d with seed (\d+) failed: (process x failed at t=1s: unlucky draw [\d.]+)\n$/.exec(sweep.stderr);
    expect(match).not.toBeNull();
    const alone = qsim(['run', '--model', 'test/fixtures/models/unlucky.mjs', '--instant', '--seed', match?.[1] ?? '']);
    expect(alone.stderr).toBe(`qsim: ${match?.[2] ?? ''}\n`);
  });

  test('the failure reported is the first in run order, whatever --jobs is', () => {
    const sweep = (jobs: string) => qsim(['sweep', '--model', 'test/fixtures/models/unlucky.mjs', '--seed', '1', '--vary', 'items=1..3', '--replications', '3', '--jobs', jobs]).stderr;
    const replications = (jobs: string) =>
      qsim(['run', '--model', 'test/fixtures/models/unlucky.mjs', '--instant', '--seed', '1', '--replications', '8', '--jobs', jobs]).stderr;
    expect(sweep('1')).toMatch(/^qsim: the run of point items=\d with seed \d+ failed/);
    expect(sweep('4')).toBe(sweep('1'));
    expect(sweep('9')).toBe(sweep('1'));
    expect(replications('1')).toMatch(/^qsim: the run with seed \d+ failed/);
    expect(replications('4')).toBe(replications('1'));
    expect(replications('8')).toBe(replications('1'));
  });

  test('a replication that fails is named by its seed, which repeats it alone', () => {
    const replications = qsim(['run', '--model', 'test/fixtures/models/unlucky.mjs', '--instant', '--seed', '1', '--replications', '8']);
    expect(replications.status).toBe(1);
    const match = /^qsim: the run with seed (\d+) failed: (process x failed at t=1s: unlucky draw [\d.]+)\n$/.exec(replications.stderr);
    expect(match).not.toBeNull();
    expect(qsim(['run', '--model', 'test/fixtures/models/unlucky.mjs', '--instant', '--seed', match?.[1] ?? '']).stderr).toBe(`qsim: ${match?.[2] ?? ''}\n`);
  });

  test('bad --vary set.NAME values, names and combinations: one line naming the --vary, exit 2, nothing run', () => {
    expectUsageError([...SWEEP().slice(0, 3), '--vary', 'set.batch=0|1'], /^qsim: --vary set\.batch: at set\.batch=0: the model refused these options: batch must be a whole number >= 1, got 0$/m);
    expectUsageError([...SWEEP().slice(0, 3), '--vary', 'set.batch=2|many'], /--vary set\.batch: at set\.batch=many: .*got many/);
    expectUsageError([...SWEEP().slice(0, 3), '--vary', 'set.batch=2|9007199254740993'], /^qsim: --vary set\.batch=2\|9007199254740993: at set\.batch=9007199254740993: .*as written/);
    expectUsageError([...SWEEP().slice(0, 3), '--vary', 'set.1x=1..2'], /--vary expects set\.NAME=VALUES .*got "set\.1x=1\.\.2" \("1x" is not a parameter name\)/);
    expectUsageError([...SWEEP().slice(0, 3), '--vary', 'set.batch=1..'], /--vary expects NAME=VALUES .*the range "1\.\." needs a value on each side/);
    expectUsageError([...SWEEP().slice(0, 3), '--vary', 'set.batch=1..3', '--set', 'batch=2'], /--set batch=… cannot be used with --vary set\.batch=…/);
    expectUsageError([...SWEEP().slice(0, 3), '--vary', 'items=-1|5'], /--vary items=-1\|5: at items=-1: --items expects a whole number >= 0/);
    expectUsageError(['sweep', '--vary', 'set.batch=1..3'], /unknown option "set\.batch"; set\.NAME varies a parameter of a model, so it needs --model FILE/);
  });

  test('metrics a model run does not measure are refused by name, with what a model offers', () => {
    for (const metric of ['system.p95<1s', 'utilization<0.8', 'dropped==0', 'deadLettered==0']) {
      const name = metric.split(/[<=]/)[0] as string;
      expectUsageError(
        [...SWEEP().slice(0, 5), '--slo', metric],
        new RegExp(`^qsim: --slo expects a metric a model run measures \\(throughput, wait\\.mean, .*queue\\.max, queue\\.mean: its first queue's\\), got "${metric}" \\(a model's run does not measure ${name}\\)`),
      );
    }
  });

  test('a bad model file is one line and exit 2, before any point runs', () => {
    expectUsageError(['sweep', '--model', join(folder, 'missing.ts'), '--vary', 'set.batch=1..2'], /--model ".*missing\.ts": no such file/);
    const broken = join(folder, 'broken.mjs');
    writeFileSync(broken, 'export default function (sim, opts) {\n');
    expectUsageError(['sweep', '--model', broken, '--vary', 'set.batch=1..2'], /--model ".*broken\.mjs" could not be loaded/);
    expectUsageError(['sweep', '--model', model, '--scenario', 'examples/etl.yaml', '--vary', 'set.batch=1..2'], /--model and --scenario cannot be used together/);
  });
});
