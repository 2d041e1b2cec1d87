/** Hand-made events for observer tests: workers, items and run boundaries of a `qsim run`. */
import { scenarioFromRunConfig, type RunConfig } from '../../src/model/config.js';
import type { RunFinished, RunStarted, Worker } from '../../src/model/events.js';
import type { Item } from '../../src/model/item.js';

export function producer(index: number, name = `producer-${index + 1}`): Worker {
  return { name, role: 'producer', index, group: 0 };
}

export function consumer(index: number, name: string, stage = 0): Worker {
  return { name, role: 'consumer', index, group: stage };
}

/** An item made by producer `maker` that entered its current queue at `enteredAt` (its first, unless `bornAt` says otherwise). */
export function item(id: number, enteredAt: number, maker = 0, bornAt = enteredAt): Item {
  return { id, producer: maker, bornAt, enteredAt, failures: 0, putBy: producer(maker) };
}

export function started(config: RunConfig, producers: readonly Worker[], consumers: readonly Worker[]): RunStarted {
  return { scenario: scenarioFromRunConfig(config), producers, consumers, seed: config.seed };
}

export function finished(fields: Omit<RunFinished, 'deadLettered' | 'dropped' | 'interrupted'> & Partial<RunFinished>): RunFinished {
  return { dropped: 0, deadLettered: 0, interrupted: false, ...fields };
}
