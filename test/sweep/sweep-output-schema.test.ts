import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { qsim } from '../helpers/cli.js';
import { schemaValidator } from '../helpers/schema.js';

// schema/sweep-output.schema.json against what the built CLI prints: qsim
// sweep and qsim merge --format json (the root schema), and every line of
// --format ndjson ($defs/pointLine, $defs/summaryLine, $defs/ndjsonLine).

const SCHEMA_FILE = 'sweep-output.schema.json';
const validateOutput = schemaValidator(SCHEMA_FILE);

const schema = JSON.parse(readFileSync(new URL(`../../schema/${SCHEMA_FILE}`, import.meta.url), 'utf8')) as { $id: string };
const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addSchema(schema);
/** A strict validator for one of the schema's $defs, referenced through the schema's $id. */
const definition = (name: string): ValidateFunction => ajv.compile({ $ref: `${schema.$id}#/$defs/${name}` });
const validateLine = { point: definition('pointLine'), summary: definition('summaryLine') };
const validateAnyLine = definition('ndjsonLine');

/** The validator's errors for `data`; [] when it is valid (so a failure shows what is wrong). */
function errors(validate: ValidateFunction, data: unknown): unknown[] {
  return validate(data) ? [] : (validate.errors ?? ['invalid']);
}

type Figures = Record<string, number | null>;

interface Point {
  index: number;
  values: Record<string, string>;
  seeds: number[];
  slots: number | null;
  rho: number | null;
  metrics: Figures;
  ci95?: Figures;
  slo: Record<string, boolean>;
  pass: boolean | null;
}

interface Definition {
  fingerprint: string;
  replications: number;
  vary: { name: string; values: string[] }[];
  slo: string[];
  points: number;
  model?: string;
}

interface Recommendation {
  index: number;
  values: Record<string, string>;
  slots: number | null;
}

interface SweepOutput {
  sweep: Definition;
  shard: { index: number; count: number } | null;
  interrupted: boolean;
  points: Point[];
  recommendation: Recommendation | null;
}

interface Line {
  type: string;
  sweep: string;
  definition?: Definition;
  finished?: number;
}

// Small sweeps (a few hundred items a point) on one thread (the output does not depend on --jobs).
/** An M/M/c-like sweep over consumers. */
const PIPELINE = ['--interval', 'exp(250ms)', '--delay', 'exp(500ms)', '--items', '300', '--seed', '1', '--jobs', '1'];
const CONSUMERS = ['--vary', 'consumers=1..3', ...PIPELINE];
const MODEL = ['--model', 'examples/models/batching.ts', '--vary', 'set.batch=1..3', '--items', '300', '--seed', '1', '--jobs', '1'];
const SCENARIO = ['--scenario', 'examples/etl.yaml', '--vary', 'stages.transform.workers=3..5', '--vary', 'sources.extract.items=400', '--jobs', '1'];

/** stdout of `qsim args`, which must succeed quietly; each command runs once in this file (the outputs are deterministic). */
const outputs = new Map<string, string>();
function run(args: readonly string[]): string {
  const key = JSON.stringify(args);
  const known = outputs.get(key);
  if (known !== undefined) return known;
  const result = qsim(args);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  outputs.set(key, result.stdout);
  return result.stdout;
}

function sweepJson(args: readonly string[]): SweepOutput {
  return JSON.parse(run(['sweep', ...args, '--format', 'json'])) as SweepOutput;
}

function ndjsonLines(text: string): Line[] {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Line);
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'qsim-sweep-schema-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the shards of a sweep with --format ndjson into files; returns their paths, the same for the same sweep. */
const sweepIds = new Map<string, number>();
function shardFiles(args: readonly string[], count: number): string[] {
  const key = JSON.stringify(args);
  const id = sweepIds.get(key) ?? sweepIds.size;
  sweepIds.set(key, id);
  return Array.from({ length: count }, (_, k) => {
    const file = join(scratch, `sweep-${id}-shard-${k + 1}-of-${count}.ndjson`);
    writeFileSync(file, run(['sweep', ...args, '--shard', `${k + 1}/${count}`, '--format', 'ndjson']));
    return file;
  });
}

describe('qsim sweep --format json validates against schema/sweep-output.schema.json', () => {
  test('an SLO that some point meets: the recommendation is an object', () => {
    const output = sweepJson([...CONSUMERS, '--slo', 'wait.p95<2s']);
    expect(errors(validateOutput, output)).toEqual([]);
    expect(output.shard).toBeNull();
    expect(output.interrupted).toBe(false);
    expect(output.points.map((point) => point.pass)).toEqual([false, false, true]);
    expect(output.points.every((point) => point.ci95 === undefined && point.seeds.length === 1)).toBe(true);
    expect(output.recommendation).toEqual({ index: 2, values: { consumers: '3' }, slots: 3 });
  });

  test('an SLO that no point meets: the recommendation is null', () => {
    const output = sweepJson([...CONSUMERS, '--slo', 'wait.p95<10ms']);
    expect(errors(validateOutput, output)).toEqual([]);
    expect(output.points.every((point) => point.pass === false)).toBe(true);
    expect(output.recommendation).toBeNull();
  });

  test('no --slo, and items arriving all at once: pass and rho are null', () => {
    const output = sweepJson(['--vary', 'consumers=1..2', '--interval', '0', '--delay', 'exp(500ms)', '--items', '50', '--seed', '1', '--jobs', '1']);
    expect(errors(validateOutput, output)).toEqual([]);
    expect(output.sweep.slo).toEqual([]);
    expect(output.points.map((point) => [point.rho, point.pass, point.slo])).toEqual([
      [null, null, {}],
      [null, null, {}],
    ]);
    expect(output.recommendation).toBeNull();
  });

  test('--replications 3: every metric is a mean, with its ci95 half-width beside it', () => {
    const output = sweepJson([...CONSUMERS, '--replications', '3', '--slo', 'wait.p95<2s']);
    expect(errors(validateOutput, output)).toEqual([]);
    expect(output.sweep.replications).toBe(3);
    for (const point of output.points) {
      expect(point.seeds).toHaveLength(3);
      expect(Object.keys(point.ci95 ?? {})).toEqual(Object.keys(point.metrics));
    }
  });

  test('a two-variable grid with two SLOs', () => {
    const output = sweepJson([
      '--vary',
      'consumers=2..3',
      '--vary',
      'concurrency=1..2',
      ...PIPELINE,
      '--slo',
      'wait.p95<500ms',
      '--slo',
      'utilization<0.9',
    ]);
    expect(errors(validateOutput, output)).toEqual([]);
    expect(output.sweep.vary.map((axis) => axis.name)).toEqual(['consumers', 'concurrency']);
    expect(output.points).toHaveLength(4);
    expect(Object.keys(output.points[0]?.slo ?? {})).toEqual(['wait.p95<500ms', 'utilization<0.9']);
    expect(output.points[3]?.values).toEqual({ consumers: '3', concurrency: '2' });
    expect(output.recommendation).not.toBeNull();
  });

  test('--shard 1/2: the shard object, its points only, no recommendation', () => {
    const output = sweepJson([...CONSUMERS, '--slo', 'wait.p95<2s', '--shard', '1/2']);
    expect(errors(validateOutput, output)).toEqual([]);
    expect(output.shard).toEqual({ index: 1, count: 2 });
    expect(output.points.map((point) => point.index)).toEqual([0, 2]);
    expect(output.recommendation).toBeNull();
  });

  test('a --scenario sweep', () => {
    const output = sweepJson([...SCENARIO, '--slo', 'system.p95<5s']);
    expect(errors(validateOutput, output)).toEqual([]);
    expect(output.sweep.model).toBeUndefined();
    expect(output.points.map((point) => point.slots)).toEqual([6, 7, 8]);
    expect(output.points.every((point) => typeof point.rho === 'number')).toBe(true);
  });

  test('a --model sweep: the definition names the model; slots, rho and the figures a model does not measure are null', () => {
    const output = sweepJson([...MODEL, '--slo', 'wait.p95<2s']);
    expect(errors(validateOutput, output)).toEqual([]);
    expect(output.sweep.model).toBe('examples/models/batching.ts');
    for (const point of output.points) {
      expect([point.slots, point.rho, point.metrics['system.p95'], point.metrics['utilization'], point.metrics['dropped']]).toEqual([null, null, null, null, null]);
      expect(typeof point.metrics['wait.p95']).toBe('number');
    }
  });
});

describe('qsim merge --format json validates against schema/sweep-output.schema.json', () => {
  test('two shards merged: valid, and what the unsharded sweep prints', () => {
    const args = [...CONSUMERS, '--slo', 'wait.p95<2s'];
    const merged = run(['merge', ...shardFiles(args, 2), '--format', 'json']);
    const output = JSON.parse(merged) as SweepOutput;
    expect(errors(validateOutput, output)).toEqual([]);
    expect(output.shard).toBeNull();
    expect(output.recommendation).not.toBeNull();
    expect(merged).toBe(run(['sweep', ...args, '--format', 'json']));
  });

  test('two shards of a --model sweep with --replications 2 merged', () => {
    const output = JSON.parse(run(['merge', ...shardFiles([...MODEL, '--replications', '2'], 2), '--format', 'json'])) as SweepOutput;
    expect(errors(validateOutput, output)).toEqual([]);
    expect(output.sweep.model).toBe('examples/models/batching.ts');
    expect(output.points.every((point) => point.ci95 !== undefined && point.ci95['system.mean'] === null)).toBe(true);
  });
});

describe('every line of --format ndjson validates against $defs/pointLine or $defs/summaryLine', () => {
  test.each([
    ['a sweep with an SLO', [...CONSUMERS, '--slo', 'wait.p95<2s']],
    ['a sweep with --replications 2', [...CONSUMERS, '--replications', '2']],
    ['a shard', [...CONSUMERS, '--slo', 'wait.p95<2s', '--shard', '2/2']],
    ['a --scenario sweep', SCENARIO],
    ['a --model sweep with --replications 2', [...MODEL, '--replications', '2', '--slo', 'wait.p95<2s']],
  ])('%s', (_name, args) => {
    const lines = ndjsonLines(run(['sweep', ...args, '--format', 'ndjson']));
    const summary = lines.at(-1) as Line;
    expect(summary.type).toBe('summary');
    expect(lines.slice(0, -1).every((line) => line.type === 'point')).toBe(true);
    expect(summary.finished).toBe(lines.length - 1);
    for (const line of lines) {
      expect(line.sweep).toBe(summary.definition?.fingerprint);
      expect(errors(line.type === 'point' ? validateLine.point : validateLine.summary, line)).toEqual([]);
      expect(errors(validateAnyLine, line)).toEqual([]);
    }
  });

  test('qsim merge --format ndjson', () => {
    const lines = ndjsonLines(run(['merge', ...shardFiles([...CONSUMERS, '--slo', 'wait.p95<2s'], 2), '--format', 'ndjson']));
    expect(lines.map((line) => line.type)).toEqual(['point', 'point', 'point', 'summary']);
    for (const line of lines) expect(errors(validateAnyLine, line)).toEqual([]);
  });
});

describe('the schema is strict: it rejects what qsim does not print', () => {
  let output: SweepOutput;
  let lines: Line[];
  let modelOutput: SweepOutput;
  beforeAll(() => {
    output = sweepJson([...CONSUMERS, '--slo', 'wait.p95<2s']);
    lines = ndjsonLines(run(['sweep', ...CONSUMERS, '--slo', 'wait.p95<2s', '--format', 'ndjson']));
    modelOutput = sweepJson([...MODEL, '--slo', 'wait.p95<2s']);
  });

  /** `change` applied to a copy of the valid output. */
  function changed<T>(valid: T, change: (copy: T) => void): T {
    const copy = structuredClone(valid);
    change(copy);
    return copy;
  }

  test('the unchanged outputs are valid', () => {
    expect(errors(validateOutput, output)).toEqual([]);
    expect(errors(validateOutput, modelOutput)).toEqual([]);
    for (const line of lines) expect(errors(validateAnyLine, line)).toEqual([]);
  });

  test.each<[string, (copy: SweepOutput) => void]>([
    ['an unknown top-level property', (o) => Object.assign(o, { elapsed: 1 })],
    ['an unknown property in the definition', (o) => Object.assign(o.sweep, { jobs: 2 })],
    ['an unknown property in a point', (o) => Object.assign(o.points[0] as Point, { label: 'x' })],
    ['an unknown metric', (o) => Object.assign((o.points[0] as Point).metrics, { 'wait.p90': 1 })],
    ['a missing metric', (o) => delete (o.points[0] as Point).metrics['wait.p95']],
    ['a missing field', (o) => delete (o as Partial<SweepOutput>).interrupted],
    ['rho as a string', (o) => Object.assign(o.points[0] as Point, { rho: '2' })],
    ['a value as a number', (o) => Object.assign(o.points[0] as Point, { values: { consumers: 1 } })],
    ['a negative metric', (o) => Object.assign((o.points[0] as Point).metrics, { 'wait.mean': -1 })],
    ['a utilization above 1', (o) => Object.assign((o.points[0] as Point).metrics, { utilization: 1.5 })],
    ['a fractional queue.max with one replication', (o) => Object.assign((o.points[0] as Point).metrics, { 'queue.max': 1.5 })],
    ['ci95 with one replication', (o) => Object.assign(o.points[0] as Point, { ci95: (o.points[0] as Point).metrics })],
    ['null dropped for a pipeline', (o) => Object.assign((o.points[0] as Point).metrics, { dropped: null })],
    ['pass true with an SLO not met', (o) => Object.assign(o.points[0] as Point, { pass: true })],
    ['pass null with an SLO', (o) => Object.assign(o.points[0] as Point, { pass: null })],
    ['a shard of 0', (o) => Object.assign(o, { shard: { index: 0, count: 2 } })],
    ['a recommendation with an extra property', (o) => Object.assign(o.recommendation as Recommendation, { why: 'cheapest' })],
    ['a fingerprint that is not 16 hex digits', (o) => Object.assign(o.sweep, { fingerprint: 'abc' })],
  ])('JSON output with %s', (_name, change) => {
    expect(validateOutput(changed(output, change))).toBe(false);
  });

  test.each<[string, (copy: SweepOutput) => void]>([
    ['a measured system.p95', (o) => Object.assign((o.points[0] as Point).metrics, { 'system.p95': 1 })],
    ['slots', (o) => Object.assign(o.points[0] as Point, { slots: 2 })],
    ['a rho', (o) => Object.assign(o.points[0] as Point, { rho: 0.5 })],
  ])('a --model sweep with %s', (_name, change) => {
    // A model point with slots but no rho, system figures or counts is neither a model's nor a pipeline's.
    expect(validateOutput(changed(modelOutput, change))).toBe(false);
  });

  test.each<[string, (lines: Line[]) => Line]>([
    ['a point line with an unknown property', (l) => ({ ...(l[0] as Line), extra: true })],
    ['a point line without its fingerprint', (l) => changed(l[0] as Line, (line) => delete (line as Partial<Line>).sweep)],
    ['a point line of type "summary"', (l) => ({ ...(l[0] as Line), type: 'summary' })],
    ['a summary line without "finished"', (l) => changed(l.at(-1) as Line, (line) => delete line.finished)],
    ['a summary line with the points in it', (l) => ({ ...(l.at(-1) as Line), points: [] })],
    ['the JSON output as a line', () => output as unknown as Line],
  ])('NDJSON: %s', (_name, make) => {
    expect(validateAnyLine(make(lines))).toBe(false);
  });
});
