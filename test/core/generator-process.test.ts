import fc from 'fast-check';
import { DeadlockError, Interrupt, InvalidArgumentError, ProcessFailedError } from '../../src/core/errors.js';
import type { Process, ProcessGenerator, Step } from '../../src/core/process.js';
import { AsyncQueue, CLOSED, YIELD, type Closed } from '../../src/core/queue.js';
import { WallClockPacing } from '../../src/core/pacing.js';
import { Simulation } from '../../src/core/simulation.js';

/**
 * A small producer/consumer model: producer i puts its items (ids i, i+P, …)
 * into `jobs`, sleeping intervals[i] after each put, then reports on `done`;
 * consumer j gets from `jobs` and processes each item for delays[j]; a closer
 * waits for every producer's report, joins `jobs`, and shuts it down.
 */
interface Model {
  producers: number;
  consumers: number;
  items: number;
  capacity: number;
  intervals: readonly number[];
  delays: readonly number[];
}

/**
 * How the bodies are written: async functions, generators that always yield,
 * generators that complete gets and puts in place when the queue allows it, or
 * generators that take an item without a yield whenever one is there (wrong on
 * purpose: it shows a model can tell the orders apart).
 */
type Style = 'async' | 'generator' | 'in-place' | 'naive';

interface ModelRun {
  log: string[];
  /** In-place style: gets and puts completed without a yield, and gets refused while a putter waited. */
  getsInPlace: number;
  putsInPlace: number;
  getsRefusedForPutter: number;
}

const itemsOf = (m: Model, producer: number): number[] =>
  Array.from({ length: m.items }, (_, id) => id).filter((id) => id % m.producers === producer);

async function runModel(m: Model, style: Style): Promise<ModelRun> {
  const sim = new Simulation();
  const jobs = new AsyncQueue<number>({ capacity: m.capacity, name: 'jobs' });
  const done = new AsyncQueue<string>({ name: 'done' });
  const run: ModelRun = { log: [], getsInPlace: 0, putsInPlace: 0, getsRefusedForPutter: 0 };
  const record = (p: Process, what: string): void => void run.log.push(`${p.now} ${p.name} ${what}`);

  const getJob = function* (p: Process): Generator<Step, number | Closed, unknown> {
    if (style === 'in-place') {
      const got = jobs.getInPlace(p);
      if (got !== YIELD) {
        run.getsInPlace++;
        return got;
      }
      if (jobs.size > 0 && jobs.waitingPutters > 0) run.getsRefusedForPutter++;
    } else if (style === 'naive' && jobs.size > 0) {
      return jobs.getNowait();
    }
    return (yield jobs.getStep(p)) as number | Closed;
  };
  const putJob = function* (p: Process, item: number): Generator<Step, void, unknown> {
    if (style === 'in-place') {
      const step = jobs.putOrStep(p, item);
      if (step === undefined) run.putsInPlace++;
      else yield step;
      return;
    }
    yield jobs.putStep(p, item);
  };

  for (let i = 0; i < m.producers; i++) {
    const interval = m.intervals[i] as number;
    if (style === 'async') {
      sim.process(`p${i}`, async (p) => {
        for (const item of itemsOf(m, i)) {
          record(p, `puts ${item}`);
          await jobs.put(p, item);
          record(p, `put ${item}`);
          await p.sleep(interval);
        }
        await done.put(p, p.name);
        record(p, 'done');
      });
    } else {
      sim.process(`p${i}`, function* (p): ProcessGenerator {
        for (const item of itemsOf(m, i)) {
          record(p, `puts ${item}`);
          yield* putJob(p, item);
          record(p, `put ${item}`);
          yield p.sleepStep(interval);
        }
        yield done.putStep(p, p.name);
        record(p, 'done');
      });
    }
  }
  for (let j = 0; j < m.consumers; j++) {
    const delay = m.delays[j] as number;
    if (style === 'async') {
      sim.process(`c${j}`, async (p) => {
        for (;;) {
          const item = await jobs.get(p);
          if (item === CLOSED) break;
          record(p, `got ${item}`);
          await p.sleep(delay);
          record(p, `processed ${item}`);
          jobs.taskDone();
        }
        record(p, 'closed');
      });
    } else {
      sim.process(`c${j}`, function* (p): ProcessGenerator {
        for (;;) {
          const item = yield* getJob(p);
          if (item === CLOSED) break;
          record(p, `got ${item}`);
          yield p.sleepStep(delay);
          record(p, `processed ${item}`);
          jobs.taskDone();
        }
        record(p, 'closed');
      });
    }
  }
  if (style === 'async') {
    sim.process('closer', async (p) => {
      for (let k = 0; k < m.producers; k++) record(p, `saw ${String(await done.get(p))}`);
      await jobs.join(p);
      record(p, 'joined');
      jobs.shutdown();
    });
  } else {
    sim.process('closer', function* (p): ProcessGenerator {
      for (let k = 0; k < m.producers; k++) record(p, `saw ${String(yield done.getStep(p))}`);
      yield jobs.joinStep(p);
      record(p, 'joined');
      jobs.shutdown();
    });
  }
  await sim.run();
  return run;
}

/** The rejection of `promise` (undefined when it resolves). */
const rejectionOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('generator processes', () => {
  test('sleepStep advances virtual time, and sleeps due at the same time fire in the order they were taken', async () => {
    const sim = new Simulation();
    const log: string[] = [];
    // All three are due at t=3; c's sleep was taken first (t=0), then a's (t=1), then b's (t=2).
    sim.process('a', function* (p): ProcessGenerator {
      yield p.sleepStep(1);
      yield p.sleepStep(2);
      log.push(`a@${p.now}`);
    });
    sim.process('b', function* (p): ProcessGenerator {
      yield p.sleepStep(2);
      yield p.sleepStep(1);
      log.push(`b@${p.now}`);
    });
    sim.process('c', function* (p): ProcessGenerator {
      yield p.sleepStep(3);
      log.push(`c@${p.now}`);
      yield p.sleepStep(1000);
      log.push(`c@${p.now}`);
    });
    await sim.run();
    expect(log).toEqual(['c@3', 'a@3', 'b@3', 'c@1003']);
    expect(sim.now).toBe(1003);
    expect(sim.status).toBe('finished');
  });

  test('a producer/consumer model logs the same events in the same order as async processes and as generators', async () => {
    // Two producers put every second into a queue of one; two consumers take two seconds per item:
    // putters wait for room, and puts, gets and wake-ups tie at whole seconds.
    const model: Model = { producers: 2, consumers: 2, items: 6, capacity: 1, intervals: [1, 1], delays: [2, 2] };
    const asyncLog = (await runModel(model, 'async')).log;
    const generatorLog = (await runModel(model, 'generator')).log;
    expect(generatorLog).toEqual(asyncLog);
    expect(asyncLog).toEqual([
      '0 p0 puts 0',
      '0 p0 put 0',
      '0 p1 puts 1', // the queue is full: p1 waits for room
      '0 p1 put 1', // c0's get admits p1's item and wakes p1 before c0 goes on
      '0 c0 got 0',
      '0 c1 got 1',
      '1 p0 puts 2',
      '1 p0 put 2',
      '1 p1 puts 3',
      '2 c0 processed 0',
      '2 p1 put 3',
      '2 c0 got 2',
      '2 c1 processed 1',
      '2 c1 got 3',
      '2 p0 puts 4',
      '2 p0 put 4',
      '3 p1 puts 5',
      '3 closer saw p0', // the waiting getter is woken before the putter goes on
      '3 p0 done',
      '4 c0 processed 2',
      '4 p1 put 5',
      '4 c0 got 4',
      '4 c1 processed 3',
      '4 c1 got 5',
      '5 closer saw p1',
      '5 p1 done',
      '6 c0 processed 4',
      '6 c1 processed 5',
      '6 closer joined',
      '6 c0 closed',
      '6 c1 closed',
    ]);
  });

  test('property: random small models log the same events whether written as async processes or as generators', async () => {
    const delay = fc.integer({ min: 0, max: 3 });
    // Intervals and delays of whole seconds 0-3 (one per possible producer and consumer), so events tie often.
    const model: fc.Arbitrary<Model> = fc.record({
      producers: fc.integer({ min: 1, max: 3 }),
      consumers: fc.integer({ min: 1, max: 3 }),
      items: fc.integer({ min: 0, max: 20 }),
      capacity: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constant(Infinity)),
      intervals: fc.array(delay, { minLength: 3, maxLength: 3 }),
      delays: fc.array(delay, { minLength: 3, maxLength: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(model, async (m) => {
        const asyncLog = (await runModel(m, 'async')).log;
        expect((await runModel(m, 'generator')).log).toEqual(asyncLog);
        expect((await runModel(m, 'in-place')).log).toEqual(asyncLog);
        // Every item was processed once and every consumer saw the queue close.
        expect(asyncLog.filter((line) => / processed /.test(line))).toHaveLength(m.items);
        expect(asyncLog.filter((line) => line.endsWith(' closed'))).toHaveLength(m.consumers);
      }),
      { numRuns: 200 },
    );
  });

  test('getInPlace and putOrStep give the order of always yielding getStep and putStep, and a get refuses while a putter waits', async () => {
    // A queue of one that the producer (no pause between puts) keeps full: it waits for room at every other put.
    const model: Model = { producers: 1, consumers: 1, items: 4, capacity: 1, intervals: [0], delays: [1] };
    const yielding = await runModel(model, 'generator');
    const inPlace = await runModel(model, 'in-place');
    expect(inPlace.log).toEqual(yielding.log);
    expect(yielding.log).toEqual([
      '0 p0 puts 0',
      '0 p0 put 0',
      '0 c0 got 0',
      '0 p0 puts 1',
      '0 p0 put 1',
      '0 p0 puts 2', // full: p0 waits for room
      '1 c0 processed 0',
      '1 p0 put 2', // c0's get admits p0's item and wakes p0, which goes before c0
      '1 c0 got 1',
      '1 p0 puts 3',
      '2 c0 processed 1',
      '2 p0 put 3',
      '2 c0 got 2',
      '2 closer saw p0',
      '2 p0 done',
      '3 c0 processed 2',
      '3 c0 got 3',
      '4 c0 processed 3',
      '4 closer joined',
      '4 c0 closed',
    ]);
    // Both forms went on in place, and the get refused both times it met a waiting putter (t=1, t=2).
    expect(inPlace.getsInPlace).toBeGreaterThan(0);
    expect(inPlace.putsInPlace).toBeGreaterThan(0);
    expect(inPlace.getsRefusedForPutter).toBe(2);
    // Taking the item without a yield whenever there is one puts c0 ahead of the putter it wakes.
    const naive = await runModel(model, 'naive');
    expect(naive.log).not.toEqual(yielding.log);
    expect(naive.log.slice(6, 9)).toEqual(['1 c0 processed 0', '1 c0 got 1', '1 p0 put 2']);
  });

  test('passStep lets the processes already runnable at this instant go first, at the same virtual time', async () => {
    type Wait = 'passStep' | 'await' | 'sleepStep(0)' | 'nothing';
    const runPass = async (wait: Wait): Promise<string[]> => {
      const sim = new Simulation();
      const q = new AsyncQueue<string>();
      const log: string[] = [];
      const record = (p: Process, what: string): void => void log.push(`${p.now} ${p.name} ${what}`);
      for (const name of ['c1', 'c2']) {
        if (wait === 'await') {
          sim.process(name, async (p) => {
            record(p, `got ${String(await q.get(p))}`);
            await Promise.resolve();
            record(p, 'goes on');
          });
        } else {
          sim.process(name, function* (p): ProcessGenerator {
            record(p, `got ${String(yield q.getStep(p))}`);
            if (wait === 'passStep') yield p.passStep();
            if (wait === 'sleepStep(0)') yield p.sleepStep(0);
            record(p, 'goes on');
          });
        }
      }
      sim.process('producer', function* (p): ProcessGenerator {
        yield p.sleepStep(1);
        q.putNowait('x'); // wakes c1
        q.putNowait('y'); // wakes c2
        record(p, 'put x, y');
      });
      // Due at t=1 too, but on the calendar (behind the producer), not runnable.
      sim.process('late', function* (p): ProcessGenerator {
        yield p.sleepStep(1);
        record(p, 'woke');
      });
      await sim.run();
      return log;
    };
    const passed = await runPass('passStep');
    expect(passed).toEqual(['1 producer put x, y', '1 c1 got x', '1 c2 got y', '1 c1 goes on', '1 c2 goes on', '1 late woke']);
    // As an async body's await of a settled promise would.
    expect(await runPass('await')).toEqual(passed);
    // Without it, c1 goes on before c2 runs; sleepStep(0) would also let the event due on the calendar go first.
    expect(await runPass('nothing')).toEqual(['1 producer put x, y', '1 c1 got x', '1 c1 goes on', '1 c2 got y', '1 c2 goes on', '1 late woke']);
    expect(await runPass('sleepStep(0)')).toEqual(['1 producer put x, y', '1 c1 got x', '1 c2 got y', '1 late woke', '1 c1 goes on', '1 c2 goes on']);
  });

  test('interrupting a sleeping generator process throws an Interrupt at its yield, which it can catch and sleep again', async () => {
    const sim = new Simulation();
    const log: string[] = [];
    const sleeper = sim.process('sleeper', function* (p): ProcessGenerator {
      try {
        yield p.sleepStep(100);
        log.push('slept');
      } catch (error) {
        log.push(`${error instanceof Interrupt ? 'Interrupt' : 'other'} at t=${p.now}: ${(error as Error).message}`);
      }
      yield p.sleepStep(1);
      log.push(`done at t=${p.now}`);
    });
    sim.schedule(3, () => sleeper.interrupt('stop now'));
    await sim.run();
    expect(log).toEqual(['Interrupt at t=3: interrupted: stop now', 'done at t=4']);
    expect(sim.now).toBe(4); // the wake-up at t=100 was taken off the calendar
    expect(sleeper.interrupted).toBe(false); // it caught the Interrupt and ended normally
    expect(sleeper.state).toBe('finished');
  });

  test('an interrupt that reaches a generator process while it is runnable is thrown at its next yield', async () => {
    const sim = new Simulation();
    const q = new AsyncQueue<number>();
    const log: string[] = [];
    const getter = sim.process('getter', function* (p): ProcessGenerator {
      log.push(`got ${String(yield q.getStep(p))} at t=${p.now}`);
      try {
        yield p.sleepStep(5);
        log.push('slept');
      } catch (error) {
        log.push(`${error instanceof Interrupt ? 'Interrupt' : 'other'} at t=${p.now}: ${(error as Error).message}`);
      }
    });
    sim.process('driver', function* (p): ProcessGenerator {
      yield p.sleepStep(1);
      q.putNowait(7);
      log.push(`getter is ${getter.state}`);
      getter.interrupt('too late');
    });
    await sim.run();
    expect(log).toEqual(['getter is running', 'got 7 at t=1', 'Interrupt at t=1: interrupted: too late']);
    expect(sim.now).toBe(1);
  });

  test('a generator process interrupted before it starts never runs its body', async () => {
    const sim = new Simulation();
    const ran: string[] = [];
    const body = function* (p: Process): ProcessGenerator {
      ran.push(p.name);
      yield p.sleepStep(1);
    };
    const early = sim.process('early', body);
    const meanwhile = sim.process('meanwhile', body);
    early.interrupt('before run');
    const done = sim.run();
    meanwhile.interrupt('after run returned'); // run() starts on a microtask: nothing has run yet
    await done;
    expect(ran).toEqual([]);
    for (const process of [early, meanwhile]) {
      expect(process.interrupted).toBe(true);
      expect(process.state).toBe('finished');
    }
    expect(sim.status).toBe('finished');
    expect(sim.now).toBe(0);
  });

  test.each([
    ['42', 42, 'got 42'],
    ['a Promise', Promise.resolve(), 'got a Promise (await belongs in async processes)'],
    ['undefined', undefined, 'got undefined'],
  ])('yielding %s instead of an engine step fails the run with ProcessFailedError naming the process', async (_label, value, got) => {
    const sim = new Simulation();
    let after = false;
    sim.process('fine', function* (p): ProcessGenerator {
      yield p.sleepStep(10);
    });
    sim.process('bad', function* (p): ProcessGenerator {
      yield p.sleepStep(1);
      yield value as unknown as Step;
      after = true;
    });
    const error = await rejectionOf(sim.run());
    expect(error).toBeInstanceOf(ProcessFailedError);
    expect((error as ProcessFailedError).processName).toBe('bad');
    expect((error as ProcessFailedError).time).toBe(1);
    expect((error as Error).cause).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toBe(
      `process bad failed at t=1s: a generator process must yield engine steps (p.sleepStep, queue.getStep, …), ${got}`,
    );
    expect(after).toBe(false);
    expect(sim.status).toBe('failed');
  });

  test.each([
    ['before its first yield', 0, false],
    ['after a sleep', 2, true],
  ])('an error thrown in a generator body %s fails the run with ProcessFailedError', async (_label, time, sleepFirst) => {
    const sim = new Simulation();
    sim.process('broken', function* (p): ProcessGenerator {
      if (sleepFirst) yield p.sleepStep(2);
      throw new Error('boom');
    });
    const error = await rejectionOf(sim.run());
    expect(error).toBeInstanceOf(ProcessFailedError);
    expect((error as ProcessFailedError).processName).toBe('broken');
    expect((error as Error).message).toBe(`process broken failed at t=${time}s: boom`);
    expect(((error as Error).cause as Error).message).toBe('boom');
    expect(sim.status).toBe('failed');
  });

  test('a step that rejects its argument fails the run with ProcessFailedError', async () => {
    const sim = new Simulation();
    sim.process('negative', function* (p): ProcessGenerator {
      yield p.sleepStep(1);
      yield p.sleepStep(-1);
    });
    const error = await rejectionOf(sim.run());
    expect(error).toBeInstanceOf(ProcessFailedError);
    expect((error as Error).cause).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toBe('process negative failed at t=1s: sleep expects a finite number of seconds >= 0, got -1');
  });

  test('a deadlock of generator processes rejects the run with DeadlockError naming each process and what it waits on', async () => {
    const sim = new Simulation();
    const jobs = new AsyncQueue<number>({ name: 'jobs' });
    const full = new AsyncQueue<number>({ name: 'full', capacity: 1 });
    sim.process('Fred', function* (p): ProcessGenerator {
      yield jobs.getStep(p); // nobody ever puts into jobs
    });
    sim.process('George', function* (p): ProcessGenerator {
      yield p.sleepStep(3);
      yield full.putStep(p, 1);
      yield full.putStep(p, 2); // nobody ever gets from full
    });
    sim.process('Harry', function* (p): ProcessGenerator {
      yield p.sleepStep(3);
      yield full.joinStep(p); // item 1 is never marked done
    });
    const error = await rejectionOf(sim.run());
    expect(error).toBeInstanceOf(DeadlockError);
    expect((error as DeadlockError).time).toBe(3);
    expect((error as DeadlockError).waiting).toEqual([
      { name: 'Fred', waitingOn: 'get from jobs' },
      { name: 'George', waitingOn: 'put into full (full)' },
      { name: 'Harry', waitingOn: 'join full' },
    ]);
    expect((error as Error).message).toBe(
      'deadlock at t=3s: every process is waiting and nothing is scheduled: Fred (get from jobs), George (put into full (full)), Harry (join full)',
    );
  });
});


describe('generator processes woken from outside the engine (a signal handler, a key press)', () => {
  /** A run on a wall clock that never moves: the engine waits on a timer, and the test acts from outside it. */
  const frozen = (): Simulation =>
    new Simulation({
      pacing: new WallClockPacing({ speed: 1, now: () => 0 }),
      timers: { setTimeout: () => 1, clearTimeout: () => {}, setImmediate, setInterval: () => 0, clearInterval: () => {} },
    });

  test('a putter interrupted from outside that then shuts its queue down ends cleanly', async () => {
    const sim = frozen();
    const q = new AsyncQueue<number>({ name: 'jobs', capacity: 1 });
    q.putNowait(0);
    const putter = sim.process('putter', function* (p): ProcessGenerator {
      try {
        yield q.putStep(p, 1);
      } catch {
        q.shutdown(); // what the pipeline's last producer does on Ctrl-C (maybeClose)
      }
    });
    sim.process('clock', function* (p): ProcessGenerator {
      yield p.sleepStep(10);
    });
    const done = sim.run();
    await new Promise((resolve) => setImmediate(resolve));
    putter.interrupt();
    await new Promise((resolve) => setImmediate(resolve));
    expect(putter.state).toBe('finished');
    expect(q.isShutDown).toBe(true);
    sim.stop(); // the frozen clock would wait forever for t=10
    await expect(done).resolves.toBeUndefined();
  });

  test('processes interrupted from a handler run after it, in the order they were interrupted, as async ones would', async () => {
    const sim = frozen();
    const log: string[] = [];
    const sleeper = (name: string) =>
      sim.process(name, function* (p): ProcessGenerator {
        try {
          yield p.sleepStep(100);
        } catch (error) {
          log.push(`${name} caught ${error instanceof Interrupt ? 'Interrupt' : String(error)} at ${p.now}`);
        }
      });
    const a = sleeper('a');
    const b = sleeper('b');
    const done = sim.run();
    await new Promise((resolve) => setImmediate(resolve));
    log.push('interrupting a');
    a.interrupt();
    log.push('interrupting b');
    b.interrupt();
    await done;
    expect(log).toEqual(['interrupting a', 'interrupting b', 'a caught Interrupt at 0', 'b caught Interrupt at 0']);
  });
});

describe('steps that do not wait, as async awaits that do not suspend', () => {
  type Style = 'async' | 'generator' | 'in-place';

  /** `t` is woken through `gate`, then interrupted while runnable; its next step is a get or put that does not wait. */
  async function interruptedBeforeAnOp(style: Style, op: 'get' | 'put'): Promise<string[]> {
    const sim = new Simulation();
    const q = new AsyncQueue<string>({ name: 'q' });
    const gate = new AsyncQueue<string>({ name: 'gate' });
    const log: string[] = [];
    const caught = (error: unknown): void => void log.push(`${error instanceof Interrupt ? 'Interrupt' : String(error)}, q.size=${q.size}`);
    const target =
      style === 'async'
        ? sim.process('t', async (p) => {
            try {
              await gate.get(p);
              if (op === 'get') log.push(`got ${String(await q.get(p))}`);
              else await q.put(p, 'x');
              log.push(`after the ${op}, q.size=${q.size}`);
              await p.sleep(1);
            } catch (error) {
              caught(error);
            }
          })
        : sim.process('t', function* (p): ProcessGenerator {
            try {
              yield gate.getStep(p);
              if (op === 'get') {
                const got = style === 'in-place' ? q.getInPlace(p) : YIELD;
                log.push(`got ${String(got === YIELD ? yield q.getStep(p) : got)}`);
              } else {
                const step = style === 'in-place' ? q.putOrStep(p, 'x') : q.putStep(p, 'x');
                if (step) yield step;
              }
              log.push(`after the ${op}, q.size=${q.size}`);
              yield p.sleepStep(1);
            } catch (error) {
              caught(error);
            }
          });
    sim.process('driver', () => {
      if (op === 'get') q.putNowait('item');
      gate.putNowait('go');
      target.interrupt();
    });
    await sim.run();
    return log;
  }

  test.each(['generator', 'in-place'] as const)(
    'an interrupt pending at a get or put that does not wait stays pending to the next wait (%s, as async)',
    async (style) => {
      const get = await interruptedBeforeAnOp('async', 'get');
      expect(get).toEqual(['got item', 'after the get, q.size=0', 'Interrupt, q.size=0']);
      expect(await interruptedBeforeAnOp(style, 'get')).toEqual(get);
      const put = await interruptedBeforeAnOp('async', 'put');
      expect(put).toEqual(['after the put, q.size=1', 'Interrupt, q.size=1']);
      expect(await interruptedBeforeAnOp(style, 'put')).toEqual(put);
    },
  );

  /** A queue whose onEnter hook wakes a watcher: the woken watcher goes before the putter, as with await put. */
  async function hookWakes(style: Style): Promise<string[]> {
    const sim = new Simulation();
    const log: string[] = [];
    const signal = new AsyncQueue<string>({ name: 'signal' });
    const q = new AsyncQueue<number>({ name: 'q', onEnter: (item) => signal.putNowait(`entered ${item}`) });
    if (style === 'async') {
      sim.process('watcher', async (p) => {
        for (let s = await signal.get(p); s !== CLOSED; s = await signal.get(p)) log.push(`watcher saw ${s}`);
      });
      sim.process('producer', async (p) => {
        await p.sleep(1);
        for (const x of [1, 2]) {
          await q.put(p, x);
          log.push(`producer put ${x}`);
        }
        signal.shutdown();
      });
    } else {
      sim.process('watcher', function* (p): ProcessGenerator {
        for (let s = yield signal.getStep(p); s !== CLOSED; s = yield signal.getStep(p)) log.push(`watcher saw ${String(s)}`);
      });
      sim.process('producer', function* (p): ProcessGenerator {
        yield p.sleepStep(1);
        for (const x of [1, 2]) {
          const step = style === 'in-place' ? q.putOrStep(p, x) : q.putStep(p, x);
          if (step) yield step;
          log.push(`producer put ${x}`);
        }
        signal.shutdown();
      });
    }
    await sim.run();
    return log;
  }

  test('a put whose onEnter hook wakes a process lets it go first, in place or not', async () => {
    const expected = ['watcher saw entered 1', 'producer put 1', 'watcher saw entered 2', 'producer put 2'];
    expect(await hookWakes('async')).toEqual(expected);
    expect(await hookWakes('generator')).toEqual(expected);
    expect(await hookWakes('in-place')).toEqual(expected);
  });
});
