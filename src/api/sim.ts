/**
 * The model API: a simulation written as code, on the same engine as
 * `qsim run`, with the same pacing, log, statistics and outputs.
 *
 * The engine's rule: a process waits only through these primitives —
 * `p.sleep`, `p.wait`, `p.anyOf`, `p.allOf`, and a queue's `put`, `get`
 * (also with a timeout), `join` and `for await` — one wait at a time. Each primitive tells the
 * engine when the process suspends and when it is woken, so the engine knows
 * the moment every process is waiting and only then moves the clock. A plain
 * Promise (a timer, I/O, a promise resolved by another process) awaited in a
 * process is invisible to it: the run stops with a StalledError naming the
 * process instead of hanging. When every process waits and nothing is
 * scheduled, the run stops with a DeadlockError naming each process and what
 * it waits on.
 */
import { InvalidArgumentError, ProcessFailedError, QsimError } from '../core/errors.js';
import type { Pacing } from '../core/pacing.js';
import { RandomSource } from '../core/random.js';
import { Simulation } from '../core/simulation.js';
import type { Timers } from '../core/timers.js';
import { nameProblem } from '../model/names.js';
import { quote } from '../model/quote.js';
import { combineModelObservers, type ModelFinished, type ModelObserver, type ProcessInfo, type QueueInfo, type QueueKind } from './model-events.js';
import { runAsProcess, runningProcess } from './process-context.js';
import { ProcessRuntime, type SimContext } from './process-runtime.js';
import { SimEventImpl, type SimEvent } from './sim-event.js';
import { SimProcessImpl, type SimProcess } from './sim-process.js';
import { SimQueueImpl, type SimQueue, type SimQueueOptions } from './sim-queue.js';
import { SimRandomImpl, type SimRandom } from './sim-random.js';
import { shownValue } from './shown-value.js';

export interface SimOptions {
  /** Seed of every random stream; 0 by default. A whole number from 0 to Number.MAX_SAFE_INTEGER. */
  seed?: number;
  /** How virtual time maps to the wall clock; instant by default. */
  pacing?: Pacing;
  /** Host timers (tests inject fake ones). */
  timers?: Timers;
  /** Who hears the run's events: the text log, statistics, NDJSON (see ModelObserver). */
  observers?: readonly ModelObserver[];
}

export interface SimProcessOptions {
  /**
   * false: the process never logs, so its name takes no colour and does not
   * widen the log's name column (a producer that works silently, say). Default true.
   */
  log?: boolean;
}

export interface SimRunOptions {
  /**
   * Aborting stops the run where it stands; run() then resolves with the time it reached. Aborted with a
   * QsimError as its reason, the run fails with that error instead (run() rejects).
   */
  signal?: AbortSignal;
}

/** How a run ended. */
export type SimResult = ModelFinished;

/** The body of a process: an async function of its `p`. */
export type SimProcessBody = (p: SimProcess) => Promise<unknown> | void;

const QUEUE_KINDS: readonly QueueKind[] = ['fifo', 'lifo', 'priority'];

/**
 * A simulation built as code: queues, processes, events and random streams,
 * then `run()`. `qsim run --model FILE` creates one, hands it to the file's
 * default export with the run's options, and runs it.
 *
 * Logging: `p.log(text)` prints `[ name ] text` in the process's colour, as
 * `qsim run` prints its consumers. The name column is as wide as the longest
 * name among the processes created before the run starts that may log (at
 * least 6); a process created during the run with a longer name gets a
 * wider tag of its own rather than shifting the others.
 *
 * The run ends when every process has finished (timeouts still pending then
 * are dropped); `run()` resolves with the virtual time it ended at and the
 * items left in the queues.
 *
 * @example
 * import { Sim } from 'qsim';
 *
 * const sim = new Sim({ seed: 1 });
 * const q = sim.queue<number>({ name: 'jobs', capacity: 5 });
 * sim.process('producer', async (p) => {
 *   for (let i = 0; i < 10; i++) {
 *     await q.put(i);
 *     await p.sleep(p.random.exp(0.5));
 *   }
 *   q.shutdown();
 * }, { log: false });
 * sim.process('worker', async (p) => {
 *   for await (const job of q) {
 *     p.log(`job ${job}`);
 *     await p.sleep(p.random.uniform(0.2, 0.8));
 *   }
 * });
 * const { time } = await sim.run();
 */
export class Sim {
  readonly seed: number;
  readonly #engine: Simulation;
  readonly #context: SimContext;
  readonly #events: ReturnType<typeof combineModelObservers>;
  readonly #randomSource: RandomSource;
  readonly #streams = new Map<string, SimRandomImpl>();
  readonly #queues: SimQueueImpl<unknown>[] = [];
  readonly #processes: ProcessRuntime[] = [];
  readonly #queueNames = new Set<string>();
  readonly #processNames = new Set<string>();
  #colours = 0;
  #eventCount = 0;
  #unfinished = 0;
  #state: 'building' | 'running' | 'ended' = 'building';

  constructor(options: SimOptions = {}) {
    const seed = options.seed ?? 0;
    if (!Number.isSafeInteger(seed) || seed < 0) throw new InvalidArgumentError(`Sim expects a seed that is a whole number >= 0, got ${seed}`);
    this.seed = seed;
    this.#engine = new Simulation({
      ...(options.pacing ? { pacing: options.pacing } : {}),
      ...(options.timers ? { timers: options.timers } : {}),
    });
    this.#events = combineModelObservers(options.observers ?? []);
    this.#randomSource = new RandomSource(seed);
    const engine = this.#engine;
    const events = this.#events;
    const context: SimContext = {
      engine,
      events,
      current: (what) => {
        const running = runningProcess();
        if (running === undefined || running.finished) return undefined;
        if (running.sim === context) return running;
        // A process of another simulation: its put or get would go unseen by its own simulation. The
        // nowait forms (what undefined) may be used from anywhere, as from the model function (a planner
        // filling an inner simulation's queue, then reading what it left).
        if (what !== undefined) throw new InvalidArgumentError(`${what}: it belongs to another simulation than process ${running.name}`);
        return undefined;
      },
      waitingProcess: (what) => {
        const running = runningProcess();
        if (running === undefined) {
          throw new InvalidArgumentError(
            `${what} waits, so it can be called only from inside a process (sim.process(name, async (p) => …)), not from the model function or a callback`,
          );
        }
        if (running.sim !== context) throw new InvalidArgumentError(`${what}: it belongs to another simulation than process ${running.name}`);
        if (running.finished) throw new InvalidArgumentError(`${what} was called by process ${running.name}, which has finished`);
        return running;
      },
    };
    this.#context = context;
  }

  /** Virtual time in seconds. */
  get now(): number {
    return this.#engine.now;
  }

  /** Items in all the queues now. */
  get queuedItems(): number {
    return this.#queues.reduce((sum, queue) => sum + queue.size, 0);
  }

  /**
   * Creates a queue. FIFO and unbounded by default.
   *
   * @example
   * const urgentFirst = sim.queue<Job>({ name: 'jobs', priority: (job) => (job.urgent ? 0 : 1) });
   * const stack = sim.queue<string>({ kind: 'lifo', capacity: 3 });
   */
  queue<T>(options: SimQueueOptions<T> = {}): SimQueue<T> {
    this.#notEnded('sim.queue()');
    const name = options.name ?? `queue-${this.#queues.length + 1}`;
    this.#checkName('queue', name, this.#queueNames);
    const capacity = options.capacity ?? Infinity;
    if (capacity !== Infinity && (!Number.isSafeInteger(capacity) || capacity < 1)) {
      throw new InvalidArgumentError(`queue ${name}: capacity must be a whole number >= 1 (or left out for no limit), got ${capacity}`);
    }
    const kind = options.kind ?? (options.priority ? 'priority' : 'fifo');
    if (!QUEUE_KINDS.includes(kind)) throw new InvalidArgumentError(`queue ${name}: kind must be one of ${QUEUE_KINDS.join(', ')}, got ${quote(String(kind))}`);
    if (kind === 'priority' && typeof options.priority !== 'function') {
      throw new InvalidArgumentError(`queue ${name}: a priority queue needs a priority function, e.g. { priority: (item) => item.rank }`);
    }
    if (kind !== 'priority' && options.priority !== undefined) {
      throw new InvalidArgumentError(`queue ${name}: a priority function needs kind 'priority', got kind ${quote(kind)}`);
    }
    const info: QueueInfo = { index: this.#queues.length, name, kind, capacity };
    const queue = new SimQueueImpl<T>(this.#context, info, options.priority);
    this.#queueNames.add(name);
    this.#queues.push(queue as SimQueueImpl<unknown>);
    this.#events.queueCreated(this.#engine.now, info);
    return queue;
  }

  /**
   * Creates a process running `body`; it starts at the current virtual time,
   * after the events already due, in creation order. Names are unique: they
   * tag its log lines, its statistics and its random stream (`p.random`).
   *
   * @example
   * sim.process('Fred', async (p) => {
   *   for await (const item of q) {
   *     p.log(`Got item: ${item}`);
   *     await p.sleep(p.random.uniform(0, 3));
   *   }
   *   p.log('Done');
   * });
   */
  process(name: string, body: SimProcessBody, options: SimProcessOptions = {}): SimProcess {
    this.#notEnded('sim.process()');
    this.#checkName('process', name, this.#processNames);
    if (typeof body !== 'function') throw new InvalidArgumentError(`process ${name}: the body must be a function, got ${typeof body}`);
    const engine = this.#engine;
    const events = this.#events;
    const info: ProcessInfo = { index: this.#processes.length, name, colour: options.log === false ? -1 : this.#colours++ };
    const runtime = new ProcessRuntime(this.#context, info);
    const handle = new SimProcessImpl(runtime, this.random(`process:${name}`));
    this.#processNames.add(name);
    this.#processes.push(runtime);
    this.#unfinished++;
    runtime.core = engine.process(name, () =>
      runAsProcess(runtime, async () => {
        events.processStarted(engine.now, info);
        try {
          try {
            await body(handle);
          } finally {
            runtime.bodyEnded = true;
          }
          if (runtime.waiting) {
            throw new InvalidArgumentError(`it returned while still waiting on ${runtime.core?.waitingOn}: a process must await every wait it starts`);
          }
        } catch (error) {
          // Name the process for every error, the model API's own included (the engine passes QsimErrors on as they are).
          throw error instanceof ProcessFailedError ? error : new ProcessFailedError(name, engine.now, error);
        }
        runtime.finished = true;
        events.processFinished(engine.now, info);
        handle.done.succeed();
        // Nothing can happen once no process is left: end now rather than at a timeout nobody awaits.
        if (--this.#unfinished === 0 && this.#state === 'running') engine.stop();
      }),
    );
    events.processCreated(engine.now, info);
    return handle;
  }

  /**
   * Creates an event that code of the model triggers with `succeed(value)` or `fail(error)`.
   *
   * @example
   * const ready = sim.event<number>('ready');
   * sim.process('waiter', async (p) => p.log(`got ${await p.wait(ready)}`));
   * sim.process('trigger', async (p) => { await p.sleep(2); ready.succeed(42); });
   */
  event<T = void>(name?: string): SimEvent<T> {
    this.#notEnded('sim.event()');
    return new SimEventImpl<T>(name ?? `event-${++this.#eventCount}`);
  }

  /** An event that succeeds with `value` after `delay` seconds of virtual time. */
  timeout<T = void>(delay: number, value?: T): SimEvent<T> {
    this.#notEnded('sim.timeout()');
    if (!(delay >= 0) || !Number.isFinite(delay)) throw new InvalidArgumentError(`sim.timeout expects a finite number of seconds >= 0, got ${shownValue(delay)}`);
    const event = new SimEventImpl<T>(`timeout ${delay} s`);
    this.#engine.schedule(delay, () => (event as SimEventImpl<unknown>).succeed(value));
    return event;
  }

  /**
   * The random stream named `name` (the same object for the same name). The
   * streams of `qsim run` are "producer:I" and "consumer:I" (0-based), so a
   * model can replay the built-in runs.
   */
  random(name: string): SimRandom {
    if (typeof name !== 'string' || name === '') throw new InvalidArgumentError('sim.random expects a non-empty stream name');
    let stream = this.#streams.get(name);
    if (stream === undefined) {
      stream = new SimRandomImpl(name, this.#randomSource.stream(name));
      this.#streams.set(name, stream);
    }
    return stream;
  }

  /**
   * Runs the model until every process has finished. Rejects with
   * ProcessFailedError (a process threw), DeadlockError (every process waits
   * and nothing is scheduled) or StalledError (a process awaited something
   * outside the engine).
   */
  async run(options: SimRunOptions = {}): Promise<SimResult> {
    if (this.#state !== 'building') throw new InvalidArgumentError('a Sim can run only once');
    this.#state = 'running';
    const engine = this.#engine;
    this.#events.modelStarted({
      seed: this.seed,
      queues: this.#queues.map((queue) => queue.info),
      processes: this.#processes.map((process) => process.info),
    });
    const { signal } = options;
    // The model stops where virtual time stands (Simulation.atClockTime). Aborted with a qsim error as its
    // reason (an error of the model's outside any process), the run fails with it at once.
    const stop = (): void => {
      if (signal?.reason instanceof QsimError) engine.stop(signal.reason);
      else engine.atClockTime(() => engine.stop());
    };
    signal?.addEventListener('abort', stop, { once: true });
    try {
      const done = engine.run();
      if (this.#unfinished === 0 || signal?.aborted) engine.stop();
      await done;
    } finally {
      signal?.removeEventListener('abort', stop);
      this.#state = 'ended';
    }
    const result: SimResult = { time: engine.now, finalQueueSize: this.queuedItems, interrupted: this.#unfinished > 0 && signal?.aborted === true };
    this.#events.modelFinished(result);
    return result;
  }

  #notEnded(what: string): void {
    if (this.#state === 'ended') throw new InvalidArgumentError(`${what} was called after the run ended`);
  }

  #checkName(kind: string, name: string, taken: ReadonlySet<string>): void {
    if (typeof name !== 'string') throw new InvalidArgumentError(`a ${kind} name must be a string, got ${typeof name}`);
    const problem = nameProblem(name);
    if (problem !== undefined) throw new InvalidArgumentError(`${kind} name ${quote(name)} cannot be used: ${problem}`);
    if (taken.has(name)) throw new InvalidArgumentError(`a ${kind} named ${quote(name)} already exists; ${kind} names are unique`);
  }
}
