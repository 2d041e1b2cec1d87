import { readFileSync } from 'node:fs';
import { isAlias, isCollection, isMap, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { Scenario } from '../model/scenario.js';
import { ScenarioError } from './scenario-error.js';
import type { z } from 'zod';
import { keepLargeIntegersExact } from './exact-numbers.js';
import { jsonSyntaxProblem } from './json-syntax.js';
import { crossChecks, formatPath, pipelineLimits, scenarioSchema, type Problem } from './schema.js';

/** A key left over when YAML split a flow mapping at a comma: `{ delay: uniform(10ms,50ms) }`. */
const SPLIT_DISTRIBUTION_TAIL = /^[^(]*\)$/;
const QUOTE_HINT = 'inside { … } a value with a comma, like uniform(10ms,50ms), must be quoted';

/**
 * How far aliases may copy anchored nodes (yaml's measure: an anchor's uses
 * times the aliases inside it). Ten times yaml's default, so an anchor can be
 * used by a thousand stages, yet a "billion laughs" file stops at once.
 */
export const MAX_ALIAS_COUNT = 1000;

/**
 * Parses and validates scenario text (YAML, or JSON, which YAML reads too; a
 * file named .json must be strict JSON).
 * Throws ScenarioError with every problem, each on its own line and naming its
 * place: `FILE:LINE: path: expected …, got …`.
 */
export function parseScenario(text: string, fileName: string): Scenario {
  return scenarioFromDocument(readScenarioDocument(text, fileName), fileName);
}

/** A scenario file read as YAML but not yet validated: its document, and where each of its nodes is written. */
export interface ScenarioDocument {
  readonly doc: Document;
  readonly lineCounter: LineCounter;
}

/**
 * Reads scenario text as YAML (a file named .json as strict JSON first);
 * throws ScenarioError on a syntax error or aliases that cannot be expanded.
 */
export function readScenarioDocument(text: string, fileName: string): ScenarioDocument {
  const json = /\.json$/i.test(fileName);
  const jsonProblem = json ? jsonSyntaxProblem(text, fileName) : undefined;
  if (jsonProblem !== undefined) throw new ScenarioError([jsonProblem]);
  // Valid JSON that YAML still refuses (a key given twice, which JSON.parse would let the last win) is a JSON error.
  const kind = json ? 'JSON error' : 'YAML syntax error';
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const where = pos ? `${fileName}:${pos.line}:${pos.col}` : fileName;
        return `${where}: ${kind}: ${(e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`;
      }),
    );
  }
  keepLargeIntegersExact(doc); // 9007199254740993 stays itself, to be refused as written
  plainValue(doc, lineCounter, fileName); // expanded here too, so that a bomb is reported before any caller expands it
  return { doc, lineCounter };
}

/** The document's plain values (aliases expanded within the same limit as when it was read). */
export function scenarioDocumentValue({ doc, lineCounter }: ScenarioDocument, fileName: string): unknown {
  return plainValue(doc, lineCounter, fileName);
}

/** The document as plain values; throws ScenarioError when an alias cannot be expanded, or only into too many copies. */
function plainValue(doc: Document, lineCounter: LineCounter, fileName: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT + 1 }); // yaml refuses from maxAliasCount copies on
  } catch (error) {
    // yaml throws a ReferenceError for an alias it cannot or will not expand.
    if (!(error instanceof ReferenceError)) throw error;
    const unresolved = unresolvedAlias(doc, lineCounter);
    if (unresolved) throw new ScenarioError([`${fileName}:${unresolved}: YAML error: ${error.message}`]);
    throw new ScenarioError([
      `${fileName}: YAML error: expected aliases that copy anchored values at most ${MAX_ALIAS_COUNT} times in all (aliases inside an anchor multiply), got more`,
    ]);
  }
}

/** `LINE:COL` of the first alias whose anchor is not set before it, if any. */
function unresolvedAlias(doc: Document, lineCounter: LineCounter): string | undefined {
  const anchors = new Set<string>();
  let found: string | undefined;
  // The order in which yaml resolves aliases: an anchor counts from its node on, even inside that node.
  visit(doc, (_key, node) => {
    if (isAlias(node)) {
      if (anchors.has(node.source)) return undefined;
      const pos = lineCounter.linePos(node.range?.[0] ?? 0);
      found = `${pos.line}:${pos.col}`;
      return visit.BREAK;
    }
    if ((isScalar(node) || isCollection(node)) && node.anchor !== undefined) anchors.add(node.anchor);
    return undefined;
  });
  return found;
}

/**
 * Validates a scenario document (possibly edited since it was read, as
 * `qsim sweep --vary` does; an edited node has no line of its own, so a
 * problem at a node the edit added is reported at its parent's line).
 */
export function scenarioFromDocument({ doc, lineCounter }: ScenarioDocument, fileName: string): Scenario {
  const raw = plainValue(doc, lineCounter, fileName);
  const result = scenarioSchema.safeParse(raw);
  const problems: Problem[] = result.success ? [] : result.error.issues.flatMap(toProblems);
  problems.push(...crossChecks(raw));
  if (result.success) {
    result.data.sources.forEach((source, i) => {
      if (source.items === Infinity && source.interval.mean === 0) {
        problems.push({
          path: ['sources', i, 'interval'],
          message: 'expected an interval above 0 when only duration limits the source (every item would be due at once, without end), got 0',
        });
      }
    });
    if (problems.length === 0) problems.push(...pipelineLimits(result.data));
    if (problems.length === 0) return result.data;
  }

  const located = problems.map((p) => ({ ...p, line: lineOf(doc, p.path, lineCounter) }));
  located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)); // stable: same line keeps its order
  throw new ScenarioError(
    located.map((p) => `${p.line ? `${fileName}:${p.line}` : fileName}: ${formatPath(p.path) || '(top level)'}: ${p.message}`),
  );
}

function toProblems(issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path as PropertyKey[];
  if (issue.code !== 'unrecognized_keys') return [{ path, message: issue.message }];
  return issue.keys.map((key) => ({
    path: [...path, key],
    message: `unknown key ${JSON.stringify(key)}${SPLIT_DISTRIBUTION_TAIL.test(key) ? ` (${QUOTE_HINT})` : ''}`,
  }));
}

/** Reads and validates a scenario file. */
export function loadScenario(file: string): Scenario {
  return parseScenario(readScenarioText(file), file);
}

/** The text of a scenario file; throws ScenarioError when it cannot be read. */
export function readScenarioText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ScenarioError([`cannot read scenario file ${file}: ${reason}`]);
  }
}

/** The line where `path` (or its nearest existing parent) is written, for messages. */
function lineOf(doc: Document, path: readonly PropertyKey[], lineCounter: LineCounter): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
    if (n > 0 && typeof path[n - 1] === 'string' && isMap(doc.getIn(path.slice(0, n - 1) as unknown[], true))) {
      // Point at the key, which is where the user looks.
      const parent = doc.getIn(path.slice(0, n - 1) as unknown[], true);
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[n - 1]);
        const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
        if (range) return lineCounter.linePos(range[0]).line;
      }
    }
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return lineCounter.linePos(range[0]).line;
  }
  return undefined;
}
