/**
 * One stage: a queue plus its workers. With the defaults this is the push/pull
 * demo: producers put numbered items into a shared queue and wait an interval
 * after each put; consumers take items and process each for a random time.
 * When the last producer is done the queue is shut down (the done signal), and
 * each consumer stops once the queue is empty.
 *
 * Randomness: producer i draws its intervals from stream "producer:i" and
 * consumer i its processing times from "consumer:i" (shared by its slots), so
 * adding a consumer never changes when items arrive.
 *
 * Concurrency: a consumer with n slots is n processes sharing its Worker (name,
 * colour, stream); each slot gets an item only when it is free, through the
 * queue like any getter, so the engine sees every wait.
 */
import { AsyncQueue, CLOSED } from '../core/queue.js';
import type { Process } from '../core/process.js';
import { RandomSource, type RandomStream } from '../core/random.js';
import type { Simulation } from '../core/simulation.js';
import { producerName, type RunConfig } from './config.js';
import { combineObservers, type RunFinished, type RunObserver, type Worker } from './events.js';
import type { Item } from './item.js';

/**
 * An arrival within this many seconds of config.duration counts as at it and
 * is not made: summed intervals round (ten sleeps of 0.1 s end at
 * 0.9999999999999999 s), and a duration of 1 s should mean the items due
 * before 1 s.
 */
export const DEADLINE_TOLERANCE = 1e-9;

export interface SingleStage {
  readonly queue: AsyncQueue<Item>;
  readonly producers: readonly Worker[];
  readonly consumers: readonly Worker[];
  /** Emits runFinished; call after the simulation has run. */
  finish(): RunFinished;
}

interface ConsumerState {
  readonly worker: Worker;
  readonly delays: RandomStream;
  /** Slots that have not yet received the done signal. */
  open: number;
}

/** Builds the stage's processes on `sim`; they start when the simulation runs. */
export function buildSingleStage(sim: Simulation, config: RunConfig, observers: readonly RunObserver[]): SingleStage {
  const events = combineObservers(observers);
  const random = new RandomSource(config.seed);
  const producers: Worker[] = Array.from({ length: config.producers }, (_, index) => ({
    name: producerName(index),
    role: 'producer' as const,
    index,
  }));
  const consumers: Worker[] = config.consumers.map((name, index) => ({ name, role: 'consumer' as const, index }));

  let claimed = 0;
  let consumed = 0;
  let dropped = 0;
  let producing = config.producers;
  // The producer inside queue.put: a drop happens synchronously within its put.
  let putter = producers[0] as Worker;

  const queue = new AsyncQueue<Item>({
    capacity: config.capacity,
    onFull: config.onFull,
    name: 'the queue',
    onEnter: (item) => {
      item.enteredAt = sim.now;
      events.itemPut(sim.now, producers[item.producer] as Worker, item, queue.size);
    },
    onDrop: (item) => {
      dropped++;
      events.itemDropped(sim.now, putter, item, queue.size);
    },
  });

  const blocking = config.onFull === 'block';
  const cutoff = config.duration - DEADLINE_TOLERANCE;

  const produce = async (p: Process, producer: Worker): Promise<void> => {
    const intervals = random.stream(`producer:${producer.index}`);
    while (claimed < config.items && sim.now < cutoff) {
      const item: Item = { id: claimed++, producer: producer.index, enteredAt: 0 };
      if (blocking && (queue.isFull || queue.waitingPutters > 0)) events.producerBlocked(sim.now, producer);
      putter = producer;
      await queue.put(p, item);
      const pause = config.interval.sample(intervals);
      const left = config.duration - sim.now;
      if (pause >= left - DEADLINE_TOLERANCE) {
        // The next item would be due at or after the deadline: wait for it and stop.
        if (left > 0) await p.sleep(left);
        break;
      }
      await p.sleep(pause);
    }
    events.workerDone(sim.now, producer);
    if (--producing === 0) queue.shutdown();
  };

  const consume = async (p: Process, consumer: ConsumerState, slot: number): Promise<void> => {
    const { worker, delays } = consumer;
    for (;;) {
      const item = await queue.get(p);
      if (item === CLOSED) break;
      events.itemGot(sim.now, worker, item, queue.size, slot);
      await p.sleep(config.delay.sample(delays));
      consumed++;
      events.itemProcessed(sim.now, worker, item, slot);
      queue.taskDone();
    }
    if (--consumer.open === 0) events.workerDone(sim.now, worker);
  };

  const consumerStates: ConsumerState[] = consumers.map((worker) => ({
    worker,
    delays: random.stream(`consumer:${worker.index}`),
    open: config.concurrency,
  }));

  events.runStarted({ config, producers, consumers });
  for (const producer of producers) sim.process(producer.name, (p) => produce(p, producer));
  // Slot-major: every consumer's first slot queues for an item before any second slot.
  for (let slot = 0; slot < config.concurrency; slot++) {
    for (const consumer of consumerStates) {
      const name = config.concurrency === 1 ? consumer.worker.name : `${consumer.worker.name}#${slot + 1}`;
      sim.process(name, (p) => consume(p, consumer, slot));
    }
  }

  return {
    queue,
    producers,
    consumers,
    finish() {
      const finished: RunFinished = { time: sim.now, finalQueueSize: queue.size, produced: claimed, consumed, dropped };
      events.runFinished(finished);
      return finished;
    },
  };
}
