import { DeadlockError, InvalidArgumentError, ProcessFailedError, StalledError } from '../../src/core/errors.js';
import { RandomStream } from '../../src/core/random.js';
import { createDistribution } from '../../src/model/distribution.js';
import { Sim } from '../../src/api/sim.js';
import { simWithLog } from './helpers.js';

describe('model processes', () => {
  test('processes start in creation order and sleeps wake in time order, ties in the order they were scheduled', async () => {
    const { sim, log } = simWithLog();
    for (const [name, pause] of [['slow', 2], ['fast', 1], ['tie', 2]] as const) {
      sim.process(name, async (p) => {
        p.log('start');
        await p.sleep(pause);
        p.log('woke');
      });
    }
    const { time } = await sim.run();
    expect(log.lines).toEqual(['0.000 slow: start', '0.000 fast: start', '0.000 tie: start', '1.000 fast: woke', '2.000 slow: woke', '2.000 tie: woke']);
    expect(time).toBe(2);
  });

  test('processes can create processes while the run goes on', async () => {
    const { sim, log } = simWithLog();
    sim.process('parent', async (p) => {
      await p.sleep(1);
      const child = sim.process('child', async (c) => (await c.sleep(2), c.log('child done')));
      await p.wait(child.done);
      p.log('parent done');
    });
    await sim.run();
    expect(log.lines).toEqual(['3.000 child: child done', '3.000 parent: parent done']);
  });

  test('a deadlock names every waiting process and what it waits on', async () => {
    const sim = new Sim();
    const a = sim.queue({ name: 'a' });
    const b = sim.queue({ name: 'b', capacity: 1 });
    b.putNowait(0);
    sim.process('Ann', async (p) => (await p.sleep(1), await a.get()));
    sim.process('Bob', async () => b.put(1));
    sim.process('Cy', async (p) => void (await p.wait(sim.event('repaired'))));
    const run = sim.run();
    await expect(run).rejects.toBeInstanceOf(DeadlockError);
    await expect(run).rejects.toThrow(
      'deadlock at t=1s: every process is waiting and nothing is scheduled: Ann (get from queue a), Bob (put into queue b (full)), Cy (event repaired)',
    );
  });

  test('a process that awaits a plain Promise resolved by another process is reported as stalled, not left hanging', async () => {
    const sim = new Sim();
    let release: () => void = () => {};
    const handoff = new Promise<void>((resolve) => (release = resolve));
    sim.process('waiter', async () => handoff);
    sim.process('releaser', async (p) => (await p.sleep(1), release()));
    const run = sim.run();
    await expect(run).rejects.toBeInstanceOf(StalledError);
    await expect(run).rejects.toThrow(/stalled at t=0s: waiter awaited something outside the engine/);
  });

  test('a process that throws fails the run with its name and the time', async () => {
    const sim = new Sim();
    sim.process('Ann', async (p) => {
      await p.sleep(2.5);
      throw new Error('out of coffee');
    });
    const run = sim.run();
    await expect(run).rejects.toBeInstanceOf(ProcessFailedError);
    await expect(run).rejects.toThrow('process Ann failed at t=2.5s: out of coffee');
  });

  test('two waits at once in one process are refused with advice (their engine accounting would be wrong)', async () => {
    const sim = new Sim();
    const q = sim.queue({ name: 'q' });
    sim.process('ticker', async (p) => p.sleep(5), { log: false });
    sim.process('greedy', async (p) => {
      await Promise.all([p.sleep(1), q.get()]);
    });
    await expect(sim.run()).rejects.toThrow(
      /process greedy failed at t=\d+s: it started to wait on get from queue q while still waiting on sleep; .*p\.anyOf or p\.allOf/,
    );
  });

  test('a process that returns while a wait it started is pending fails', async () => {
    const sim = new Sim();
    const q = sim.queue({ name: 'q' });
    sim.process('ticker', async (p) => p.sleep(5), { log: false });
    sim.process('careless', async () => void q.get());
    await expect(sim.run()).rejects.toThrow(/process careless failed at t=\d+s: it returned while still waiting on get from queue q/);
  });

  describe('a wait started without await fails the same way at any pacing, at the time it was started', () => {
    type Misuse = (sim: Sim) => void;
    const misuses: [string, Misuse, RegExp][] = [
      ['the body returns', (sim) => sim.process('s', async (p) => void p.sleep(1)), /process s failed at t=0s: it returned while still waiting on sleep/],
      [
        'the body logs, then returns',
        (sim) =>
          sim.process('s', async (p) => {
            void p.sleep(1);
            p.log('after');
          }),
        /process s failed at t=0s: it returned while still waiting on sleep/,
      ],
      [
        'the body throws',
        (sim) =>
          sim.process('s', async (p) => {
            void p.sleep(5);
            throw new Error('boom');
          }),
        /process s failed at t=0s: boom/,
      ],
      [
        'the body starts another wait',
        (sim) => {
          const q = sim.queue({ name: 'q' });
          sim.process('s', async (p) => {
            void q.get();
            await p.sleep(1);
          });
        },
        /process s failed at t=0s: it started to wait on sleep while still waiting on get from queue q/,
      ],
      [
        'two waits in Promise.all',
        (sim) => {
          const q = sim.queue({ name: 'q' });
          sim.process('s', async (p) => void (await Promise.all([p.sleep(1), q.get()])));
        },
        /process s failed at t=0s: it started to wait on get from queue q while still waiting on sleep/,
      ],
    ];

    test.each(misuses)('%s', async (_, build, error) => {
      const { WallClockPacing } = await import('../../src/core/pacing.js');
      const outcomes: string[] = [];
      for (const pacing of [undefined, new WallClockPacing({ speed: 1000 })]) {
        const { sim, log } = simWithLog({ seed: 1, ...(pacing ? { pacing } : {}) });
        build(sim);
        // Another process ticking every second: it must not get ahead of the failure.
        sim.process('ticker', async (p) => {
          for (let i = 1; i <= 3; i++) {
            await p.sleep(1);
            p.log(`tick ${i}`);
          }
        });
        const failure = await sim.run().then(
          () => 'no failure',
          (thrown: unknown) => (thrown as Error).message,
        );
        outcomes.push(`${log.lines.join(' | ')} => ${failure}`);
      }
      expect(outcomes[0]).toMatch(error);
      expect(outcomes[0]).not.toContain('tick');
      expect(outcomes[1]).toBe(outcomes[0]);
    });
  });

  test('waiting outside a process, or through another process\'s p, is refused', async () => {
    const sim = new Sim();
    const q = sim.queue({ name: 'q' });
    expect(() => q.get()).toThrow(/get from queue q waits, so it can be called only from inside a process/);
    const first = sim.process('first', async (p) => p.sleep(1));
    sim.process('second', async () => first.sleep(1));
    await expect(sim.run()).rejects.toThrow(/process second failed at t=0s: p.sleep\(\) was called on process first from process second/);
  });

  test('names are checked: unique, printable; a process created with { log: false } cannot log', async () => {
    const sim = new Sim();
    sim.process('Ann', async () => {});
    expect(() => sim.process('Ann', async () => {})).toThrow(/a process named "Ann" already exists/);
    expect(() => sim.process(' ', async () => {})).toThrow(InvalidArgumentError);
    expect(() => sim.queue({ name: 'bad\nname' })).toThrow(/non-printable character/);
    sim.queue({ name: 'q' });
    expect(() => sim.queue({ name: 'q' })).toThrow(/a queue named "q" already exists/);
    sim.process('mute', async (p) => p.log('hello'), { log: false });
    await expect(sim.run()).rejects.toThrow(/process mute failed at t=0s: process mute was created with \{ log: false \}, so it cannot log/);
    expect(() => sim.process('late', async () => {})).toThrow(/after the run ended/);
  });

  test('sleep rejects negative and non-finite durations', async () => {
    const sim = new Sim();
    sim.process('p', async (p) => p.sleep(-1));
    await expect(sim.run()).rejects.toThrow(/sleep expects a finite number of seconds >= 0, got -1/);
  });

  test('a duration that is not a number is shown with its type, not as the number it looks like', async () => {
    const sim = new Sim();
    sim.process('p', async (p) => p.sleep('1' as unknown as number));
    await expect(sim.run()).rejects.toThrow(/sleep expects a finite number of seconds >= 0, got "1" \(a string\)$/);
  });

  test('a model with no process ends at once; a Sim runs only once', async () => {
    const sim = new Sim();
    sim.queue({ name: 'q' }).putNowait(1);
    await expect(sim.run()).resolves.toEqual({ time: 0, finalQueueSize: 1, interrupted: false });
    await expect(sim.run()).rejects.toThrow(/only once/);
  });

  test('aborting the run stops it where it stands', async () => {
    const sim = new Sim();
    const stop = new AbortController();
    sim.process('forever', async (p) => {
      for (;;) {
        await p.sleep(1);
        if (p.now === 10) stop.abort();
      }
    });
    const { time } = await sim.run({ signal: stop.signal });
    expect(time).toBe(10);
  });

  test('a run the signal stopped is interrupted; one that ran to its end is not', async () => {
    const stopped = new Sim();
    const stop = new AbortController();
    stopped.process('forever', async (p) => {
      for (;;) {
        await p.sleep(1);
        if (p.now === 3) stop.abort();
      }
    });
    await expect(stopped.run({ signal: stop.signal })).resolves.toMatchObject({ time: 3, interrupted: true });

    const finished = new Sim();
    finished.process('once', async (p) => p.sleep(1));
    await expect(finished.run({ signal: new AbortController().signal })).resolves.toEqual({ time: 1, finalQueueSize: 0, interrupted: false });
  });
});

describe('model random streams', () => {
  test('sim.random(name) draws what the command line\'s stream of that name draws, and is one stream per name', () => {
    const sim = new Sim({ seed: 42 });
    const reference = new RandomStream(42, 'producer:0');
    const stream = sim.random('producer:0');
    expect(sim.random('producer:0')).toBe(stream);
    expect([stream.next(), stream.next()]).toEqual([reference.next(), reference.next()]);
  });

  test('each distribution draws exactly what --interval/--delay with the same parameters draws', () => {
    const sim = new Sim({ seed: 7 });
    const stream = sim.random('s');
    const reference = new RandomStream(7, 's');
    const cases: [() => number, Parameters<typeof createDistribution>[0]][] = [
      [() => stream.exp(0.5), { kind: 'exp', mean: 0.5 }],
      [() => stream.uniform(1, 3), { kind: 'uniform', min: 1, max: 3 }],
      [() => stream.normal(1, 0.5), { kind: 'normal', mu: 1, sigma: 0.5 }],
      [() => stream.lognormal(1, 0.5), { kind: 'lognormal', mean: 1, sd: 0.5 }],
      [() => stream.erlang(3, 2), { kind: 'erlang', shape: 3, mean: 2 }],
      [() => stream.const(4), { kind: 'const', value: 4 }],
      [() => stream.sample('exp(250ms)'), { kind: 'exp', mean: 0.25 }],
      [() => stream.sample(createDistribution({ kind: 'uniform', min: 0, max: 3 })), { kind: 'uniform', min: 0, max: 3 }],
    ];
    for (const [draw, spec] of cases) {
      const distribution = createDistribution(spec);
      for (let i = 0; i < 3; i++) expect(draw()).toBe(distribution.sample(reference));
    }
  });

  test('p.random is the stream "process:NAME", so adding a process changes no other process\'s numbers', async () => {
    const draws = async (names: string[]): Promise<Record<string, number>> => {
      const sim = new Sim({ seed: 3 });
      const seen: Record<string, number> = {};
      for (const name of names) sim.process(name, async (p) => void (seen[name] = p.random.next()));
      await sim.run();
      return seen;
    };
    const two = await draws(['Ann', 'Bob']);
    const three = await draws(['Cy', 'Ann', 'Bob']);
    expect(three['Ann']).toBe(two['Ann']);
    expect(three['Bob']).toBe(two['Bob']);
    expect(two['Ann']).toBe(new RandomStream(3, 'process:Ann').next());
  });

  test('bad distribution parameters are refused with the command line\'s reasons', () => {
    const stream = new Sim().random('s');
    expect(() => stream.exp(-1)).toThrow(/invalid distribution/);
    expect(() => stream.uniform(3, 1)).toThrow(/min 3s is above its max 1s/);
    expect(() => stream.sample('poisson(2)')).toThrow(/unknown distribution/);
  });
});

describe('stopping a paced model', () => {
  test('it stops where the wall clock has brought virtual time, not at the last event', async () => {
    const { WallClockPacing } = await import('../../src/core/pacing.js');
    const sim = new Sim({ seed: 1, pacing: new WallClockPacing({ speed: 1000 }) });
    sim.process('sleeper', async (p) => {
      await p.sleep(1000); // the last event before the stop is the start, at 0
    });
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 100); // about 100 s of virtual time
    const result = await sim.run({ signal: stop.signal });
    expect(result.time).toBeGreaterThan(0);
    expect(result.time).toBeLessThan(1000);
  });
});
