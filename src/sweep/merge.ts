/**
 * `qsim merge`: joins the NDJSON outputs of a sweep's shards back into the
 * whole sweep. Every line carries the sweep's fingerprint; each file ends with
 * a summary line holding the definition. The files must come from one sweep
 * (same fingerprint), and together hold every point exactly once.
 */
import { QsimError } from '../core/errors.js';
import { quote } from '../model/quote.js';
import type { Axis } from './grid.js';
import { METRIC_NAMES } from './metrics.js';
import type { SweepDefinition } from './plan.js';
import type { Figures, PointResult } from './point-result.js';
import type { SweepReport } from './report.js';

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

function pointOf(line: Line, definition: SweepDefinition): PointResult {
  const { object: p, where } = line;
  const index = p['index'];
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= definition.points) {
    throw bad(where, `"index" (a point from 0 to ${definition.points - 1})`);
  }
  const values = p['values'];
  if (!isObject(values)) throw bad(where, '"values"');
  const seeds = p['seeds'];
  if (!Array.isArray(seeds) || !seeds.every((seed) => typeof seed === 'number')) throw bad(where, '"seeds"');
  if (!numberOrNull(p['slots'])) throw bad(where, '"slots"');
  if (!numberOrNull(p['rho'])) throw bad(where, '"rho"');
  const slo = p['slo'];
  if (!isObject(slo)) throw bad(where, '"slo"');
  return {
    index,
    values: definition.vary.map((axis) => {
      const value = values[axis.name];
      if (typeof value !== 'string') throw bad(where, `"values".${axis.name}`);
      return value;
    }),
    seeds: seeds as number[],
    slots: p['slots'],
    rho: p['rho'],
    metrics: figures(p['metrics'], where, '"metrics"'),
    ci95: p['ci95'] === undefined ? undefined : figures(p['ci95'], where, '"ci95"'),
    slo: definition.slo.map((text) => {
      const meets = slo[text];
      if (typeof meets !== 'boolean') throw bad(where, `"slo".${text}`);
      return meets;
    }),
  };
}

function listIndexes(indexes: readonly number[]): string {
  const shown = indexes.slice(0, LIST_LIMIT).join(', ');
  return indexes.length > LIST_LIMIT ? `${shown} and ${indexes.length - LIST_LIMIT} more` : shown;
}

export function mergeShards(outputs: readonly ShardOutput[]): SweepReport {
  if (outputs.length === 0) throw new MergeError('qsim merge needs at least one file');
  let reference: { definition: SweepDefinition; name: string } | undefined;
  const found = new Map<number, { result: PointResult; where: string }>();
  for (const output of outputs) {
    const lines = readLines(output);
    const summaries = lines.filter((line) => line.object['type'] === 'summary');
    const summary = summaries[0];
    if (summary === undefined) {
      throw new MergeError(`${output.name}: no summary line: that shard did not finish, or its output was cut short (run it again)`);
    }
    const definition = definitionOf(summary);
    if (reference === undefined) reference = { definition, name: output.name };
    else if (definition.fingerprint !== reference.definition.fingerprint) {
      throw new MergeError(
        `${output.name} and ${reference.name} come from different sweeps (${difference(definition, reference.definition)}): ` +
          `every shard must run the same command, apart from --shard`,
      );
    }
    for (const line of lines) {
      if (line.object['sweep'] !== definition.fingerprint) {
        throw new MergeError(`${line.where}: a line of another sweep (fingerprint ${quote(String(line.object['sweep']))}, not ${definition.fingerprint})`);
      }
      if (line.object['type'] !== 'point') continue;
      const result = pointOf(line, definition);
      const earlier = found.get(result.index);
      if (earlier) {
        throw new MergeError(`point ${result.index} is in both ${earlier.where} and ${line.where}: do two shards overlap, or is a file given twice?`);
      }
      found.set(result.index, { result, where: line.where });
    }
  }
  const definition = (reference as { definition: SweepDefinition }).definition;
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
