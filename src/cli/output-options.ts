/**
 * The output flags of `qsim run`: --format, --stats, --chart, --timestamps,
 * --explain. --stats, --chart, --timestamps and --explain add text around the
 * log, so they only go with --format text: json and ndjson print data and
 * nothing else (their summary always holds the `theory` that --explain puts
 * into words). None of them goes with --live, whose view takes the whole screen.
 */
import { invalidValue, UsageError } from './usage-error.js';

export const OUTPUT_FORMATS = ['text', 'json', 'ndjson'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The strings and switches commander hands over; unchecked user input. */
export interface OutputFlags {
  format?: string;
  stats?: boolean;
  chart?: boolean;
  timestamps?: boolean;
  explain?: boolean;
}

export interface OutputChoice {
  readonly format: OutputFormat;
  /** --stats: the summary table after the log. */
  readonly stats: boolean;
  /** --chart: the queue-size chart and utilization bars after the log. */
  readonly chart: boolean;
  /** --timestamps: each log line starts with the simulated time. */
  readonly timestamps: boolean;
  /** --explain: queueing theory beside the simulated figures, in words, after the log. */
  readonly explain: boolean;
}

const TEXT_OPTIONS = ['stats', 'chart', 'timestamps', 'explain'] as const;

/** `live`: --live, whose full-screen view replaces every other output. */
export function parseOutputFlags(flags: OutputFlags & { live?: boolean }): OutputChoice {
  const given = flags.format ?? 'text';
  const format = OUTPUT_FORMATS.find((name) => name === given.trim().toLowerCase());
  if (format === undefined) throw invalidValue('--format', `one of ${OUTPUT_FORMATS.join(', ')}`, given);
  const choice: OutputChoice = {
    format,
    stats: flags.stats === true,
    chart: flags.chart === true,
    timestamps: flags.timestamps === true,
    explain: flags.explain === true,
  };
  if (flags.live) {
    if (format !== 'text') throw new UsageError(`--format ${format} cannot be used with --live: the live view draws the whole screen`);
    for (const option of TEXT_OPTIONS) {
      if (choice[option]) throw new UsageError(`--${option} cannot be used with --live: the live view draws the whole screen`);
    }
  }
  if (format !== 'text') {
    for (const option of TEXT_OPTIONS) {
      if (choice[option]) {
        const why = option === 'explain' ? `; the ${format} summary always holds the theory object` : ' (use --format text)';
        throw new UsageError(`--${option} adds text to the log, so it cannot be used with --format ${format}${why}`);
      }
    }
  }
  return choice;
}
