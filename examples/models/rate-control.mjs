// A producer that watches the queue and adapts its rate to it (AIMD, as TCP
// does): when it finds the queue at or above `high` items after a put it
// halves its rate (at most once per `cooldown` seconds, so one surge costs one
// cut); when it finds it at or below `low` it adds `step` items/s back, up to
// its starting `rate`. The consumers (--consumers, --delay)
// never see the queue grow past `high` by much, and the producer settles
// around what they can take.
//
//   qsim run --model examples/models/rate-control.mjs --seed 1 --items 200 --instant
//   qsim run --model examples/models/rate-control.mjs --seed 1 --items 200 --instant --set high=4 --set rate=5 --stats

/** @param {import('qsim').Sim} sim @param {import('qsim').ModelOptions} opts */
export default function rateControl(sim, opts) {
  const high = Number(opts.set.high ?? 8);
  const low = Number(opts.set.low ?? 2);
  const maxRate = Number(opts.set.rate ?? 10);
  const step = Number(opts.set.step ?? 0.25);
  const cooldown = Number(opts.set.cooldown ?? 5);
  if (!(low < high)) throw new Error(`--set low (${low}) must be below --set high (${high})`);
  const queue = sim.queue({ name: 'requests', capacity: 2 * high });

  sim.process('producer', async (p) => {
    let rate = maxRate;
    let lastCut = -Infinity;
    // Until --items are made or --duration has passed (--duration alone leaves opts.items unlimited).
    for (let i = 0; i < opts.items && p.now < opts.duration; i++) {
      await queue.put(i);
      if (queue.size >= high && p.now - lastCut >= cooldown) {
        rate /= 2;
        lastCut = p.now;
        p.log(`queue at ${queue.size}: down to ${rate.toFixed(2)} items/s`);
      } else if (queue.size <= low && rate < maxRate) {
        rate = Math.min(maxRate, rate + step);
        p.log(`queue at ${queue.size}: up to ${rate.toFixed(2)} items/s`);
      }
      await p.sleep(p.random.exp(1 / rate));
    }
    queue.shutdown();
  });

  opts.consumers.forEach((name) => {
    sim.process(
      name,
      async (p) => {
        for await (const _request of queue) await p.sleep(p.random.sample(opts.delay));
      },
      { log: false },
    );
  });
}
