/**
 * The statistics observer: counts, queue sizes over time, waits, time in
 * system, and per-worker busy and blocked time, per stage and for the whole
 * pipeline, in memory that does not grow with the number of items. Attach it
 * only when an output needs the summary; every event handler is arithmetic on
 * preallocated numbers (no allocation).
 *
 * Definitions (all in simulated seconds):
 * - wait: from an item entering a queue (itemPut) to a worker taking it (itemGot);
 *   one sample per get, so a retried item waits once per attempt;
 * - time in system: from entering the first queue to the end of its processing
 *   at the last stage (consumed items only);
 * - busy: from itemGot to itemProcessed or itemFailed, summed per consumer over
 *   its items (slot-seconds: a consumer with concurrency n can be busy n
 *   seconds per second); utilization = busy / (concurrency × duration);
 * - blocked: from putBlocked to that put's item entering the queue (or to the
 *   put being given up, putAbandoned, when the run is stopped);
 * - queue size: every event reports the size of its queue at its instant, so
 *   each queue's size is a step function known exactly; the mean is the area
 *   under it / the run's duration. "All queues" is the sum of the stages'.
 * When every item that enters a queue leaves it through a get (no drop-oldest),
 * the area equals the sum of the waits, and Little's law holds to rounding:
 * meanSize = (gets / duration) × mean wait, per stage and for all queues.
 *
 * Warm-up (--warmup d): restartAt(d) starts measuring afresh as of time d. A
 * wait counts when its get is at or after d, a time in system when its item
 * finishes at or after d; queue sizes, busy and blocked time count from d on
 * (an item in service at d is busy from d), and rates divide by the time after
 * d. Item counts stay whole-run counts, so produced = consumed + dropped + left
 * still holds. observers() puts a WarmupGate in front of the statistics, which
 * calls restartAt(d) at the first event at or after d: the state between events
 * is constant, so that is exactly the state at d. Without a warm-up no gate is
 * attached and nothing is checked per event.
 */
import type { RunConfig } from '../model/config.js';
import type { RunFinished, RunObserver, RunStarted, Worker } from '../model/events.js';
import type { Item } from '../model/item.js';
import type { Scenario } from '../model/scenario.js';
import { DurationStats } from './duration-stats.js';
import { summaryOptions, type MeasuredSummary, type RunSummary, type StageSummary } from './summary.js';
import { withTheory } from './theory-summary.js';
import { WarmupGate } from './warmup-gate.js';

/** Sums with Neumaier's compensation in two parallel arrays (value, lost low-order part). */
function addCompensated(sums: Float64Array, lost: Float64Array, i: number, value: number): void {
  const sum = sums[i] as number;
  const total = sum + value;
  (lost[i] as number) += Math.abs(sum) >= Math.abs(value) ? sum - total + value : value - total + sum;
  sums[i] = total;
}

export interface RunStatisticsOptions {
  /** The command line's options, reported as `options`; without it, the scenario is. */
  readonly config?: RunConfig;
  /** Simulated seconds left out of the statistics (--warmup); 0 by default. */
  readonly warmup?: number;
}

export class RunStatistics implements RunObserver {
  readonly #config: RunConfig | undefined;
  readonly #warmup: number;
  /** When measuring started: 0, or the warm-up's end once restartAt has run. */
  #measuredFrom = 0;
  /** Items consumed before measuring started. */
  #consumedBefore = 0;
  #scenario: Scenario | undefined;
  #seed = 0;
  #producers: readonly Worker[] = [];
  #consumers: readonly Worker[] = [];
  #finished: RunFinished | undefined;
  #lastStage = 0;
  #firstDropsNewest = false;

  // Per stage: queue size now, since when, area under it, max; waits; counts.
  #size = new Float64Array(0);
  #sizeSince = new Float64Array(0);
  #sizeArea = new Float64Array(0);
  #maxSize = new Float64Array(0);
  #stageDropped = new Float64Array(0);
  #stageDeadLettered = new Float64Array(0);
  #stageWaits: DurationStats[] = [];
  /** Per stage: from entering the stage's queue to the end of a successful attempt there. */
  #stageSystem: DurationStats[] = [];
  #systemIsStage = false;
  // All queues together.
  #total = 0;
  #totalSince = 0;
  #totalArea = 0;
  #maxTotal = 0;
  /** Every wait; the first stage's own DurationStats when there is one stage. */
  #wait = new DurationStats();
  #system = new DurationStats();

  // Per consumer.
  #processed = new Float64Array(0);
  #failed = new Float64Array(0);
  /** Busy time as Σ(end times) − Σ(got times), plus the run's end for each item still in service. */
  #busySum = new Float64Array(0);
  #busyLost = new Float64Array(0);
  #inService = new Float64Array(0);

  // Per producer.
  #made = new Float64Array(0);
  #droppedOf = new Float64Array(0);

  /**
   * Blocked time per worker (producers first, then consumers) as Σ(entry
   * times) − Σ(block times), plus the run's end for each put still waiting.
   * A worker's blocked puts into one queue enter it in order, so a put by it
   * into a queue where it has a blocked put pending is that put entering.
   */
  #blockedSum = new Float64Array(0);
  #blockedLost = new Float64Array(0);
  /** Pending blocked puts per (worker, target): target 0 = its own stage (retries), 1 = the next (or first). */
  #blockedPending = new Float64Array(0);

  constructor(options: RunStatisticsOptions = {}) {
    this.#config = options.config;
    this.#warmup = options.warmup ?? 0;
  }

  /** What to attach to a run: these statistics, behind a WarmupGate when there is a warm-up. */
  observers(): RunObserver[] {
    return this.#warmup > 0 ? [new WarmupGate(this.#warmup, (time) => this.restartAt(time)), this] : [this];
  }

  /**
   * Forgets everything measured before `time` (see the module comment); call
   * between events, when nothing has happened since the last one before `time`.
   */
  restartAt(time: number): void {
    this.#measuredFrom = time;
    for (let stage = 0; stage < this.#size.length; stage++) {
      this.#sizeArea[stage] = 0;
      this.#sizeSince[stage] = time;
      this.#maxSize[stage] = this.#size[stage] as number;
    }
    this.#totalArea = 0;
    this.#totalSince = time;
    this.#maxTotal = this.#total;
    this.#stageWaits = this.#stageWaits.map(() => new DurationStats());
    this.#wait = this.#stageWaits.length === 1 ? (this.#stageWaits[0] as DurationStats) : new DurationStats();
    this.#stageSystem = this.#stageSystem.map(() => new DurationStats());
    this.#system = this.#systemIsStage ? (this.#stageSystem[0] as DurationStats) : new DurationStats();
    // Busy and blocked time are Σ ends − Σ starts: restart each open interval at `time`.
    for (let c = 0; c < this.#busySum.length; c++) {
      this.#busySum[c] = -(this.#inService[c] as number) * time;
      this.#busyLost[c] = 0;
    }
    for (let w = 0; w < this.#blockedSum.length; w++) {
      this.#blockedSum[w] = -((this.#blockedPending[w * 2] as number) + (this.#blockedPending[w * 2 + 1] as number)) * time;
      this.#blockedLost[w] = 0;
    }
    this.#consumedBefore = this.#consumers.reduce(
      (sum, consumer, c) => sum + (consumer.group === this.#lastStage ? (this.#processed[c] as number) : 0),
      0,
    );
  }

  runStarted(event: RunStarted): void {
    this.#scenario = event.scenario;
    this.#seed = event.seed;
    this.#producers = event.producers;
    this.#consumers = event.consumers;
    const stages = event.scenario.stages.length;
    const consumers = event.consumers.length;
    const producers = event.producers.length;
    const workers = producers + consumers;
    this.#lastStage = stages - 1;
    this.#firstDropsNewest = event.scenario.stages[0]?.onFull === 'drop-newest';
    this.#size = new Float64Array(stages);
    this.#sizeSince = new Float64Array(stages);
    this.#sizeArea = new Float64Array(stages);
    this.#maxSize = new Float64Array(stages);
    this.#stageDropped = new Float64Array(stages);
    this.#stageDeadLettered = new Float64Array(stages);
    this.#stageWaits = Array.from({ length: stages }, () => new DurationStats());
    this.#stageSystem = Array.from({ length: stages }, () => new DurationStats());
    // One stage that never fails an attempt: an item enters its queue once, so its time in the system
    // is its time in the stage, and one DurationStats serves both (one sample per item, not two).
    this.#systemIsStage = stages === 1 && event.scenario.stages[0]?.failure === 0;
    this.#system = this.#systemIsStage ? (this.#stageSystem[0] as DurationStats) : new DurationStats();
    if (stages === 1) this.#wait = this.#stageWaits[0] as DurationStats;
    this.#processed = new Float64Array(consumers);
    this.#failed = new Float64Array(consumers);
    this.#busySum = new Float64Array(consumers);
    this.#busyLost = new Float64Array(consumers);
    this.#inService = new Float64Array(consumers);
    this.#made = new Float64Array(producers);
    this.#droppedOf = new Float64Array(producers);
    this.#blockedSum = new Float64Array(workers);
    this.#blockedLost = new Float64Array(workers);
    this.#blockedPending = new Float64Array(workers * 2);
  }

  /** The index of `worker` among all workers, producers first. */
  #workerIndex(worker: Worker): number {
    return worker.role === 'producer' ? worker.index : this.#producers.length + worker.index;
  }

  /** Where a put by `worker` into `stage` goes: 0 back into its own stage (a retry), 1 onward. */
  #target(worker: Worker, stage: number): number {
    return this.#workerIndex(worker) * 2 + (worker.role === 'consumer' && stage === worker.group ? 0 : 1);
  }

  putBlocked(time: number, worker: Worker, stage: number): void {
    addCompensated(this.#blockedSum, this.#blockedLost, this.#workerIndex(worker), -time);
    (this.#blockedPending[this.#target(worker, stage)] as number)++;
  }

  putAbandoned(time: number, worker: Worker, stage: number): void {
    this.#blockedEnds(time, worker, stage);
  }

  itemPut(time: number, worker: Worker, _item: Item, size: number, stage: number): void {
    this.#blockedEnds(time, worker, stage);
    if (stage === 0 && worker.role === 'producer') (this.#made[worker.index] as number)++;
    this.#sizeIs(stage, time, size);
  }

  /** A put by `worker` into `stage` ends at `time`: if it was blocked, so is its blocked time. */
  #blockedEnds(time: number, worker: Worker, stage: number): void {
    const target = this.#target(worker, stage);
    if ((this.#blockedPending[target] as number) > 0) {
      (this.#blockedPending[target] as number)--;
      addCompensated(this.#blockedSum, this.#blockedLost, this.#workerIndex(worker), time);
    }
  }

  /**
   * An item discarded by a drop policy: never a wait sample. Under drop-oldest
   * it had waited in the queue, and that time stays in the queue-size area.
   */
  itemDropped(time: number, worker: Worker, item: Item, size: number, stage: number): void {
    (this.#stageDropped[stage] as number)++;
    (this.#droppedOf[item.producer] as number)++;
    // Under drop-newest the item being put is the one dropped: made, but never put.
    if (stage === 0 && worker.role === 'producer' && this.#firstDropsNewest) (this.#made[worker.index] as number)++;
    this.#sizeIs(stage, time, size);
  }

  itemGot(time: number, consumer: Worker, item: Item, size: number, _slot?: number): void {
    const stage = consumer.group;
    this.#sizeIs(stage, time, size);
    const wait = time - item.enteredAt;
    const stageWaits = this.#stageWaits[stage] as DurationStats;
    stageWaits.add(wait);
    if (this.#wait !== stageWaits) this.#wait.add(wait);
    addCompensated(this.#busySum, this.#busyLost, consumer.index, -time);
    (this.#inService[consumer.index] as number)++;
  }

  itemProcessed(time: number, consumer: Worker, item: Item, _slot?: number): void {
    const c = consumer.index;
    addCompensated(this.#busySum, this.#busyLost, c, time);
    (this.#inService[c] as number)--;
    (this.#processed[c] as number)++;
    const stageSystem = this.#stageSystem[consumer.group] as DurationStats;
    stageSystem.add(time - item.enteredAt);
    if (consumer.group === this.#lastStage && this.#system !== stageSystem) this.#system.add(time - item.bornAt);
  }

  itemFailed(time: number, consumer: Worker): void {
    const c = consumer.index;
    addCompensated(this.#busySum, this.#busyLost, c, time);
    (this.#inService[c] as number)--;
    (this.#failed[c] as number)++;
  }

  itemDeadLettered(_time: number, consumer: Worker): void {
    (this.#stageDeadLettered[consumer.group] as number)++;
  }

  runFinished(finished: RunFinished): void {
    for (let stage = 0; stage < this.#size.length; stage++) this.#sizeIs(stage, finished.time, this.#size[stage] as number);
    this.#finished = finished;
  }

  /** Stage `stage`'s queue holds `size` items from `time` on. */
  #sizeIs(stage: number, time: number, size: number): void {
    const before = this.#size[stage] as number;
    (this.#sizeArea[stage] as number) += before * (time - (this.#sizeSince[stage] as number));
    this.#sizeSince[stage] = time;
    this.#size[stage] = size;
    if (size > (this.#maxSize[stage] as number)) this.#maxSize[stage] = size;
    this.#totalArea += this.#total * (time - this.#totalSince);
    this.#totalSince = time;
    this.#total += size - before;
    if (this.#total > this.#maxTotal) this.#maxTotal = this.#total;
  }

  /** The summary with its theory and bottleneck; call after runFinished. */
  summary(): RunSummary {
    return withTheory(this.measured(), this.#scenario as Scenario);
  }

  /** The simulated figures alone; call after runFinished. */
  measured(): MeasuredSummary {
    const scenario = this.#scenario;
    const finished = this.#finished;
    if (scenario === undefined || finished === undefined) throw new Error('RunStatistics.summary() called before the run finished');
    // Open intervals (in service, blocked) end at `end`; rates and utilizations cover the measured time.
    const end = finished.time;
    const duration = Math.max(0, finished.time - this.#measuredFrom);
    const perSecond = (value: number): number | null => (duration > 0 ? value / duration : null);
    const producerCount = this.#producers.length;

    const consumers = this.#consumers.map((consumer, c) => {
      const spec = scenario.stages[consumer.group];
      const slots = spec?.concurrency ?? 1;
      // An item still in service at the end (a run stopped early) is busy until the end.
      const busySeconds = (this.#busySum[c] as number) + (this.#busyLost[c] as number) + (this.#inService[c] as number) * end;
      return {
        name: consumer.name,
        stage: spec?.name ?? '',
        processed: this.#processed[c] as number,
        failed: this.#failed[c] as number,
        busySeconds,
        utilization: duration > 0 ? busySeconds / (slots * duration) : null,
        blockedSeconds: this.#blockedSeconds(producerCount + c, end),
      };
    });

    const stages: StageSummary[] = scenario.stages.map((spec, k) => {
      const own = consumers.filter((_, c) => this.#consumers[c]?.group === k);
      const busy = own.reduce((sum, c) => sum + c.busySeconds, 0);
      const failedAttempts = own.reduce((sum, c) => sum + c.failed, 0);
      const deadLettered = this.#stageDeadLettered[k] as number;
      return {
        name: spec.name,
        processed: own.reduce((sum, c) => sum + c.processed, 0),
        failedAttempts,
        // Every failed attempt is retried except an item's last, which dead-letters it.
        retries: failedAttempts - deadLettered,
        deadLettered,
        dropped: this.#stageDropped[k] as number,
        finalQueueSize: this.#size[k] as number,
        queue: { maxSize: this.#maxSize[k] as number, meanSize: perSecond(this.#sizeArea[k] as number) },
        waitSeconds: (this.#stageWaits[k] as DurationStats).summary(),
        systemSeconds: (this.#stageSystem[k] as DurationStats).summary(),
        utilization: duration > 0 ? busy / (spec.workers.length * spec.concurrency * duration) : null,
      };
    });

    const producerSources = scenario.sources.flatMap((source) => Array<string>(source.producers).fill(source.name));
    return {
      seed: this.#seed,
      simulatedSeconds: finished.time,
      interrupted: finished.interrupted,
      warmupSeconds: this.#warmup,
      items: {
        produced: finished.produced,
        consumed: finished.consumed,
        completed: finished.consumed,
        left: finished.produced - finished.consumed - finished.dropped - finished.deadLettered,
        dropped: finished.dropped,
        deadLettered: finished.deadLettered,
      },
      finalQueueSize: finished.finalQueueSize,
      throughputPerSecond: perSecond(finished.consumed - this.#consumedBefore),
      queue: { maxSize: this.#maxTotal, meanSize: perSecond(this.#totalArea) },
      waitSeconds: this.#wait.summary(),
      systemSeconds: this.#system.summary(),
      consumers,
      producers: this.#producers.map((producer, p) => ({
        name: producer.name,
        source: producerSources[p] ?? '',
        produced: this.#made[p] as number,
        dropped: this.#droppedOf[p] as number,
        blockedSeconds: this.#blockedSeconds(p, end),
      })),
      stages,
      options: this.#config ? summaryOptions({ config: { ...this.#config, seed: this.#seed } }) : summaryOptions({ scenario, seed: this.#seed }),
    };
  }

  #blockedSeconds(worker: number, end: number): number {
    // A put still waiting at the end (a run stopped early) is blocked until the end.
    const pending = (this.#blockedPending[worker * 2] as number) + (this.#blockedPending[worker * 2 + 1] as number);
    return (this.#blockedSum[worker] as number) + (this.#blockedLost[worker] as number) + pending * end;
  }
}
