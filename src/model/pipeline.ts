/**
 * A pipeline on the engine: sources whose producers put numbered items into the
 * first stage's queue, and stages — a queue plus its workers — that pass each
 * item on to the next. One source and one stage is the push/pull demo.
 *
 * Shutdown propagates stage by stage. A stage's queue closes (the done signal)
 * once nothing more can enter it: everything upstream has finished, no retry is
 * waiting out its backoff, and — when attempts can fail — no item of the stage
 * is still queued or in a worker's hands (a failure would send it back). Each
 * worker stops when the closed queue is empty; when a stage's last worker stops,
 * the next stage's upstream has finished. Nothing is lost:
 *   produced = consumed + dropped + deadLettered + left in the queues.
 *
 * `interrupt()` (Ctrl-C) stops a run early: producers stop at once (a sleep or
 * a wait for room is cut short, and an item not yet in a queue is not made),
 * every queue closes at once, retries waiting out a backoff are called off, and
 * each worker finishes the attempt it holds and stops. What a worker finishes
 * then stays with the pipeline's leftovers instead of moving on, so the final
 * count still adds up: produced = consumed + dropped + deadLettered + left.
 *
 * Randomness, one stream each so that changing one part leaves the others'
 * numbers alone: producer g draws intervals from "producer:g"; worker i of the
 * first stage draws processing times from "consumer:i" (shared by its slots),
 * of stage k > 0 from "stage:k:worker:i"; failures and backoffs have streams of
 * their own ("failure:k:i", "backoff:k:i"), drawn only when the stage can fail.
 */
import { Interrupt, QueueShutDownError } from '../core/errors.js';
import type { Process, ProcessGenerator, Step } from '../core/process.js';
import { AsyncQueue, CLOSED, YIELD, type Closed, type QueueOptions } from '../core/queue.js';
import { RandomSource, type RandomStream } from '../core/random.js';
import type { Simulation } from '../core/simulation.js';
import { combineObservers, type RunFinished, type RunObserver, type Worker } from './events.js';
import { ItemStore, type ItemRef } from './item-store.js';
import { producerNames } from './names.js';
import type { Scenario, SourceSpec, StageSpec } from './scenario.js';

/**
 * An arrival within this many seconds of a source's duration counts as at it
 * and is not made: summed intervals round (ten sleeps of 0.1 s end at
 * 0.9999999999999999 s), and a duration of 1 s should mean the items due before 1 s.
 * Long runs widen it (deadlineTolerance).
 */
export const DEADLINE_TOLERANCE = 1e-9;

/**
 * How far below `duration` an arrival still counts as at it, once `sums`
 * durations have been added up to reach it: each addition rounds by at most
 * half an ulp of the time, and an ulp of a time up to `duration` is at most
 * duration × 2^-52; so n sums stay within n × duration × 2^-52 (36,000 sleeps of
 * 0.1 s end 2.2 ns before 3600 s). Never less than DEADLINE_TOLERANCE (a
 * billionth of the duration when it is under a second).
 */
export function deadlineTolerance(duration: number, sums: number): number {
  if (duration === Infinity) return DEADLINE_TOLERANCE; // no deadline (and Infinity - Infinity would be NaN)
  // A nanosecond, or a billionth of a duration under a second, so that a margin never swallows whole intervals.
  const least = duration < 1 ? duration * DEADLINE_TOLERANCE : DEADLINE_TOLERANCE;
  const drift = sums * duration * 2 ** -52;
  return drift > least ? drift : least;
}

export interface Pipeline {
  /** The stages' queues, which hold items as ItemRefs (indexes into the pipeline's ItemStore). */
  readonly queues: readonly AsyncQueue<ItemRef>[];
  readonly producers: readonly Worker[];
  readonly consumers: readonly Worker[];
  /**
   * Stops the run early (see the module comment); the simulation then ends on
   * its own, and `finish()` reports `interrupted: true`. Later calls have no effect.
   */
  interrupt(): void;
  /** The id of the item at `ref` (what a queue holds). */
  itemId(ref: ItemRef): number;
  /** Emits runFinished; call after the simulation has run. */
  finish(): RunFinished;
}

export interface PipelineOptions {
  /**
   * Makes each stage's queue; a plain AsyncQueue by default (debug mode passes a
   * DebugQueue). `describe` names a queued item in findings ("item 17").
   */
  createQueue?: (options: QueueOptions<ItemRef>, describe: (item: ItemRef) => string) => AsyncQueue<ItemRef>;
  /**
   * Reuse the store indexes of items that have left the pipeline (default
   * true). Debug mode turns it off, so that a model that mishandles an item
   * cannot make two items share one index and blur what it reports.
   */
  reuseItems?: boolean;
}

interface StageState {
  readonly index: number;
  readonly spec: StageSpec;
  readonly queue: AsyncQueue<ItemRef>;
  readonly next: StageState | undefined;
  /** Everything that feeds this stage has finished. */
  upstreamDone: boolean;
  /** Items waiting out a backoff before they re-enter this stage's queue. */
  pendingRetries: number;
  /** Workers with a slot still open. */
  openWorkers: number;
  /** The worker inside a put: a drop happens synchronously within it. */
  putter: Worker | undefined;
}

interface ConsumerState {
  readonly worker: Worker;
  readonly stage: StageState;
  readonly delays: RandomStream;
  readonly failures: RandomStream | undefined;
  readonly backoffs: RandomStream | undefined;
  /** Slots that have not yet received the done signal. */
  open: number;
}

/** Builds the pipeline's processes on `sim`; they start when the simulation runs. */
export function buildPipeline(
  sim: Simulation,
  scenario: Scenario,
  seed: number,
  observers: readonly RunObserver[],
  options: PipelineOptions = {},
): Pipeline {
  const events = combineObservers(observers);
  const random = new RandomSource(seed);
  const { sources } = scenario;
  const several = scenario.stages.length > 1;

  const producerGroups = sources.flatMap((source, s) => Array<number>(source.producers).fill(s));
  const producers: Worker[] = producerNames(sources).map((name, index) => ({
    name,
    role: 'producer' as const,
    index,
    group: producerGroups[index] as number,
  }));

  let made = 0;
  let consumed = 0;
  let deadLettered = 0;
  let interrupted = false;
  /** Items a worker finished, or a retry held, when the run was interrupted: left, outside every queue. */
  let stranded = 0;
  /**
   * Items in a worker's hands (made and not yet put, or got and not yet passed on, consumed or let go):
   * none once the run has ended on its own or after an interrupt, but left over when it is stopped at once.
   */
  let held = 0;
  /** The items, as columns; observers see them through `items.view(ref)` (see ItemStore). */
  const items = new ItemStore(options.reuseItems ?? true);
  const createQueue = options.createQueue ?? ((queueOptions: QueueOptions<ItemRef>) => new AsyncQueue<ItemRef>(queueOptions));

  const stages: StageState[] = [];
  for (let k = scenario.stages.length - 1; k >= 0; k--) {
    const spec = scenario.stages[k] as StageSpec;
    const stage: StageState = {
      index: k,
      spec,
      next: stages[0],
      upstreamDone: false,
      pendingRetries: 0,
      openWorkers: spec.workers.length,
      putter: undefined,
      queue: createQueue(
        {
        capacity: spec.capacity,
        onFull: spec.onFull,
        name: several ? `the ${spec.name} queue` : 'the queue',
        onEnter: (item) => {
          items.setEnteredAt(item, sim.now);
          if (k === 0) items.setBornAt(item, sim.now);
          events.itemPut(sim.now, items.putBy(item), items.view(item), stage.queue.size, k);
        },
        onDrop: (item) => {
          events.itemDropped(sim.now, stage.putter ?? items.putBy(item), items.view(item), stage.queue.size, k);
          items.release(item);
        },
        },
        (item) => `item ${items.id(item)}`,
      ),
    };
    stages.unshift(stage);
  }
  const first = stages[0] as StageState;

  /** Closes the stage's queue once nothing more can enter it (see the module comment). */
  const maybeClose = (stage: StageState): void => {
    if (
      stage.upstreamDone &&
      stage.pendingRetries === 0 &&
      (stage.spec.failure === 0 || stage.queue.unfinishedTasks === 0) &&
      !stage.queue.isShutDown
    ) {
      stage.queue.shutdown();
    }
  };

  /** Whether a put into `stage`'s queue now would wait for room (backpressure). */
  const putWaits = (stage: StageState): boolean => {
    const { queue } = stage;
    return queue.onFull === 'block' && !queue.isShutDown && (queue.isFull || queue.waitingPutters > 0);
  };

  /**
   * Puts `item` into `stage`'s queue on behalf of `worker`, reporting
   * backpressure when the put `waits` (putWaits, asked just before); returns
   * the step to yield, or undefined when the worker goes on at once
   * (AsyncQueue.putOrStep). A waiting put given up when the run is stopped is
   * reported by the caller (putAbandoned), which knows where the wait ended.
   */
  const put = (p: Process, stage: StageState, worker: Worker, item: ItemRef, waits: boolean): Step | undefined => {
    if (waits) events.putBlocked(sim.now, worker, stage.index);
    items.setPutBy(item, worker);
    stage.putter = worker;
    return stage.queue.putOrStep(p, item);
  };


  let producing = producers.length;
  function* produce(p: Process, producer: Worker, source: SourceSpec, claim: { made: number }): ProcessGenerator {
    const intervals = random.stream(`producer:${producer.index}`);
    const { duration } = source;
    /** The item being put, not yet in the queue. */
    let making: ItemRef | undefined;
    /**
     * How near the deadline counts as at it: the producer's time is the sum of its sleeps (one more
     * rounding each), so the margin grows with them; this producer's own, so that no other source's
     * items can widen it. After a put that waited, its time is a consumer's, reached through at most
     * one sum per item made so far.
     */
    let tolerance = deadlineTolerance(duration, 0);
    let sleeps = 0;
    try {
      while (claim.made < source.items && sim.now < duration - tolerance) {
        claim.made++;
        const item = items.create(made++, producer.index, producer);
        held++;
        making = item;
        const waits = putWaits(first);
        const putting = put(p, first, producer, item, waits);
        if (putting) yield putting;
        held--;
        if (waits && sleeps < made) sleeps = made;
        making = undefined;
        const pause = source.interval.sample(intervals);
        const left = duration - sim.now;
        tolerance = deadlineTolerance(duration, ++sleeps);
        if (pause >= left - tolerance) {
          // The next item would be due at or after the deadline: wait for it and stop.
          if (left > 0) yield p.sleepStep(left);
          break;
        }
        yield p.sleepStep(pause);
      }
    } catch (error) {
      if (!(error instanceof Interrupt)) throw error;
      // A wait for room was given up (an interrupt reaches a producer only where it waits): the item
      // never entered, so it was never made.
      if (making !== undefined) {
        events.putAbandoned(sim.now, producer, first.index);
        held--;
        made--;
        claim.made--;
        items.release(making);
      }
    }
    events.workerDone(sim.now, producer);
    if (--producing === 0) {
      first.upstreamDone = true;
      maybeClose(first);
    }
  }

  /** Retry processes still to end, each with the stage its item goes back to. */
  const retries = new Map<Process, StageState>();
  const retry = (consumer: ConsumerState, item: ItemRef): void => {
    const { stage, worker } = consumer;
    stage.pendingRetries++;
    const process = sim.process(`${worker.name} (retry of item ${items.id(item)})`, function* (p): ProcessGenerator {
      /** The put waits for room; an interrupt arriving then gives it up. */
      let waiting = false;
      try {
        yield p.sleepStep(stage.spec.backoff.sample(consumer.backoffs as RandomStream));
        waiting = putWaits(stage);
        const putting = put(p, stage, worker, item, waiting);
        if (putting) yield putting;
      } catch (error) {
        if (!(error instanceof Interrupt || (interrupted && error instanceof QueueShutDownError))) throw error;
        if (waiting) events.putAbandoned(sim.now, worker, stage.index);
        stranded++;
      }
      retries.delete(process);
      stage.pendingRetries--;
      maybeClose(stage);
    });
    retries.set(process, stage);
  };

  /**
   * Passes a finished item on; once the run is interrupted the next queue is
   * closed, and the item stays behind. Then the worker lets the processes
   * runnable at this instant go first (passStep): the order of same-instant
   * events qsim has printed since its first version, when this was an async
   * function awaited by the worker, and which every golden output locks.
   */
  function* forward(p: Process, next: StageState, worker: Worker, item: ItemRef): ProcessGenerator {
    if (interrupted) {
      stranded++;
    } else {
      const waiting = putWaits(next);
      try {
        const putting = put(p, next, worker, item, waiting);
        if (putting) yield putting;
      } catch (error) {
        if (!(interrupted && error instanceof QueueShutDownError)) throw error;
        if (waiting) events.putAbandoned(sim.now, worker, next.index);
        stranded++;
      }
    }
    held--; // in the next queue now, or stranded
    yield p.passStep();
  }

  function* consume(p: Process, consumer: ConsumerState, slot: number): ProcessGenerator {
    const { worker, stage, delays } = consumer;
    const { queue, spec, next } = stage;
    const attempts = spec.retries + 1;
    for (;;) {
      const got = queue.getInPlace(p);
      const item = got === YIELD ? ((yield queue.getStep(p)) as ItemRef | Closed) : got;
      if (item === CLOSED) break;
      held++;
      events.itemGot(sim.now, worker, items.view(item), queue.size, slot);
      const delay = spec.delay.sample(delays);
      events.processingStarted(sim.now, worker, items.view(item), sim.now + delay, slot);
      yield p.sleepStep(delay);
      if (spec.failure > 0 && (consumer.failures as RandomStream).next() < spec.failure) {
        const attempt = items.failures(item) + 1;
        items.setFailures(item, attempt);
        events.itemFailed(sim.now, worker, items.view(item), slot, attempt, attempts);
        if (interrupted) {
          stranded++;
        } else if (attempt < attempts) {
          retry(consumer, item);
        } else {
          deadLettered++;
          events.itemDeadLettered(sim.now, worker, items.view(item));
          items.release(item);
        }
        held--;
        queue.taskDone();
        maybeClose(stage);
        continue;
      }
      if (next === undefined) consumed++;
      events.itemProcessed(sim.now, worker, items.view(item), slot);
      if (next !== undefined) {
        items.setFailures(item, 0);
        yield* forward(p, next, worker, item);
      } else {
        held--;
        items.release(item);
      }
      queue.taskDone();
      if (spec.failure > 0) maybeClose(stage);
    }
    if (--consumer.open === 0) {
      events.workerDone(sim.now, worker);
      if (--stage.openWorkers === 0 && next !== undefined) {
        next.upstreamDone = true;
        maybeClose(next);
      }
    }
  }

  const consumers: Worker[] = [];
  const consumerStates: ConsumerState[][] = stages.map((stage) =>
    stage.spec.workers.map((name, i) => {
      const k = stage.index;
      const worker: Worker = { name: several ? `${stage.spec.name}/${name}` : name, role: 'consumer', index: consumers.length, group: k };
      consumers.push(worker);
      const canFail = stage.spec.failure > 0;
      return {
        worker,
        stage,
        delays: random.stream(k === 0 ? `consumer:${i}` : `stage:${k}:worker:${i}`),
        failures: canFail ? random.stream(`failure:${k}:${i}`) : undefined,
        backoffs: canFail ? random.stream(`backoff:${k}:${i}`) : undefined,
        open: stage.spec.concurrency,
      };
    }),
  );

  events.runStarted({ scenario, producers, consumers, seed });
  const producerProcesses: Process[] = [];
  let g = 0;
  for (const source of sources) {
    const claim = { made: 0 };
    for (let j = 0; j < source.producers; j++, g++) {
      const producer = producers[g] as Worker;
      producerProcesses.push(sim.process(producer.name, (p) => produce(p, producer, source, claim)));
    }
  }
  for (const stage of stages) {
    const states = consumerStates[stage.index] as ConsumerState[];
    // Slot-major: every worker's first slot queues for an item before any second slot.
    for (let slot = 0; slot < stage.spec.concurrency; slot++) {
      for (const consumer of states) {
        const name = stage.spec.concurrency === 1 ? consumer.worker.name : `${consumer.worker.name}#${slot + 1}`;
        sim.process(name, (p) => consume(p, consumer, slot));
      }
    }
  }

  return {
    queues: stages.map((s) => s.queue),
    producers,
    consumers,
    itemId: (ref) => items.id(ref),
    interrupt() {
      if (interrupted) return;
      interrupted = true;
      for (const process of producerProcesses) process.interrupt();
      for (const [process, stage] of retries) {
        // A retry that has not started never runs its body: its item stays behind here.
        if (process.state === 'scheduled') {
          stranded++;
          stage.pendingRetries--;
        }
        process.interrupt();
      }
      for (const stage of stages) stage.queue.shutdown({ immediate: true });
    },
    finish() {
      const finished: RunFinished = {
        time: sim.now,
        // In the queues, or outside them: stranded by an interrupt, or, after a stop at once, in a worker's
        // hands or waiting out a retry's backoff.
        finalQueueSize: stages.reduce((sum, s) => sum + s.queue.size + s.pendingRetries, 0) + stranded + held,
        produced: made,
        consumed,
        dropped: stages.reduce((sum, s) => sum + s.queue.dropped, 0),
        deadLettered,
        interrupted,
      };
      events.runFinished(finished);
      return finished;
    },
  };
}
