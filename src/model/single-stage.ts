/**
 * One stage: a queue plus its workers. With the defaults this is the push/pull
 * demo: producers put numbered items into a shared queue and wait `interval`
 * after each put; consumers take items and process each for a random time.
 * When the last producer is done the queue is shut down (the done signal), and
 * each consumer stops once the queue is empty.
 */
import { AsyncQueue, CLOSED } from '../core/queue.js';
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
  /** Emits runFinished; call after the simulation has run. */
  finish(): RunFinished;
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

  const queue = new AsyncQueue<Item>({
    capacity: config.capacity,
    name: 'the queue',
    onEnter: (item) => {
      item.enteredAt = sim.now;
      events.itemPut(sim.now, producers[item.producer] as Worker, item, queue.size);
    },
  });

  let claimed = 0;
  let consumed = 0;
  let producing = config.producers;

  const produce = async (p: Process, producer: Worker): Promise<void> => {
    while (claimed < config.items) {
      const item: Item = { id: claimed++, producer: producer.index, enteredAt: 0 };
      if (queue.isFull || queue.waitingPutters > 0) events.producerBlocked(sim.now, producer);
      await queue.put(p, item);
      await p.sleep(config.interval);
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
      const delay = delays.next() * config.maxDelay;
      events.processingStarted(sim.now, consumer, item, sim.now + delay);
      await p.sleep(delay);
      consumed++;
      events.itemProcessed(sim.now, consumer, item);
      queue.taskDone();
    }
    events.workerDone(sim.now, consumer);
  };

  events.runStarted({ config, producers, consumers });
  for (const producer of producers) sim.process(producer.name, (p) => produce(p, producer));
  for (const consumer of consumers) sim.process(consumer.name, (p) => consume(p, consumer));

  return {
    queue,
    producers,
    consumers,
    finish() {
      const finished: RunFinished = { time: sim.now, finalQueueSize: queue.size, produced: claimed, consumed };
      events.runFinished(finished);
      return finished;
    },
  };
}
