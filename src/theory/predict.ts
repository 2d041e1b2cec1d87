/**
 * What queueing theory predicts for a scenario, stage by stage: the offered
 * load, whether the stage can keep up, and — where a formula applies — the
 * steady-state mean wait and queue length, labelled exact or approximate.
 *
 * Servers: a stage has workers × concurrency slots, each taking items from the
 * one queue, so it is a c-server queue with c = workers × concurrency. Offered
 * load ρ = λ · E[S] · attempts / c, where attempts = 1 + p + … + p^retries is
 * the mean number of attempts per item when attempts fail with probability p.
 *
 * Which formula (first stage, or any stage of a Jackson network):
 *   Poisson arrivals, exponential service, c servers   M/M/c, Erlang C (exact)
 *   Poisson arrivals, any service, 1 server             M/G/1, Pollaczek–Khinchine (exact)
 *   one producer (renewal arrivals), exponential service, 1 server, gaps
 *     constant, uniform, Erlang or exponential          G/M/1, root σ of σ = A*(μ(1−σ)) (exact; D/M/1)
 *   renewal arrivals, any service, c servers            Kingman (c = 1) or Allen–Cunneen (approximations)
 *   Poisson arrivals, exponential service, a capacity
 *     with drop-newest                                  M/M/c/K (exact, with the drop probability)
 * and no formula for several non-Poisson producers (not a renewal process), a
 * capacity with backpressure (block), a stage whose workers wait to hand items
 * on to a full queue below (blocking after service), failures and retries (a
 * feedback loop), or an overloaded stage (ρ >= 1, no steady state: the backlog grows at
 * λ − c/E[S] items per second).
 *
 * Pipelines: stage k+1 is fed by stage k's departures at rate min(λk, capacity
 * of k) × the share that succeeds. When every source is Poisson and every stage
 * exponential with no capacity and no failures, the pipeline is a Jackson
 * network: each stage's departures are again Poisson (Burke's theorem, also for
 * a saturated stage), so each stage is an exact M/M/c at its own rate. Otherwise
 * later stages get Allen–Cunneen with the arrival variability carried down by
 * Whitt's QNA linking equation (an approximation), when the stages above have one.
 */
import type { Distribution } from '../model/distribution.js';
import type { Scenario, StageSpec } from '../model/scenario.js';
import { allenCunneen, departureScv } from './approximations.js';
import { arrivalProcess, isExponential, kendallLetter, laplaceTransform, scv, type ArrivalProcess } from './arrivals.js';
import { MAX_WAITING_ROOM, mmc, mmck, type QueueFigures } from './erlang.js';
import { gm1, mg1 } from './single-server.js';

export type TheoryMethod = 'Erlang C' | 'Pollaczek–Khinchine' | 'G/M/1' | 'M/M/c/K' | 'Kingman' | 'Allen–Cunneen' | 'Jackson network';

/** Methods that are approximations; the rest are exact. */
const APPROXIMATE: ReadonlySet<TheoryMethod> = new Set(['Kingman', 'Allen–Cunneen']);

/** Arrivals at a stage as far as the formulas care. */
type StageArrivals =
  | ArrivalProcess
  /** Departures of the stage above: variability `scv` when an approximation can carry it, else undefined and `why` not. */
  | { readonly kind: 'departures'; readonly rate: number; readonly scv: number | undefined; readonly why: string };

export interface StagePrediction {
  readonly name: string;
  /** Kendall's notation: arrivals/service/servers[/capacity of the system], e.g. "M/M/4", "D/U/2", "M/M/2/7". */
  readonly model: string;
  /** Items per second offered to the stage; Infinity when every item is due at time 0. */
  readonly arrivalRate: number;
  readonly servers: number;
  readonly meanService: number;
  /** Mean attempts per item: 1 without failures. */
  readonly attempts: number;
  /** Items per second the stage can finish when always busy: servers / (mean service × attempts). */
  readonly serviceRate: number;
  /** ρ = arrival rate / service rate. */
  readonly offeredLoad: number;
  /** ρ >= 1: the stage cannot keep up. */
  readonly overloaded: boolean;
  /** Items per second by which the queue grows when overloaded and unbounded; undefined otherwise. */
  readonly backlogGrowth: number | undefined;
  readonly method: TheoryMethod | undefined;
  /** True when the figures come from an exact formula. */
  readonly exact: boolean;
  /** One sentence: the formula used, or why there is none. */
  readonly note: string;
  readonly meanWait: number | undefined;
  readonly meanQueueSize: number | undefined;
  /** Predicted share of time the servers are busy: ρ for a stable unbounded stage. */
  readonly utilization: number | undefined;
  /** Probability that an arriving item is dropped (M/M/c/K). */
  readonly dropProbability: number | undefined;
  /** Items per second passed on to the next stage (or consumed). */
  readonly outputRate: number;
  /** Variability of the output, for the next stage's approximation; undefined when none can be given. */
  readonly outputScv: number | undefined;
}

export interface Prediction {
  /** "M/M/4" for one stage; for a pipeline, its stages' models joined by " → ". */
  readonly model: string;
  readonly method: TheoryMethod | undefined;
  readonly exact: boolean;
  readonly note: string;
  /** Items per second arriving at the first stage; Infinity when every item is due at time 0. */
  readonly arrivalRate: number;
  readonly arrivals: ArrivalProcess;
  readonly stages: readonly StagePrediction[];
  /** Index of the bottleneck: the first overloaded stage, else the one with the highest offered load. */
  readonly bottleneck: number;
  /** Mean of every wait (one per get, as the summary's waitSeconds): Σ λk·Wk / Σ λk. */
  readonly meanWait: number | undefined;
  /** All queues together: Σ Lk. */
  readonly meanQueueSize: number | undefined;
  /** Time in system: Σ (Wk + E[Sk]), without failures. */
  readonly meanSystem: number | undefined;
}

function attemptsPerItem(stage: StageSpec): number {
  const p = stage.failure;
  if (p <= 0) return 1;
  if (p >= 1) return stage.retries + 1;
  return (1 - p ** (stage.retries + 1)) / (1 - p);
}

function arrivalLetter(arrivals: StageArrivals): string {
  switch (arrivals.kind) {
    case 'poisson':
      return 'M';
    case 'renewal':
      return kendallLetter(arrivals.interval);
    default:
      return 'G';
  }
}

/** Variability of the arrivals, when they are a renewal process or carry an approximate one. */
function arrivalScv(arrivals: StageArrivals): number | undefined {
  switch (arrivals.kind) {
    case 'poisson':
      return 1;
    case 'renewal':
      return scv(arrivals.interval);
    case 'departures':
      return arrivals.scv;
    default:
      return undefined;
  }
}

interface Figures {
  readonly method: TheoryMethod;
  readonly note: string;
  readonly figures: QueueFigures;
  readonly dropProbability?: number;
  readonly utilization?: number;
}

/** A stable stage with an unbounded queue (ρ < 1): the exact formula that applies, else an approximation. */
function stableFigures(arrivals: StageArrivals, delay: Distribution, servers: number): Figures | string {
  const { rate } = arrivals;
  const mean = delay.mean;
  const exponential = isExponential(delay);
  if (arrivals.kind === 'poisson' && exponential) {
    const figures = mmc(rate, mean, servers);
    if (figures) return { method: 'Erlang C', note: `Poisson arrivals and exponential service at ${servers} server${servers === 1 ? '' : 's'}: Erlang C is exact.`, figures };
  }
  if (arrivals.kind === 'poisson' && servers === 1) {
    const figures = mg1(rate, mean, delay.variance);
    if (figures) return { method: 'Pollaczek–Khinchine', note: 'Poisson arrivals at one server, any service time: the Pollaczek–Khinchine formula is exact.', figures };
  }
  if (arrivals.kind === 'renewal' && exponential && servers === 1) {
    const transform = laplaceTransform(arrivals.interval);
    const figures = transform && gm1(transform, arrivals.interval.mean, mean);
    if (figures) {
      return {
        method: 'G/M/1',
        note: 'One producer (independent gaps) and exponential service at one server: the G/M/1 formula Wq = σ/(μ(1−σ)), σ = A*(μ(1−σ)), is exact.',
        figures,
      };
    }
  }
  const variability = arrivalScv(arrivals);
  if (variability === undefined) {
    return arrivals.kind === 'superposition' && arrivals.bursts
      ? `${arrivals.producers} producers with a constant interval put their items at the same instants, in bursts of ${arrivals.producers}: no formula here covers batch arrivals.`
      : arrivals.kind === 'superposition'
        ? `${arrivals.producers} producers with non-exponential intervals together are not a renewal process (their gaps are not independent): no formula here covers them.`
        : arrivals.kind === 'departures'
          ? `Its arrivals are what the stage above passes on: ${arrivals.why}, so no formula here covers this stage.`
          : 'No formula here covers these arrivals.';
  }
  const figures = allenCunneen(rate, mean, servers, variability, scv(delay));
  if (!figures) return 'No formula applies.';
  const source = arrivals.kind === 'departures' ? " with the arrival variability carried down from the stage above (Whitt's QNA)" : '';
  return servers === 1
    ? { method: 'Kingman', note: `No exact formula for this single-server queue: Kingman's approximation${source}.`, figures }
    : { method: 'Allen–Cunneen', note: `No exact formula for this multi-server queue: the Allen–Cunneen approximation${source}.`, figures };
}

function predictStage(spec: StageSpec, index: number, arrivals: StageArrivals, below: StageSpec | undefined): StagePrediction {
  const servers = spec.workers.length * spec.concurrency;
  const attempts = attemptsPerItem(spec);
  const meanService = spec.delay.mean;
  const work = meanService * attempts;
  const serviceRate = work > 0 ? servers / work : Infinity;
  const arrivalRate = arrivals.rate;
  // No work means no load, even when every item arrives at once (Infinity × 0).
  const offeredLoad = work === 0 || arrivalRate === 0 ? 0 : (arrivalRate * work) / servers;
  const overloaded = offeredLoad >= 1;
  const bounded = spec.capacity !== Infinity;
  const room = bounded ? `/${servers + spec.capacity}` : '';
  const model = `${arrivalLetter(arrivals)}/${kendallLetter(spec.delay)}/${servers}${room}`;
  const success = spec.failure > 0 ? 1 - spec.failure ** (spec.retries + 1) : 1;
  const throughput = Math.min(arrivalRate, serviceRate);

  const base = {
    name: spec.name,
    model,
    arrivalRate,
    servers,
    meanService,
    attempts,
    serviceRate,
    offeredLoad,
    overloaded,
    backlogGrowth: overloaded && !bounded && arrivalRate !== Infinity ? arrivalRate - serviceRate : undefined,
    outputRate: throughput * success,
  };
  const none = (note: string, utilization?: number): StagePrediction => ({
    ...base,
    method: undefined,
    exact: false,
    note,
    meanWait: undefined,
    meanQueueSize: undefined,
    utilization,
    dropProbability: undefined,
    outputScv: undefined,
  });
  const arrivalVariability = arrivalScv(arrivals);
  const departures = (load: number): number | undefined =>
    arrivalVariability === undefined ? undefined : departureScv(load, servers, arrivalVariability, scv(spec.delay));

  if (arrivals.kind === 'all-at-once') {
    return none('Every item is due at time 0 (an interval of 0): there is no steady state, the consumers just work through the pile.');
  }
  if (spec.failure > 0) {
    const utilization = !overloaded && !bounded ? offeredLoad : undefined;
    return none('Failed attempts come back after a backoff (a feedback loop): no formula here covers retries.', utilization);
  }
  if (below !== undefined && below.capacity !== Infinity && below.onFull === 'block') {
    return none(
      `Its workers wait to hand items on while ${below.name}'s queue (capacity ${below.capacity}) is full, which lengthens their time per item by an amount no formula here gives.`,
    );
  }
  if (bounded && spec.onFull === 'block') {
    return none(
      `A full queue (capacity ${spec.capacity}) holds the producers back (backpressure), which changes the arrivals: no closed form is used.`,
    );
  }
  if (bounded) {
    const markovian = index === 0 && arrivals.kind === 'poisson' && isExponential(spec.delay);
    const figures = markovian ? mmck(arrivalRate, meanService, servers, spec.capacity) : undefined;
    if (!figures) {
      const why =
        spec.capacity > MAX_WAITING_ROOM && markovian
          ? `a capacity above ${MAX_WAITING_ROOM} is out of the formula's range`
          : 'M/M/c/K covers a dropping queue only with Poisson arrivals and exponential service';
      return none(`A full queue drops items; ${why}, so no closed form is used.`);
    }
    const dropOldest = spec.onFull === 'drop-oldest';
    return {
      ...base,
      method: 'M/M/c/K',
      exact: true,
      note: dropOldest
        ? 'Poisson arrivals, exponential service, a finite queue: M/M/c/K gives the queue length and the drop probability exactly; with drop-oldest the items served skip the dropped ones, so no mean wait is given.'
        : 'Poisson arrivals, exponential service, a finite queue that turns new items away: M/M/c/K is exact.',
      meanWait: dropOldest ? undefined : figures.meanWait,
      meanQueueSize: figures.meanQueueSize,
      utilization: (arrivalRate * (1 - figures.blocking) * meanService) / servers,
      dropProbability: figures.blocking,
      outputRate: arrivalRate * (1 - figures.blocking),
      outputScv: undefined,
    };
  }
  if (overloaded) {
    return {
      ...none('The stage cannot keep up (ρ >= 1): its queue has no steady state and grows for as long as items keep arriving.'),
      outputScv: departures(1),
    };
  }
  if (meanService === 0) {
    return {
      ...base,
      method: undefined,
      exact: true,
      note: 'Processing takes no time, so no item ever waits.',
      meanWait: 0,
      meanQueueSize: 0,
      utilization: 0,
      dropProbability: undefined,
      outputScv: arrivalVariability,
    };
  }
  const result = stableFigures(arrivals, spec.delay, servers);
  if (typeof result === 'string') return { ...none(result, offeredLoad), outputScv: undefined };
  return {
    ...base,
    method: result.method,
    exact: !APPROXIMATE.has(result.method),
    note: result.note,
    meanWait: result.figures.meanWait,
    meanQueueSize: result.figures.meanQueueSize,
    utilization: offeredLoad,
    dropProbability: undefined,
    outputScv: departures(offeredLoad),
  };
}

/** Arrivals at the stage below `stage`. */
function nextArrivals(arrivals: StageArrivals, spec: StageSpec, stage: StagePrediction): StageArrivals {
  const markovianFlow =
    arrivals.kind === 'poisson' && isExponential(spec.delay) && spec.capacity === Infinity && spec.failure === 0;
  // Burke: the departures of an M/M/c, stable or saturated, are Poisson.
  if (markovianFlow) return { kind: 'poisson', rate: stage.outputRate };
  return { kind: 'departures', rate: stage.outputRate, scv: stage.outputScv, why: unknownDepartures(spec, stage) };
}

/** Why nothing describes what `spec` passes on (when its outputScv is undefined), as a clause. */
function unknownDepartures(spec: StageSpec, stage: StagePrediction): string {
  if (spec.failure > 0) return `${spec.name} retries failed items, so its departures are no renewal process`;
  if (spec.capacity !== Infinity && spec.onFull !== 'block') return `${spec.name} drops items when full, which thins its departures unevenly`;
  if (stage.method === undefined) return `${spec.name} has no formula, so nothing describes its departures`;
  return `nothing here describes ${spec.name}'s departures`;
}

export function predict(scenario: Scenario): Prediction {
  const arrivals = arrivalProcess(scenario.sources);
  const stages: StagePrediction[] = [];
  let feeding: StageArrivals = arrivals;
  for (const [k, spec] of scenario.stages.entries()) {
    const stage = predictStage(spec, k, feeding, scenario.stages[k + 1]);
    stages.push(stage);
    feeding = nextArrivals(feeding, spec, stage);
  }
  const bottleneck = bottleneckOf(stages);
  const [only] = stages;
  if (stages.length === 1 && only) {
    return {
      model: only.model,
      method: only.method,
      exact: only.exact,
      note: only.note,
      arrivalRate: arrivals.rate,
      arrivals,
      stages,
      bottleneck,
      meanWait: only.meanWait,
      meanQueueSize: only.meanQueueSize,
      meanSystem: only.meanWait === undefined ? undefined : only.meanWait + only.meanService,
    };
  }
  const covered = stages.every((s) => s.meanWait !== undefined && s.meanQueueSize !== undefined);
  const jackson = covered && stages.every((s) => s.method === 'Erlang C');
  const totalRate = stages.reduce((sum, s) => sum + s.arrivalRate, 0);
  const sum = (f: (s: StagePrediction) => number): number | undefined => (covered ? stages.reduce((total, s) => total + f(s), 0) : undefined);
  const uncovered = stages.find((s) => s.meanWait === undefined);
  return {
    model: stages.map((s) => s.model).join(' → '),
    method: jackson ? 'Jackson network' : undefined,
    exact: covered && stages.every((s) => s.exact),
    note: jackson
      ? 'Poisson arrivals, exponential service, no capacity limits or failures: a Jackson network, each stage an M/M/c queue fed at the rate of the stage above.'
      : covered
        ? 'Each stage is predicted on its own; at least one with an approximation, so the whole is an approximation too.'
        : `No prediction for the whole pipeline: stage ${uncovered?.name ?? ''} has none.`,
    arrivalRate: arrivals.rate,
    arrivals,
    stages,
    bottleneck,
    meanWait: covered ? (sum((s) => s.arrivalRate * (s.meanWait as number)) as number) / totalRate : undefined,
    meanQueueSize: sum((s) => s.meanQueueSize as number),
    meanSystem: sum((s) => (s.meanWait as number) + s.meanService),
  };
}

function bottleneckOf(stages: readonly StagePrediction[]): number {
  const overloaded = stages.findIndex((s) => s.overloaded);
  if (overloaded >= 0) return overloaded;
  let best = 0;
  for (const [k, stage] of stages.entries()) if (stage.offeredLoad > (stages[best]?.offeredLoad ?? 0)) best = k;
  return best;
}
