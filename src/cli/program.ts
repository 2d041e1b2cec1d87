import { Command } from 'commander';
import type { CliIo } from './io.js';
import { runCommand } from './run-command.js';
import { RUN_DEFAULTS, type RunFlags } from './run-options.js';

const RUN_EXAMPLES = `
Examples:
  $ qsim run                                   the demo: 20 items, Fred and George, live (about 15 s)
  $ qsim run --seed 7 --instant                the same run in virtual time, at once
  $ qsim run --items 100 --consumers 4 --speed 10
                                               4 consumers, ten times faster than real time
  $ qsim run --consumers Ann,Bob,Cy --interval 250ms --max-delay 1s --capacity 5
  $ qsim run --instant --quiet --items 1000000 --consumers 4 --interval 0.25s --max-delay 1.5s
  $ qsim run --instant --debug --items 1000    the same log, with the engine's invariants checked
  $ qsim run --instant --items 10000000 | head -n 3
                                               stops quietly once head has its lines

Durations: 250ms, 0.5s, 2s, 1m, 1h; a bare number means seconds.
Output: one line per consumer event, "[ Fred ] Got item: 3 (size 2)" (size = items
left in the queue right after the get) and "[George] Done", then "Queue size is now N"
(items left unconsumed). The same options and seed print the same bytes at any pacing.
Colour: on a terminal; --color/--no-color, FORCE_COLOR and NO_COLOR override.
Stopping: Ctrl-C or SIGTERM stops the producers at once; consumers finish the items
they hold, then "Queue size is now N" counts the items left (exit 130, or 143 for
SIGTERM). A second Ctrl-C stops at once. If stdout closes (| head), the run stops
quietly with exit 0.
--debug: checks invariants during the run (each item got once, queue size within
capacity, taskDone calls, virtual time never going back, no step holding the event
loop over 100 ms) and, at the end, processes still pending and items never
processed. One "qsim: debug: ..." line on stderr per finding; any finding: exit 1.
Exit codes: 0 success (also when stdout closes early), 1 run failure (deadlock,
failed process, --debug finding, failed write), 2 bad input, 130 Ctrl-C, 143 SIGTERM.`;

export function buildProgram(io: CliIo, version: string, setExitCode: (code: number) => void): Command {
  const program = new Command('qsim');
  program
    .description('Simulate producer/consumer pipelines: watch a queue live, or run it instantly and reproducibly.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: () => {}, // only ever the whole help after a missing command: main() prints one line instead
      outputError: () => {}, // main() prints every error itself, on one line
    })
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `
Example:
  $ qsim run --items 20 --consumers Fred,George

Run 'qsim run --help' for every option.`,
    );

  program
    .command('run')
    .description('run producers and consumers around a shared queue and print each consumer\'s log')
    .option('-p, --producers <n>', `number of producers (default: ${RUN_DEFAULTS.producers})`)
    .option('-c, --consumers <names|n>', `comma-separated consumer names, or a count n for consumer-1..consumer-n (default: "${RUN_DEFAULTS.consumers}")`)
    .option('-n, --items <n>', `items to produce in total, numbered 0..n-1 as they enter the queue (default: ${RUN_DEFAULTS.items})`)
    .option('-i, --interval <duration>', `each producer waits this long after each put (default: ${RUN_DEFAULTS.interval})`)
    .option('-d, --max-delay <duration>', `processing time is uniform in [0, max) (default: ${RUN_DEFAULTS.maxDelay})`)
    .option('--capacity <n>', 'queue capacity; producers wait while it is full (default: unbounded)')
    .option('--seed <n>', 'seed for all randomness (default: random, printed on stderr)')
    .option('--speed <factor>', `pace: virtual seconds per wall second, 10 = ten times faster (default: ${RUN_DEFAULTS.speed})`)
    .option('--instant', 'run in virtual time without waiting (same output, at once)')
    .option('-q, --quiet', 'print only the final line')
    .option('--color', 'colour the log even when stdout is not a terminal')
    .option('--no-color', 'never colour the log')
    .option('--debug', 'check invariants while running; report findings on stderr and exit 1 if any')
    .addHelpText('after', RUN_EXAMPLES)
    .action(async (flags: RunFlags) => {
      setExitCode(await runCommand(flags, io));
    });

  return program;
}
