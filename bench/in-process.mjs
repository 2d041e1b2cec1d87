#!/usr/bin/env node
// Where a run's time goes, measured inside one process (no start-up): 1M M/M/4 items
//   1. straight on the core (src/core only: one producer and four servers as generator processes),
//   2. the built-in pipeline with no observer,
//   3. the pipeline with RunStatistics (what --format json attaches).
// Each in a fresh process, interleaved, RUNS times (default 5); prints the medians.
//   npm run build && node bench/in-process.mjs [runs] [items]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/', import.meta.url).href;
const [runs = 5, items = 1e6] = process.argv.slice(2).map(Number);
const self = fileURLToPath(import.meta.url);

if (process.env.QSIM_IN_PROCESS_PART) {
  const part = process.env.QSIM_IN_PROCESS_PART;
  const { RandomStream } = await import(`${dist}core/random.js`);
  const { Simulation } = await import(`${dist}core/simulation.js`);
  const { AsyncQueue, CLOSED, YIELD } = await import(`${dist}core/queue.js`);
  const { simulateRun } = await import(`${dist}model/run.js`);
  const { parseDistribution } = await import(`${dist}model/distribution.js`);
  const { RunStatistics } = await import(`${dist}observe/statistics.js`);
  let run;
  if (part === 'core') {
    run = () => {
      const sim = new Simulation();
      const queue = new AsyncQueue();
      const arrivals = new RandomStream(1, 'producer');
      sim.process('producer', function* (p) {
        for (let i = 0; i < items; i++) {
          const putting = queue.putOrStep(p, i);
          if (putting) yield putting;
          yield p.sleepStep(arrivals.exponential(0.278));
        }
        queue.shutdown();
      });
      for (let c = 0; c < 4; c++) {
        const service = new RandomStream(1, `server:${c}`);
        sim.process(`server ${c}`, function* (p) {
          for (;;) {
            const got = queue.getInPlace(p);
            const item = got === YIELD ? yield queue.getStep(p) : got;
            if (item === CLOSED) return;
            yield p.sleepStep(service.exponential(1));
            queue.taskDone();
          }
        });
      }
      return sim.run();
    };
  } else {
    const distribution = (text) => parseDistribution(text).distribution;
    const config = {
      producers: 1, consumers: ['c1', 'c2', 'c3', 'c4'], items, concurrency: 1, capacity: Infinity, onFull: 'block',
      duration: Infinity, seed: 1, interval: distribution('exp(278ms)'), delay: distribution('exp(1s)'),
    };
    run = () => simulateRun(config, { observers: part === 'statistics' ? [new RunStatistics()] : [] });
  }
  const started = performance.now();
  await run();
  console.log(performance.now() - started);
} else {
  const parts = ['core', 'pipeline', 'statistics'];
  const times = new Map(parts.map((part) => [part, []]));
  for (let i = 0; i < runs; i++) {
    for (const part of parts) {
      const result = spawnSync(process.execPath, [self, String(runs), String(items)], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, QSIM_IN_PROCESS_PART: part },
      });
      if (result.status !== 0) throw new Error(result.stderr);
      times.get(part).push(Number(result.stdout));
    }
  }
  const median = (list) => [...list].sort((a, b) => a - b)[list.length >> 1];
  const labels = {
    core: 'on the core alone (generator processes, AsyncQueue)',
    pipeline: 'the built-in pipeline, no observer',
    statistics: 'the pipeline with RunStatistics (--format json)',
  };
  console.log(`${items} M/M/4 items in one process, median of ${runs}:`);
  for (const part of parts) console.log(`  ${labels[part].padEnd(54)} ${median(times.get(part)).toFixed(0).padStart(5)} ms`);
}
