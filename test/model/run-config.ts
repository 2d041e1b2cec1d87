import type { Simulation } from '../../src/core/simulation.js';
import { scenarioFromRunConfig, type RunConfig } from '../../src/model/config.js';
import { buildPipeline, type Pipeline, type PipelineOptions } from '../../src/model/pipeline.js';
import { parseDistribution, type Distribution } from '../../src/model/distribution.js';
import type { RunObserver, Worker } from '../../src/model/events.js';
import type { Item } from '../../src/model/item.js';

export function dist(text: string): Distribution {
  const parsed = parseDistribution(text);
  if (!parsed.ok) throw new Error(`bad distribution in a test: ${text}`);
  return parsed.distribution;
}

/** The demo's configuration with `overrides`; the interval and delay may be given as text. */
export function runConfig(
  overrides: Partial<Omit<RunConfig, 'interval' | 'delay'>> & { interval?: string; delay?: string } = {},
): RunConfig {
  const { interval = '0.5s', delay = 'uniform(0,3s)', ...rest } = overrides;
  return {
    producers: 1,
    consumers: ['Fred', 'George'],
    items: 20,
    concurrency: 1,
    capacity: Infinity,
    onFull: 'block',
    duration: Infinity,
    seed: 7,
    ...rest,
    interval: dist(interval),
    delay: dist(delay),
  };
}

/** An observer that writes every item event as "time name event id (slot/size)". */
export class EventLog implements RunObserver {
  readonly lines: string[] = [];

  itemPut(time: number, producer: Worker, item: Item, size: number): void {
    this.lines.push(`${time} ${producer.name} put ${item.id} (size ${size})`);
  }

  itemDropped(time: number, producer: Worker, item: Item, size: number): void {
    this.lines.push(`${time} ${producer.name} dropped ${item.id} (size ${size})`);
  }

  itemGot(time: number, consumer: Worker, item: Item, _size: number, slot: number): void {
    this.lines.push(`${time} ${consumer.name} got ${item.id} (slot ${slot})`);
  }

  itemProcessed(time: number, consumer: Worker, item: Item, slot: number): void {
    this.lines.push(`${time} ${consumer.name} processed ${item.id} (slot ${slot})`);
  }

  workerDone(time: number, worker: Worker): void {
    this.lines.push(`${time} ${worker.name} done`);
  }

  matching(word: string): string[] {
    return this.lines.filter((line) => line.split(' ')[2] === word);
  }
}

/** A RunConfig from the demo's plain numbers: interval in seconds, processing uniform in [0, maxDelay). */
export function demoConfig(
  shape: Partial<Omit<RunConfig, 'interval' | 'delay'>> & { interval?: number; maxDelay?: number } = {},
): RunConfig {
  const { interval = 0.5, maxDelay = 3, ...rest } = shape;
  return runConfig({ ...rest, interval: `${interval}s`, delay: `uniform(0,${maxDelay}s)` });
}

/** The single stage a RunConfig describes, built on `sim` (the pipeline of one source and one stage). */
export function buildStage(sim: Simulation, config: RunConfig, observers: readonly RunObserver[], options: PipelineOptions = {}): Pipeline {
  return buildPipeline(sim, scenarioFromRunConfig(config), config.seed, observers, options);
}
