/**
 * The NAME of `--vary NAME=VALUES` for a scenario file: the path of one field
 * of one source or stage, by name or by index:
 *   stages.enrich.workers   stages[1].workers   stages.1.workers   sources.orders.interval
 * A name takes precedence over an index (a stage may be called "1").
 */
import { parseDocument } from 'yaml';
import { keepLargeIntegersExact } from '../scenario/exact-numbers.js';
import { quote } from '../model/quote.js';

export const STAGE_FIELDS = ['workers', 'concurrency', 'delay', 'capacity', 'onFull', 'failure', 'retries', 'backoff'] as const;
export const SOURCE_FIELDS = ['producers', 'items', 'duration', 'interval'] as const;

export const PATH_SYNTAX =
  `stages.NAME.FIELD or sources.NAME.FIELD (NAME a stage's or source's name or index; ` +
  `stage fields: ${STAGE_FIELDS.join(', ')}; source fields: ${SOURCE_FIELDS.join(', ')})`;

export type PathResolution = { readonly ok: true; readonly path: readonly (string | number)[] } | { readonly ok: false; readonly reason: string };

const PATH = /^(stages|sources)(?:\[(\d+)\]\.|\.(.+)\.)([A-Za-z-]+)$/;

function names(raw: unknown, section: string): string[] {
  const list = (raw as Record<string, unknown> | null)?.[section];
  if (!Array.isArray(list)) return [];
  return list.map((entry) => String((entry as Record<string, unknown> | null)?.['name'] ?? ''));
}

/** Resolves `name` against the scenario file's data `raw` (as YAML read it) to a path such as ['stages', 1, 'workers']. */
export function resolveScenarioPath(name: string, raw: unknown): PathResolution {
  const match = PATH.exec(name.trim());
  if (!match) return { ok: false, reason: `${quote(name)} is not a path` };
  const section = match[1] as 'stages' | 'sources';
  const field = match[4] as string;
  const fields: readonly string[] = section === 'stages' ? STAGE_FIELDS : SOURCE_FIELDS;
  const known = fields.find((f) => f === field || f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`) === field);
  if (known === undefined) return { ok: false, reason: `${section} have no field ${quote(field)}` };
  const existing = names(raw, section);
  const key = match[2] ?? (match[3] as string);
  let index = existing.indexOf(key);
  if (index < 0 && /^\d+$/.test(key)) index = Number(key);
  if (index < 0 || index >= existing.length) {
    const what = section === 'stages' ? 'stage' : 'source';
    return { ok: false, reason: `the file has no ${what} ${quote(key)} (its ${section}: ${existing.join(', ') || 'none'})` };
  }
  return { ok: true, path: [section, index, known] };
}

/**
 * A value for a scenario field, read as the file is read: 3 is a number, exp(1s) a string, [a, b] a
 * list, and a whole number beyond 2^53 - 1 the bigint written (src/scenario/exact-numbers.ts).
 */
export function scenarioValue(text: string): unknown {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return text;
  keepLargeIntegersExact(doc);
  return doc.toJS() as unknown;
}
