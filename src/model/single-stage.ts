/**
 * One stage: a queue plus its workers. With the defaults this is the push/pull
 * demo: producers put numbered items into a shared queue and wait `interval`
 * after each put; consumers take items and process each for a random time.
 * When the last producer is done the queue is shut down (the done signal), and
 * each consumer stops once the queue is empty.
 *
 * `interrupt()` (Ctrl-C) stops it early: producers stop at once (a sleep or a
 * wait for room is cut short, and an item not yet in the queue is dropped),
 * the queue closes immediately, each consumer finishes the item it holds and
 * then stops, and the items still queued are left, unconsumed.
 */
import { Interrupt } from '../core/errors.js';
import { AsyncQueue, CLOSED, type QueueOptions } from '../core/queue.js';
import type { Process } from '../core/process.js';
import { RandomSource } from '../core/random.js';
import type { Simulation } from '../core/simulation.js';
import { producerName, type RunConfig } from './config.js';
import { combineObservers, type RunFinished, type RunObserver, type Worker } from './events.js';
import type { Item } from './item.js';

export interface SingleStage {
  readonly queue: AsyncQueue<Item>;
  readonly producers: readonly Worker[];
  readonly consumers: readonly Worker[];
  /**
   * Stops the run early (see the module comment); the simulation then ends on
   * its own, and `finish()` reports `interrupted: true`. Later calls have no effect.
   */
  interrupt(): void;
  /** Emits runFinished; call after the simulation has run. */
  finish(): RunFinished;
}

export interface StageOptions {
  /** Makes the stage's queue; a plain AsyncQueue by default (debug mode passes a DebugQueue). */
  createQueue?: (options: QueueOptions<Item>) => AsyncQueue<Item>;
}

/** Builds the stage's processes on `sim`; they start when the simulation runs. */
export function buildSingleStage(
  sim: Simulation,
  config: RunConfig,
  observers: readonly RunObserver[],
  options: StageOptions = {},
): SingleStage {
  const events = combineObservers(observers);
  const random = new RandomSource(config.seed);
  const producers: Worker[] = Array.from({ length: config.producers }, (_, index) => ({
    name: producerName(index),
    role: 'producer' as const,
    index,
  }));
  const consumers: Worker[] = config.consumers.map((name, index) => ({ name, role: 'consumer' as const, index }));

  let entered = 0;
  const queueOptions: QueueOptions<Item> = {
    capacity: config.capacity,
    name: 'the queue',
    onEnter: (item) => {
      entered++;
      item.enteredAt = sim.now;
      events.itemPut(sim.now, producers[item.producer] as Worker, item, queue.size);
    },
  };
  const queue = options.createQueue ? options.createQueue(queueOptions) : new AsyncQueue<Item>(queueOptions);

  let claimed = 0;
  let consumed = 0;
  let producing = config.producers;
  let interrupted = false;

  const produce = async (p: Process, producer: Worker): Promise<void> => {
    try {
      while (claimed < config.items) {
        const item: Item = { id: claimed++, producer: producer.index, enteredAt: 0 };
        if (queue.isFull || queue.waitingPutters > 0) events.producerBlocked(sim.now, producer);
        await queue.put(p, item);
        await p.sleep(config.interval);
      }
    } catch (error) {
      // interrupt(): a wait for room was given up, so the item claimed last never entered the queue.
      if (!(error instanceof Interrupt)) throw error;
    }
    events.workerDone(sim.now, producer);
    if (--producing === 0) queue.shutdown();
  };

  const consume = async (p: Process, consumer: Worker): Promise<void> => {
    const delays = random.stream(`consumer:${consumer.index}`);
    for (;;) {
      const item = await queue.get(p);
      if (item === CLOSED) break;
      events.itemGot(sim.now, consumer, item, queue.size);
      await p.sleep(delays.next() * config.maxDelay);
      consumed++;
      events.itemProcessed(sim.now, consumer, item);
      queue.taskDone();
    }
    events.workerDone(sim.now, consumer);
  };

  events.runStarted({ config, producers, consumers });
  const producerProcesses = producers.map((producer) => sim.process(producer.name, (p) => produce(p, producer)));
  for (const consumer of consumers) sim.process(consumer.name, (p) => consume(p, consumer));

  return {
    queue,
    producers,
    consumers,
    interrupt() {
      if (interrupted) return;
      interrupted = true;
      for (const process of producerProcesses) process.interrupt();
      queue.shutdown({ immediate: true });
    },
    finish() {
      const finished: RunFinished = {
        time: sim.now,
        finalQueueSize: queue.size,
        produced: entered,
        consumed,
        interrupted,
      };
      events.runFinished(finished);
      return finished;
    },
  };
}
