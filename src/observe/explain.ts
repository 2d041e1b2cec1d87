/**
 * `--explain`: queueing theory beside the simulation, in plain words, printed
 * after the final line (and after --stats and --chart). Everything comes from
 * the summary's `theory` object and the scenario, so a merged summary of
 * replications explains itself the same way.
 *
 *   Queueing theory
 *   Offered load ρ = 1.50: two consumers cannot keep up with one item every
 *   0.5 s; the backlog grows by about 0.67 items per second while items keep
 *   arriving. …
 */
import { formatDistribution } from '../model/distribution.js';
import type { Scenario, SourceSpec, StageSpec } from '../model/scenario.js';
import { alignColumns } from './text-table.js';
import type { ReplicatedStatistic, RunSummary, StageTheory, TheoryComparison } from './summary.js';

/** Lines are wrapped at this width. */
const WIDTH = 80;

/** Runs shorter than this get a reminder that predictions are long-run averages. */
const SHORT_RUN_ITEMS = 10_000;

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

function count(n: number, noun: string): string {
  return `${WORDS[n] ?? String(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/** Three significant digits, without exponents: 1.95, 0.667, 50.0, 1234. */
export function sig3(value: number): string {
  if (value === 0) return '0';
  return Math.abs(value) >= 1000 ? String(Math.round(value)) : value.toPrecision(3);
}

/** About two significant digits, for rough figures: 0.67, 13, 1234. */
function about(value: number): string {
  return Math.abs(value) >= 100 ? String(Math.round(value)) : value.toPrecision(2);
}

/** Three significant digits without trailing zeros: 0.5, 1.95, 12.3. */
function trimmed(value: number): string {
  const text = sig3(value);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Seconds for reading: 1.95 s, 0.5 s, 64.3 ms below a tenth of a second. */
export function readableSeconds(value: number): string {
  if (value > 0 && value < 0.1) return `${trimmed(value * 1000)} ms`;
  return `${trimmed(value)} s`;
}

function signedPercent(ratio: number): string {
  const text = (ratio * 100).toFixed(1);
  return `${ratio >= 0 ? '+' : ''}${text}%`;
}

/** Wraps `text` at WIDTH columns; "ρ = 1.50" never breaks around its "=". */
export function wrap(text: string, width = WIDTH): string[] {
  const split = text.split(' ');
  const words: string[] = [];
  for (let i = 0; i < split.length; i++) {
    // "ρ = 1.50" stays one word.
    if (split[i + 1] === '=' && i + 2 < split.length) {
      words.push(`${split[i]} = ${split[i + 2]}`);
      i += 2;
    } else {
      words.push(split[i] as string);
    }
  }
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if ([...candidate].length > width && line !== '') {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * Where the items come from, as the object of "cannot keep up with …" ("one
 * item every 0.5 s", "three producers each putting one item every 0.278 s on
 * average (exp(278ms))"), or as a parenthesis after a rate (`brief`: "one every
 * 0.278 s on average, exp(278ms)").
 */
function arrivalPhrase(sources: readonly SourceSpec[], rate: number | null, brief = false): string {
  const [source] = sources;
  if (sources.length !== 1 || source === undefined) {
    return brief ? `from ${count(sources.length, 'source')}` : `${rate === null ? 'all' : sig3(rate)} items per second from ${count(sources.length, 'source')}`;
  }
  const { interval, producers } = source;
  const constant = interval.spec.kind === 'const';
  const shape = formatDistribution(interval.spec);
  const one = brief && producers === 1 ? 'one' : 'one item';
  const every = `${one} every ${readableSeconds(interval.mean)}${constant ? '' : brief ? ` on average, ${shape}` : ` on average (${shape})`}`;
  if (producers === 1) return every;
  return brief ? `${count(producers, 'producer')}, each ${every}` : `${count(producers, 'producer')} each putting ${every}`;
}

/** "two consumers", "two consumers with 3 slots each", "transform's three workers". */
function serversPhrase(stage: StageSpec, pipeline: boolean): string {
  const workers = stage.workers.length;
  const who = pipeline ? `${stage.name}'s ${count(workers, 'worker')}` : count(workers, 'consumer');
  if (stage.concurrency === 1) return who;
  return `${who} with ${stage.concurrency} slots${workers === 1 ? '' : ' each'}`;
}

function comparisonText(label: string, c: TheoryComparison, unit: (value: number) => string): string | undefined {
  if (c.predicted === null) return undefined;
  const simulated = c.simulated === null ? 'not simulated (no samples)' : `simulated ${unit(c.simulated)}`;
  const difference = c.relativeDifference === null ? '' : ` (${signedPercent(c.relativeDifference)})`;
  return `${label} ${unit(c.predicted)}, ${simulated}${difference}`;
}

function methodLabel(theory: { model: string; method: string | null; exact: boolean }): string {
  if (theory.method === null) return theory.model;
  return `${theory.model} (${theory.method}${theory.exact ? ', exact' : ' approximation'})`;
}

/** The load sentence(s) of one stage: can it keep up, and by how much not. */
function loadSentences(
  stage: StageSpec,
  theory: StageTheory,
  arrivals: { readonly full: string; readonly brief: string },
  pipeline: boolean,
  finite: boolean,
): string[] {
  const servers = serversPhrase(stage, pipeline);
  if (theory.offeredLoad === null) {
    return [`Every item is due at time 0 (an interval of 0), so ${servers} simply work through the pile.`];
  }
  if (theory.arrivalRatePerSecond === 0) {
    return [`Offered load ρ = 0: no item arrives (no source makes any), so ${servers} stay idle.`];
  }
  const rho = `Offered load ρ = ${theory.offeredLoad.toFixed(2)}`;
  const serviceRate = theory.serviceRatePerSecond === null ? 'any number of' : sig3(theory.serviceRatePerSecond);
  const arrivalRate = theory.arrivalRatePerSecond === null ? 'every' : sig3(theory.arrivalRatePerSecond);
  const one = stage.workers.length === 1;
  const single = one && stage.concurrency === 1;
  const noun = pipeline ? 'worker' : 'consumer';
  const each = stage.concurrency > 1 ? 'Each slot' : single ? `The ${noun}` : `Each ${noun}`;
  const shape = stage.delay.spec.kind === 'const' ? '' : ` on average (${formatDistribution(stage.delay.spec)})`;
  // With failures the time is per attempt, and an item takes 1 + p + … + p^retries attempts on average.
  const attempts = stage.failure > 0 ? (stage.failure >= 1 ? stage.retries + 1 : (1 - stage.failure ** (stage.retries + 1)) / (1 - stage.failure)) : 1;
  const pace =
    attempts === 1
      ? `${each} takes ${readableSeconds(stage.delay.mean)} per item${shape}`
      : `${each} takes ${readableSeconds(stage.delay.mean)} per attempt${shape} and ${sig3(attempts)} attempts per item`;
  if (theory.serviceRatePerSecond === null) {
    return [`${rho}: processing takes no time (${formatDistribution(stage.delay.spec)}), so no item ever waits.`];
  }
  if (!theory.overloaded) {
    const busy = Math.round(theory.offeredLoad * 100);
    return [
      `${rho}: items arrive at ${arrivalRate} per second (${arrivals.brief}) and ${servers} can finish ${serviceRate} per second, so ${one ? 'it is' : 'they are'} busy about ${busy}% of the time.`,
    ];
  }
  const excess = theory.arrivalRatePerSecond !== null && theory.serviceRatePerSecond !== null ? theory.arrivalRatePerSecond - theory.serviceRatePerSecond : null;
  const together = single
    ? `${pace}: ${serviceRate} items per second against ${arrivalRate} arriving.`
    : `${pace}, so together they finish ${serviceRate} items per second against ${arrivalRate} arriving.`;
  if (theory.backlogGrowthPerSecond !== null && Math.abs(theory.offeredLoad - 1) < 1e-9) {
    return [
      `${rho}: ${servers} only just keep${one ? 's' : ''} up with ${arrivals.full}. At exactly ρ = 1 there is no steady state either: the queue drifts ever longer, about as the square root of time, rather than at a fixed rate.`,
      together,
    ];
  }
  if (theory.backlogGrowthPerSecond !== null) {
    const keep = finite ? ' while items keep arriving' : '';
    return [`${rho}: ${servers} cannot keep up with ${arrivals.full}; the backlog grows by about ${about(theory.backlogGrowthPerSecond)} items per second${keep}.`, together];
  }
  const capacity = stage.capacity;
  // Dropped per second: λ × P(drop) where M/M/c/K gives it; else at least the excess, as the servers idle now and then.
  const dropProbability = theory.dropProbability.predicted;
  const dropped =
    dropProbability !== null && theory.arrivalRatePerSecond !== null
      ? `about ${about(theory.arrivalRatePerSecond * dropProbability)} items per second (${(dropProbability * 100).toFixed(1)}% of them) are dropped`
      : `at least ${excess === null ? 'the excess' : about(excess)} items per second are dropped`;
  const tail =
    stage.onFull === 'block'
      ? `the queue fills to its capacity of ${capacity} and then holds the producers back to the consumers' pace`
      : `the queue keeps reaching its capacity of ${capacity}, and ${dropped}`;
  return [`${rho}: ${servers} cannot keep up with ${arrivals.full}; ${tail}.`, together];
}

function predictionSentence(theory: StageTheory | RunSummary['theory'], stageOnly: StageTheory | undefined): string {
  const parts = [
    comparisonText('predicted mean wait', theory.meanWaitSeconds, readableSeconds),
    comparisonText('mean queue length', theory.meanQueueSize, sig3),
    stageOnly ? comparisonText('drop probability', stageOnly.dropProbability, (p) => `${(p * 100).toFixed(2)}%`) : undefined,
  ].filter((part): part is string => part !== undefined);
  if (parts.length === 0) {
    if (theory.backlogGrowthPerSecond !== null) {
      return `${theory.model}: while it cannot keep up the queue has no steady state, so no mean wait is predicted; it grows until the producers stop, then drains.`;
    }
    return `${theory.model}: no formula applies. ${theory.note}`;
  }
  const approximation = theory.exact ? '' : ` ${theory.note}`;
  return `${methodLabel(theory)}: ${parts.join('; ')}.${approximation}`;
}

function replicationRows(summary: RunSummary): string[] {
  const replications = summary.replications;
  if (!replications) return [];
  const rows: [string, ReplicatedStatistic, (value: number) => string][] = [
    ['mean wait (s)', replications.meanWait, (v) => v.toFixed(3)],
    ['mean queue length', replications.meanQueueSize, (v) => v.toFixed(3)],
    ['mean in system (s)', replications.meanSystem, (v) => v.toFixed(3)],
    ['utilization', replications.utilization, (v) => `${(v * 100).toFixed(1)}%`],
  ];
  const shown = rows.filter(([, statistic]) => statistic.predicted !== null && statistic.mean !== null);
  if (shown.length === 0) return [];
  const level = Math.round(replications.confidenceLevel * 100);
  const table = alignColumns(
    [
      ['statistic', 'predicted', `simulated (${level}% CI)`, ''],
      ...shown.map(([label, s, f]) => [
        label,
        f(s.predicted as number),
        `${f(s.mean as number)} ± ${s.halfWidth === null ? '-' : f(s.halfWidth)}`,
        s.predictedInside === null ? '' : s.predictedInside ? 'inside' : 'outside',
      ]),
    ],
    ['left', 'right', 'right', 'left'],
  );
  const inside = shown.filter(([, s]) => s.predictedInside === true).length;
  const verdict =
    inside === shown.length
      ? `Every predicted value lies inside its ${level}% confidence interval over the ${replications.count} replications.`
      : `${inside} of ${shown.length} predicted values lie inside their ${level}% confidence intervals over the ${replications.count} replications; outside means the simulation and the formula disagree by more than sampling error explains (an approximation, a warm-up too short, or runs too short to reach the steady state).`;
  return ['', ...table, ...wrap(verdict)];
}

/** How to make this run longer: an option on the command line or a field in a scenario file; the duration when one limits it. */
function longerRun(summary: RunSummary, scenario: Scenario): string {
  const timed = scenario.sources.some((source) => source.duration !== Infinity);
  if ('sources' in summary.options) {
    return timed
      ? "raise the sources' duration (and items) in the scenario file and run with --instant"
      : "raise the sources' items in the scenario file (100000 or more) and run with --instant";
  }
  return timed ? 'try a longer --duration (and enough --items) with --instant' : 'try --items 1000000 --instant';
}

/** The advice for a run too short for long-run predictions, or nothing. */
function shortRunAdvice(summary: RunSummary, scenario: Scenario, predicted: boolean, consumed: number): string[] {
  if (!predicted || consumed >= SHORT_RUN_ITEMS || summary.replications) return [];
  return wrap(
    `Predictions are long-run averages: over ${consumed} item${consumed === 1 ? '' : 's'} the simulated figures can be far from them; ${longerRun(summary, scenario)}.`,
  );
}

function singleStage(summary: RunSummary, scenario: Scenario): string[] {
  const theory = summary.theory;
  const stage = theory.stages[0] as StageTheory;
  const spec = scenario.stages[0] as StageSpec;
  const finite = scenario.sources.every((s) => s.items !== Infinity || s.duration !== Infinity);
  const rate = theory.arrivalRatePerSecond;
  const arrivals = { full: arrivalPhrase(scenario.sources, rate), brief: arrivalPhrase(scenario.sources, rate, true) };
  const lines = loadSentences(spec, stage, arrivals, false, finite).flatMap((s) => wrap(s));
  lines.push(...wrap(predictionSentence(stage, stage)));
  lines.push(...shortRunAdvice(summary, scenario, stage.meanWaitSeconds.predicted !== null, summary.stages[0]?.processed ?? 0));
  return lines;
}

function pipeline(summary: RunSummary, scenario: Scenario): string[] {
  const theory = summary.theory;
  const rate = theory.arrivalRatePerSecond;
  const lines = wrap(
    `Items arrive at ${rate === null ? 'once' : `${sig3(rate)} per second`} (${arrivalPhrase(scenario.sources, rate, true)}). Each stage's offered load ρ is the rate it is fed over the rate its workers can finish:`,
  );
  const table = alignColumns(
    [
      ['stage', 'model', 'ρ', 'formula', 'predicted wait', 'simulated wait'],
      ...theory.stages.map((s) => [
        s.name,
        s.model,
        s.offeredLoad === null ? '∞' : s.offeredLoad.toFixed(2),
        s.method === null ? (s.overloaded ? 'cannot keep up' : '-') : `${s.method}${s.exact ? '' : ' ≈'}`,
        s.meanWaitSeconds.predicted === null ? '-' : readableSeconds(s.meanWaitSeconds.predicted),
        s.meanWaitSeconds.simulated === null
          ? '-'
          : `${readableSeconds(s.meanWaitSeconds.simulated)}${s.meanWaitSeconds.relativeDifference === null ? '' : ` (${signedPercent(s.meanWaitSeconds.relativeDifference)})`}`,
      ]),
    ],
    ['left', 'left', 'right', 'left', 'right', 'left'],
  );
  lines.push(...table);
  for (const stage of theory.stages) {
    if (stage.method === null && !stage.overloaded) lines.push(...wrap(`${stage.name}: ${stage.note}`));
  }
  const k = summary.bottleneck.index;
  const bottleneck = theory.stages[k] as StageTheory;
  const spec = scenario.stages[k] as StageSpec;
  const finite = scenario.sources.every((s) => s.items !== Infinity || s.duration !== Infinity);
  const passed = `${bottleneck.arrivalRatePerSecond === null ? 'all' : sig3(bottleneck.arrivalRatePerSecond)} items per second`;
  const fed =
    k === 0
      ? { full: arrivalPhrase(scenario.sources, rate), brief: arrivalPhrase(scenario.sources, rate, true) }
      : { full: `the ${passed} passed on from above`, brief: 'passed on from the stage above' };
  const [load, ...more] = loadSentences(spec, bottleneck, fed, true, finite);
  lines.push(...wrap(`Bottleneck: ${spec.name} (${bottleneck.overloaded ? 'it cannot keep up' : 'the highest offered load'}). ${load ?? ''}`));
  for (const sentence of more) lines.push(...wrap(sentence));
  const whole = [
    comparisonText('predicted mean time in system', theory.meanSystemSeconds, readableSeconds),
    comparisonText('all queues together hold on average', theory.meanQueueSize, sig3),
  ].filter((part): part is string => part !== undefined);
  lines.push(...wrap(whole.length > 0 ? `${methodLabel(theory)}: ${whole.join('; ')}. ${theory.note}` : theory.note));
  lines.push(...shortRunAdvice(summary, scenario, theory.meanSystemSeconds.predicted !== null, summary.items.consumed));
  return lines;
}

/** The --explain paragraph, starting with a blank line. */
export function renderExplanation(summary: RunSummary, scenario: Scenario): string {
  const body = scenario.stages.length > 1 ? pipeline(summary, scenario) : singleStage(summary, scenario);
  return ['', 'Queueing theory', ...body, ...replicationRows(summary)].join('\n') + '\n';
}
