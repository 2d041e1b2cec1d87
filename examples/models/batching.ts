// A consumer that takes items in batches: each of Ann and Bob waits for one
// item, takes up to `batch - 1` more that are already waiting, and processes
// the batch in one go (a set-up time plus a little per item).
//
//   qsim run --model examples/models/batching.ts --seed 1 --items 100 --instant --stats
//   qsim run --model examples/models/batching.ts --seed 1 --items 100 --instant --set batch=4
import type { ModelOptions, Sim } from 'qsim';

export default function batching(sim: Sim, opts: ModelOptions): void {
  const batch = Number(opts.set['batch'] ?? 10);
  if (!Number.isInteger(batch) || batch < 1) throw new Error(`--set batch expects a whole number >= 1, got ${opts.set['batch']}`);
  const queue = sim.queue<number>({ name: 'items', capacity: 50 });

  sim.process(
    'producer',
    async (p) => {
      // Until --items are made or --duration has passed (--duration alone leaves opts.items unlimited).
      for (let i = 0; i < opts.items && p.now < opts.duration; i++) {
        await queue.put(i);
        await p.sleep(p.random.exp(0.2));
      }
      queue.shutdown();
    },
    { log: false },
  );

  for (const name of ['Ann', 'Bob']) {
    sim.process(name, async (p) => {
      for await (const first of queue) {
        const items = [first, ...queue.takeNowait(batch - 1)];
        p.log(`Got batch of ${items.length}: ${items.join(',')} (size ${queue.size})`);
        await p.sleep(p.random.uniform(0.5, 1.0) + 0.1 * items.length);
      }
      p.log('Done');
    });
  }
}
