// The push/pull demo — what `qsim run` simulates — written as a model. For the
// same seed and options it prints exactly what `qsim run` prints:
//
//   qsim run --model examples/models/demo.mjs --seed 7 --consumers 3 --items 40 --instant
//   qsim run --seed 7 --consumers 3 --items 40 --instant
//
// It replays the built-in model step for step: producer i draws its intervals
// from the stream "producer:i" and consumer i its processing times from
// "consumer:i"; the producers share the item count and number items in the
// order they are made; the queue closes when the last producer stops, and each
// consumer logs "Done" when it finds it closed and empty. It follows --producers,
// --consumers, --items, --interval, --delay/--max-delay, --capacity and
// --duration; it has no slots (--concurrency) and no drop policies (--on-full).

/**
 * How near --duration an arrival counts as at it, once `sums` intervals have
 * been added up to reach it (qsim run's rule): each sum rounds by at most
 * duration × 2^-52, so 36,000 sleeps of 0.1 s end 2.2 ns before 1h; never less
 * than a nanosecond, or a billionth of a duration under a second.
 */
function deadlineTolerance(duration, sums) {
  if (duration === Infinity) return 1e-9;
  const least = duration < 1 ? duration * 1e-9 : 1e-9;
  const drift = sums * duration * 2 ** -52;
  return drift > least ? drift : least;
}

/** @param {import('qsim').Sim} sim @param {import('qsim').ModelOptions} opts */
export default function demo(sim, opts) {
  if (opts.concurrency !== 1) throw new Error('demo.mjs has one slot per consumer: leave out --concurrency');
  if (opts.onFull !== 'block') throw new Error('demo.mjs has no drop policies: leave out --on-full');

  const queue = sim.queue({ name: 'queue', capacity: opts.capacity });
  let made = 0;
  let producing = opts.producers;

  for (let i = 0; i < opts.producers; i++) {
    const intervals = sim.random(`producer:${i}`);
    const produce = async (p) => {
      // This producer's time is the sum of its sleeps, or after a put that waited a consumer's, reached
      // through at most one sum per item made so far: the tolerance grows with that count.
      let tolerance = deadlineTolerance(opts.duration, 0);
      let sleeps = 0;
      while (made < opts.items && p.now < opts.duration - tolerance) {
        const waits = queue.isFull;
        await queue.put(made++);
        if (waits && sleeps < made) sleeps = made;
        const pause = intervals.sample(opts.interval);
        const left = opts.duration - p.now;
        tolerance = deadlineTolerance(opts.duration, ++sleeps);
        if (pause >= left - tolerance) {
          // The next item would be due at or after the deadline: wait for it and stop.
          if (left > 0) await p.sleep(left);
          break;
        }
        await p.sleep(pause);
      }
      if (--producing === 0) queue.shutdown();
    };
    sim.process(`producer-${i + 1}`, produce, { log: false });
  }

  opts.consumers.forEach((name, i) => {
    const delays = sim.random(`consumer:${i}`);
    sim.process(name, async (p) => {
      for await (const item of queue) {
        p.log(`Got item: ${item} (size ${queue.size})`);
        await p.sleep(delays.sample(opts.delay));
      }
      p.log('Done');
    });
  });
}
