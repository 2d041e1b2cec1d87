/**
 * A progress bar on stderr for long runs, drawn by cli-progress.
 *
 * Shown only when it cannot get in anyone's way: stderr is a terminal, CI is
 * not set, the format is text (json and ndjson are for scripts), and the log
 * is not being drawn on the same terminal (--quiet, or stdout redirected).
 * "Long" means paced in real time, or instant with at least
 * PROGRESS_MIN_ITEMS items. It writes only to stderr and is cleared when the
 * run ends, so stdout's bytes are the same with or without it.
 *
 * Per item it costs one counter increment; the bar reads the counter on a
 * timer (REDRAW_MS), which fires in instant runs too because the engine yields
 * to the event loop every few thousand events.
 */
import type { SingleBar } from 'cli-progress';
import type { RunObserver, RunStarted, Worker } from '../model/events.js';
import type { Env } from './color.js';
import type { CliIo } from './io.js';
import type { RunInvocation } from './run-options.js';

export const PROGRESS_MIN_ITEMS = 200_000;
const REDRAW_MS = 100;

/** CI services set CI (to "true", "1", a name…); "0", "false" and empty do not count. */
export function runningInCi(env: Env): boolean {
  const ci = env['CI'];
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

export function progressWanted(run: RunInvocation, io: CliIo): boolean {
  if (io.stderr.isTTY !== true || runningInCi(io.env)) return false;
  if (run.output.format !== 'text') return false;
  if (!run.quiet && io.stdout.isTTY === true) return false;
  const total = itemsToMake(run);
  if (!Number.isFinite(total)) return false; // no known total to show progress against
  return run.pacing.kind === 'wall-clock' || total >= PROGRESS_MIN_ITEMS;
}

/** Items the run will make: the sources' counts (Infinity when one has only a duration). */
export function itemsToMake(run: RunInvocation): number {
  return run.scenario.sources.reduce((sum, source) => sum + source.items, 0);
}

/**
 * Loads cli-progress only when a bar is shown, so other runs do not pay for it at start-up.
 * `unit` names what is counted: items in a run, points in a sweep.
 */
export async function createProgressBar(stream: CliIo['stderr'], total: number, unit = 'items'): Promise<ProgressBar> {
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as unknown as NodeJS.WritableStream,
      // cli-progress prints an unknown ETA (nothing done yet, or a stall) as "NFs": say "…" instead.
      format: (options, params) => {
        const bar = cliProgress.Format.BarFormat(params.progress, options);
        const percentage = Math.floor(params.progress * 100);
        const eta = typeof params.eta === 'number' && Number.isFinite(params.eta) ? cliProgress.Format.TimeFormat(params.eta, options, 5) : '…';
        return `qsim ${bar} ${percentage}% | ${params.value}/${params.total} ${unit} | ETA ${eta}`;
      },
      clearOnComplete: true,
      hideCursor: false,
      gracefulExit: false,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  return new ProgressBar(bar, total);
}

/** Counts items that are done with: consumed at the last stage, dropped or dead-lettered. */
export class ProgressBar implements RunObserver {
  #processed = 0;
  #lastStage = 0;
  readonly #bar: SingleBar;
  readonly #total: number;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(bar: SingleBar, total: number) {
    this.#bar = bar;
    this.#total = total;
  }

  runStarted(event: RunStarted): void {
    this.#lastStage = event.scenario.stages.length - 1;
  }

  itemProcessed(_time: number, consumer: Worker): void {
    if (consumer.group === this.#lastStage) this.#processed++;
  }

  itemDropped(): void {
    this.#processed++;
  }

  itemDeadLettered(): void {
    this.#processed++;
  }

  /** Counts one more done (a sweep's point), when the bar is not fed by a run's events. */
  advance(): void {
    this.#processed++;
  }

  start(): void {
    this.#bar.start(this.#total, 0);
    this.#timer = setInterval(() => this.#bar.update(this.#processed), REDRAW_MS);
    this.#timer.unref();
  }

  runFinished(): void {
    this.stop();
  }

  /** Removes the bar from the terminal; safe to call more than once. */
  stop(): void {
    if (this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#bar.stop();
  }
}
