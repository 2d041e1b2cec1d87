import type { RunFinished, RunObserver, Worker } from '../../src/model/events.js';
import type { Item } from '../../src/model/item.js';

export interface Recorded {
  readonly kind: 'put' | 'got' | 'processed' | 'done';
  readonly time: number;
  readonly worker: string;
  readonly item?: number;
}

/** Records a run's events as plain rows, for assertions. */
export class Recorder implements RunObserver {
  readonly events: Recorded[] = [];
  finished: RunFinished | undefined;

  itemPut(time: number, producer: Worker, item: Item): void {
    this.events.push({ kind: 'put', time, worker: producer.name, item: item.id });
  }

  itemGot(time: number, consumer: Worker, item: Item): void {
    this.events.push({ kind: 'got', time, worker: consumer.name, item: item.id });
  }

  itemProcessed(time: number, consumer: Worker, item: Item): void {
    this.events.push({ kind: 'processed', time, worker: consumer.name, item: item.id });
  }

  workerDone(time: number, worker: Worker): void {
    this.events.push({ kind: 'done', time, worker: worker.name });
  }

  runFinished(finished: RunFinished): void {
    this.finished = finished;
  }

  of(kind: Recorded['kind']): Recorded[] {
    return this.events.filter((e) => e.kind === kind);
  }
}
