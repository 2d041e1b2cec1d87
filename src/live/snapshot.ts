/**
 * What the live view shows at one instant: plain data, built on demand from
 * the live state (never per event) and rendered by a pure function, so a frame
 * can be tested from a snapshot alone.
 */

export interface HeaderSnapshot {
  /** One line describing the run's shape, e.g. "1 producer -> queue (unbounded) -> 2 consumers | ...". */
  readonly scenario: string;
  /** Virtual time shown, in seconds. */
  readonly time: number;
  /** Virtual seconds per wall second. */
  readonly speed: number;
  readonly seed: number;
  readonly paused: boolean;
  /** The run has ended (every worker done, or stopped). */
  readonly finished: boolean;
}

export interface ProducersSnapshot {
  readonly count: number;
  /** Items that have entered the queue so far. */
  readonly produced: number;
  /** Items the run will produce in total. */
  readonly total: number;
  /** Producers waiting for room in a full queue now. */
  readonly blocked: number;
  /** Producers that have made their last item. */
  readonly done: number;
}

export interface QueueSnapshot {
  readonly name: string;
  /** Items waiting in the queue now. */
  readonly size: number;
  /** Most items it can hold; Infinity when unbounded. */
  readonly capacity: number;
  /** The largest size seen so far. */
  readonly maxSeen: number;
  /** Recent sizes, oldest first, one per sample step (the largest size within that step). */
  readonly history: readonly number[];
}

export interface LaneSnapshot {
  /** A consumer of the built-in pipeline (the kind when none is given). */
  readonly kind?: 'consumer';
  readonly name: string;
  /** Index into the worker palette, as in the log. */
  readonly colour: number;
  readonly busy: boolean;
  /** The consumer has received the done signal and stopped. */
  readonly done: boolean;
  /** Id of the item in hand; undefined when idle. */
  readonly item: number | undefined;
  /** How far the current processing has gone, 0..1; 0 when idle. */
  readonly progress: number;
  readonly processed: number;
  /** Share of the elapsed virtual time spent processing, 0..1. */
  readonly utilization: number;
}

/**
 * What a model's process is doing: `busy` while it sleeps (its work takes
 * virtual time) or runs, `idle` while it waits on a queue or an event,
 * `blocked` while a put waits for room in a full queue, `done` once its body
 * has returned.
 */
export type ProcessLaneState = 'busy' | 'idle' | 'blocked' | 'done';

/** One process of a model run (`qsim run --model FILE --live`). */
export interface ProcessLaneSnapshot {
  readonly kind: 'process';
  readonly name: string;
  /** Index into the worker palette, as in the log; -1 for a process that does not log. */
  readonly colour: number;
  readonly state: ProcessLaneState;
  /** What it waits on ("sleep", "get from queue jobs", …); '' while it runs or once it is done. */
  readonly on: string;
  /** How far its sleep has gone, 0..1; 0 when it is not sleeping. */
  readonly progress: number;
  /** Lines it has logged. */
  readonly lines: number;
  /** Share of the elapsed virtual time spent sleeping, 0..1. */
  readonly utilization: number;
}

export interface LogLine {
  /** The log line as the text log prints it, without colour or newline. */
  readonly text: string;
  /** The worker palette index to colour it with; -1 for lines of no worker (the final line). */
  readonly colour: number;
}

export interface LiveSnapshot {
  readonly header: HeaderSnapshot;
  /** The built-in pipeline's producers; a model has none (its producers are processes, shown as lanes). */
  readonly producers?: ProducersSnapshot;
  /** One per stage, in pipeline order; a model's queues in creation order. */
  readonly queues: readonly QueueSnapshot[];
  /** One per consumer; a model's processes in creation order. */
  readonly lanes: readonly (LaneSnapshot | ProcessLaneSnapshot)[];
  /** The most recent log lines, oldest first. */
  readonly log: readonly LogLine[];
}

/** A snapshot of a built-in pipeline run: producers and consumer lanes always there. */
export interface PipelineSnapshot extends LiveSnapshot {
  readonly producers: ProducersSnapshot;
  readonly lanes: readonly LaneSnapshot[];
}

/** What the live view draws from: a run's live state. */
export interface LiveSource {
  /** The view at the clock's time; called once per frame, never per event. */
  snapshot(clock: LiveClock): LiveSnapshot;
}

/** What the view adds to the run's own state: the clock it shows and how it is paced. */
export interface LiveClock {
  /** Virtual time to show (the pacing's continuous clock); never earlier than the last event. */
  readonly time: number;
  readonly speed: number;
  readonly paused: boolean;
}
