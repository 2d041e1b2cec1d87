/**
 * The output flags of `qsim run`: --format, --stats, --chart, --timestamps.
 * --stats, --chart and --timestamps add text around the log, so they only go
 * with --format text: json and ndjson print data and nothing else.
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
}

export interface OutputChoice {
  readonly format: OutputFormat;
  /** --stats: the summary table after the log. */
  readonly stats: boolean;
  /** --chart: the queue-size chart and utilization bars after the log. */
  readonly chart: boolean;
  /** --timestamps: each log line starts with the simulated time. */
  readonly timestamps: boolean;
}

export function parseOutputFlags(flags: OutputFlags): OutputChoice {
  const given = flags.format ?? 'text';
  const format = OUTPUT_FORMATS.find((name) => name === given.trim().toLowerCase());
  if (format === undefined) throw invalidValue('--format', `one of ${OUTPUT_FORMATS.join(', ')}`, given);
  const choice: OutputChoice = {
    format,
    stats: flags.stats === true,
    chart: flags.chart === true,
    timestamps: flags.timestamps === true,
  };
  if (format !== 'text') {
    for (const option of ['stats', 'chart', 'timestamps'] as const) {
      if (choice[option]) {
        throw new UsageError(`--${option} adds text to the log, so it cannot be used with --format ${format} (use --format text)`);
      }
    }
  }
  return choice;
}
