/**
 * `qsim merge`: joins the NDJSON outputs of a sweep's shards back into the
 * whole sweep. Every line carries the sweep's fingerprint; each shard's output
 * ends with a summary line holding the definition and the shard. The outputs
 * must come from one sweep (same fingerprint), hold each shard once and
 * together every point exactly once.
 *
 * A point line is checked against the definition, not trusted: its values
 * must be its index's in the grid and its seeds those the sweep derives for
 * it (one per replication), and whether it meets each SLO is decided again
 * from its figures, as the sweep decided it; the line's own "slo" and "pass"
 * are not read back, so a figure edited by hand cannot keep a stale "pass".
 */
import { QsimError } from '../core/errors.js';
import { quote } from '../model/quote.js';
import { pointValues, type Axis } from './grid.js';
import { METRIC_NAMES } from './metrics.js';
import type { SweepDefinition } from './plan.js';
import type { Figures, PointResult } from './point-result.js';
import type { SweepReport } from './report.js';
import { runSeed } from './seeds.js';
import { judge, parseSlo, type Slo } from './slo.js';

/** Shard outputs that do not make one sweep: one line, exit code 2. */
export class MergeError extends QsimError {
  readonly exitCode = 2;
  readonly code = 'merge';
}

export interface ShardOutput {
  /** The file name, for messages. */
  readonly name: string;
  readonly text: string;
}

type Json = Record<string, unknown>;

interface Line {
  readonly where: string;
  readonly object: Json;
}

const LIST_LIMIT = 10;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readLines(output: ShardOutput): Line[] {
  const lines: Line[] = [];
  output.text.split('\n').forEach((text, i) => {
    if (text.trim() === '') return;
    const where = `${output.name}:${i + 1}`;
    let object: unknown;
    try {
      object = JSON.parse(text);
    } catch {
      throw new MergeError(`${where}: not JSON; qsim merge reads the output of qsim sweep --format ndjson`);
    }
    if (!isObject(object) || (object['type'] !== 'point' && object['type'] !== 'summary') || typeof object['sweep'] !== 'string') {
      throw new MergeError(`${where}: not a line of qsim sweep --format ndjson (a "point" or "summary" object with a "sweep" fingerprint)`);
    }
    lines.push({ where, object });
  });
  return lines;
}

function bad(where: string, what: string): MergeError {
  return new MergeError(`${where}: ${what} is missing or malformed; qsim merge reads the output of qsim sweep --format ndjson`);
}

function numberOrNull(value: unknown): value is number | null {
  return value === null || typeof value === 'number';
}

function definitionOf(line: Line): SweepDefinition {
  const d = line.object['definition'];
  if (!isObject(d)) throw bad(line.where, 'the summary\'s "definition"');
  const vary = d['vary'];
  const slo = d['slo'];
  const axesOk =
    Array.isArray(vary) &&
    vary.every((axis) => isObject(axis) && typeof axis['name'] === 'string' && Array.isArray(axis['values']) && axis['values'].every((v) => typeof v === 'string'));
  if (
    typeof d['fingerprint'] !== 'string' ||
    typeof d['qsim'] !== 'string' ||
    typeof d['seed'] !== 'number' ||
    typeof d['replications'] !== 'number' ||
    typeof d['points'] !== 'number' ||
    !axesOk ||
    !Array.isArray(slo) ||
    !slo.every((s) => typeof s === 'string') ||
    (d['model'] !== undefined && typeof d['model'] !== 'string')
  ) {
    throw bad(line.where, 'the summary\'s "definition"');
  }
  // Rebuilt field by field, in the order a sweep prints them.
  return {
    fingerprint: d['fingerprint'],
    qsim: d['qsim'],
    seed: d['seed'],
    replications: d['replications'],
    vary: (vary as Json[]).map((axis): Axis => ({ name: axis['name'] as string, values: axis['values'] as string[] })),
    slo: slo as string[],
    points: d['points'],
    ...(typeof d['model'] === 'string' ? { model: d['model'] } : {}),
  };
}

/** What differs between two definitions, for the message when shards do not belong together. */
function difference(a: SweepDefinition, b: SweepDefinition): string {
  if (a.qsim !== b.qsim) return `made by qsim ${a.qsim} and ${b.qsim}`;
  if (a.seed !== b.seed) return `seeds ${a.seed} and ${b.seed}`;
  if (a.replications !== b.replications) return `${a.replications} and ${b.replications} replications`;
  if (JSON.stringify(a.vary) !== JSON.stringify(b.vary)) return 'different --vary';
  if (JSON.stringify(a.slo) !== JSON.stringify(b.slo)) return `SLOs ${a.slo.join(' ') || '(none)'} and ${b.slo.join(' ') || '(none)'}`;
  if (a.model !== b.model) return `models ${a.model ?? '(none)'} and ${b.model ?? '(none)'}`;
  return a.model === undefined ? 'different model options or scenario' : "different model options or the model file's contents";
}

function figures(value: unknown, where: string, what: string): Figures {
  if (!isObject(value)) throw bad(where, what);
  const result: Record<string, number | null> = {};
  for (const name of METRIC_NAMES) {
    const figure = value[name];
    if (!numberOrNull(figure)) throw bad(where, `${what}.${name}`);
    result[name] = figure;
  }
  return result;
}

/** The definition with its SLOs read back from their texts; a text that is not an SLO makes the summary malformed. */
interface Sweep {
  readonly definition: SweepDefinition;
  readonly slos: readonly Slo[];
}

function sweepOf(line: Line): Sweep {
  const definition = definitionOf(line);
  const slos = definition.slo.map((text) => {
    const parsed = parseSlo(text);
    if (!parsed.ok) throw bad(line.where, `the summary's "definition".slo ${quote(text)}`);
    return parsed.slo;
  });
  return { definition, slos };
}

function seedsOf(line: Line, index: number, definition: SweepDefinition): number[] {
  const { object: p, where } = line;
  const seeds = p['seeds'];
  if (!Array.isArray(seeds) || !seeds.every((seed) => typeof seed === 'number')) throw bad(where, '"seeds"');
  const { replications } = definition;
  if (seeds.length !== replications) {
    throw new MergeError(`${where}: point ${index} has ${seeds.length} seeds, not one per replication (${replications})`);
  }
  const expected = seeds.map((_, r) => runSeed(definition.seed, index, r));
  if (seeds.some((seed, r) => seed !== expected[r])) {
    throw new MergeError(`${where}: point ${index}'s seeds are not those sweep seed ${definition.seed} gives it (${expected.join(' ')})`);
  }
  return expected;
}

function valuesOf(line: Line, index: number, definition: SweepDefinition): string[] {
  const { object: p, where } = line;
  const values = p['values'];
  if (!isObject(values)) throw bad(where, '"values"');
  const expected = pointValues(definition.vary, index);
  definition.vary.forEach((axis, a) => {
    const value = values[axis.name];
    if (typeof value !== 'string') throw bad(where, `"values".${axis.name}`);
    if (value !== expected[a]) throw new MergeError(`${where}: point ${index} has ${axis.name}=${quote(value)}, but the sweep's point ${index} has ${axis.name}=${quote(expected[a] ?? '')}`);
  });
  return expected;
}

function pointOf(line: Line, { definition, slos }: Sweep): PointResult {
  const { object: p, where } = line;
  const index = p['index'];
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= definition.points) {
    throw bad(where, `"index" (a point from 0 to ${definition.points - 1})`);
  }
  if (!numberOrNull(p['slots'])) throw bad(where, '"slots"');
  if (!numberOrNull(p['rho'])) throw bad(where, '"rho"');
  if (typeof p['overloaded'] !== 'boolean') throw bad(where, '"overloaded"');
  if (!isObject(p['slo'])) throw bad(where, '"slo"');
  const metrics = figures(p['metrics'], where, '"metrics"');
  // With one replication there is no interval: a "ci95" there is not read.
  const ci95 = definition.replications > 1 ? figures(p['ci95'], where, '"ci95"') : undefined;
  return {
    index,
    values: valuesOf(line, index, definition),
    seeds: seedsOf(line, index, definition),
    slots: p['slots'],
    rho: p['rho'],
    overloaded: p['overloaded'],
    metrics,
    ci95,
    slo: judge(slos, metrics, ci95),
  };
}

function listIndexes(indexes: readonly number[]): string {
  const shown = indexes.slice(0, LIST_LIMIT).join(', ');
  return indexes.length > LIST_LIMIT ? `${shown} and ${indexes.length - LIST_LIMIT} more` : shown;
}

/** The shard a summary line covers, as --shard wrote it ("2/4"), or "the whole sweep". */
function shardOf(line: Line): string {
  const shard = line.object['shard'];
  if (shard === null) return 'the whole sweep';
  const whole = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1;
  if (!isObject(shard) || !whole(shard['index']) || !whole(shard['count']) || shard['index'] > shard['count']) throw bad(line.where, 'the summary\'s "shard"');
  return `shard ${shard['index']}/${shard['count']}`;
}

/** The sweep of `output`'s summary lines (one per shard it holds: shards' outputs may be concatenated), checked against `reference`'s. */
function outputSweep(output: ShardOutput, summaries: readonly Line[], reference: { sweep: Sweep; name: string } | undefined): Sweep {
  const summary = summaries[0];
  if (summary === undefined) {
    throw new MergeError(`${output.name}: no summary line: that shard did not finish, or its output was cut short (run it again)`);
  }
  const sweep = sweepOf(summary);
  const { definition } = sweep;
  if (reference !== undefined && definition.fingerprint !== reference.sweep.definition.fingerprint) {
    throw new MergeError(
      `${output.name} and ${reference.name} come from different sweeps (${difference(definition, reference.sweep.definition)}): ` +
        `every shard must run the same command, apart from --shard`,
    );
  }
  return sweep;
}

/** Each shard once, even one without points (a shard of a grid smaller than --shard's N): `seen` maps a shard to where it was. */
function checkShardsOnce(summaries: readonly Line[], seen: Map<string, string>): void {
  for (const summary of summaries) {
    const shard = shardOf(summary);
    const earlier = seen.get(shard);
    if (earlier !== undefined) throw new MergeError(`${shard} is in both ${earlier} and ${summary.where}: is a file given twice, or a shard run twice?`);
    seen.set(shard, summary.where);
  }
}

/** The point lines of one output into `found` (index → result and where it is), each point once over all outputs. */
function collectPoints(lines: readonly Line[], sweep: Sweep, found: Map<number, { result: PointResult; where: string }>): void {
  const { fingerprint } = sweep.definition;
  for (const line of lines) {
    if (line.object['sweep'] !== fingerprint) {
      throw new MergeError(`${line.where}: a line of another sweep (fingerprint ${quote(String(line.object['sweep']))}, not ${fingerprint})`);
    }
  }
  for (const line of lines) {
    if (line.object['type'] !== 'point') continue;
    const result = pointOf(line, sweep);
    const earlier = found.get(result.index);
    if (earlier) {
      throw new MergeError(`point ${result.index} is in both ${earlier.where} and ${line.where}: do two shards overlap, or is a file given twice?`);
    }
    found.set(result.index, { result, where: line.where });
  }
}

export function mergeShards(outputs: readonly ShardOutput[]): SweepReport {
  if (outputs.length === 0) throw new MergeError('qsim merge needs at least one file');
  let reference: { sweep: Sweep; name: string } | undefined;
  const found = new Map<number, { result: PointResult; where: string }>();
  const shards = new Map<string, string>();
  for (const output of outputs) {
    const lines = readLines(output);
    const summaries = lines.filter((line) => line.object['type'] === 'summary');
    const sweep = outputSweep(output, summaries, reference);
    reference ??= { sweep, name: output.name };
    checkShardsOnce(summaries, shards);
    collectPoints(lines, sweep, found);
  }
  const { definition } = (reference as { sweep: Sweep }).sweep;
  const missing: number[] = [];
  for (let index = 0; index < definition.points; index++) if (!found.has(index)) missing.push(index);
  if (missing.length > 0) {
    throw new MergeError(
      `${missing.length} of the sweep's ${definition.points} points are missing (${listIndexes(missing)}): ` +
        'was a shard left out, or stopped before it finished?',
    );
  }
  const results = [...found.values()].map((entry) => entry.result).sort((a, b) => a.index - b.index);
  return { definition, results, shard: undefined, interrupted: false };
}
