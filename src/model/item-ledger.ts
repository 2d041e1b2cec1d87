import type { DebugMonitor } from '../core/debug-monitor.js';
import type { RunFinished, RunObserver, Worker } from './events.js';
import type { Item } from './item.js';

interface Entry {
  got?: { consumer: string; time: number };
}

/**
 * The debug mode's account of items, from the model's events: each item enters
 * the queue once, is got by one consumer once, and is processed by that
 * consumer. At the end it names the items that were got but never processed,
 * and those that left the queue without a consumer getting them. (Items still
 * waiting in the queue are the queue's own finding, see QueueAudit.)
 * Memory: one entry per item in flight.
 */
export class ItemLedger implements RunObserver {
  readonly #monitor: DebugMonitor;
  /** Items in flight by id, in the order they entered the queue. */
  readonly #entries = new Map<number, Entry>();

  constructor(monitor: DebugMonitor) {
    this.#monitor = monitor;
  }

  itemPut(_time: number, _producer: Worker, item: Item): void {
    if (this.#entries.has(item.id)) {
      this.#monitor.report('item-put-twice', `item ${item.id} entered the queue again before it was processed`);
      return;
    }
    this.#entries.set(item.id, {});
  }

  itemGot(time: number, consumer: Worker, item: Item): void {
    const entry = this.#entries.get(item.id);
    if (entry === undefined || entry.got !== undefined) {
      const before = entry?.got ? ` (${entry.got.consumer} got it at t=${entry.got.time}s)` : ' (it was never put, or was already processed)';
      this.#monitor.report('item-got-twice', `${consumer.name} got item ${item.id}, which was not waiting in the queue${before}`);
      return;
    }
    entry.got = { consumer: consumer.name, time };
  }

  itemProcessed(_time: number, consumer: Worker, item: Item): void {
    const got = this.#entries.get(item.id)?.got;
    if (got === undefined || got.consumer !== consumer.name) {
      this.#monitor.report('item-never-processed', `${consumer.name} processed item ${item.id} without having got it`);
    }
    this.#entries.delete(item.id);
  }

  /** A failed attempt: the item leaves the worker, and re-enters the queue after its backoff or is dead-lettered. */
  itemFailed(_time: number, consumer: Worker, item: Item): void {
    const got = this.#entries.get(item.id)?.got;
    if (got === undefined || got.consumer !== consumer.name) {
      this.#monitor.report('item-never-processed', `${consumer.name} failed an attempt at item ${item.id} without having got it`);
    }
    this.#entries.delete(item.id);
  }

  /** Dropped by a full queue's policy: under drop-oldest it leaves the queue without a get. */
  itemDropped(_time: number, _worker: Worker, item: Item): void {
    this.#entries.delete(item.id);
  }

  runFinished(finished: RunFinished): void {
    const waiting: number[] = [];
    for (const [id, entry] of this.#entries) {
      if (entry.got) {
        this.#monitor.report('item-never-processed', `item ${id}, got by ${entry.got.consumer} at t=${entry.got.time}s, was never processed`);
      } else waiting.push(id);
    }
    // The queue is FIFO, so the items still in it are the last ones that entered; any earlier one left without a consumer.
    for (const id of waiting.slice(0, Math.max(0, waiting.length - finished.finalQueueSize))) {
      this.#monitor.report('item-never-processed', `item ${id} left the queue but no consumer got it, so it was never processed`);
    }
  }
}
