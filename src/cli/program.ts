import { availableParallelism } from 'node:os';
import { Command } from 'commander';
import { METRIC_NAMES } from '../sweep/metrics.js';
import type { CliIo } from './io.js';
import type { MergeFlags } from './merge-command.js';
import { RUN_DEFAULTS } from './run-defaults.js';
import type { RunFlags } from './run-options.js';
import type { SweepFlags } from './sweep-options.js';
import { invalidValue, quote } from './usage-error.js';

const RUN_EXAMPLES = `
Examples:
  $ qsim run                                   the demo: 20 items, Fred and George, live (about 15 s)
  $ qsim run --seed 7 --instant                the same run in virtual time, at once
  $ qsim run --items 100 --consumers 4 --speed 10
                                               4 consumers, ten times faster than real time
  $ qsim run --consumers Ann,Bob,Cy --interval 250ms --max-delay 1s --capacity 5
  $ qsim run --instant --quiet --items 1000000 --consumers 4 --interval 0.25s --max-delay 1.5s
  $ qsim run --instant --consumers 4 --interval 'exp(278ms)' --delay 'exp(1s)' --items 1000
                                               Poisson arrivals, exponential service (M/M/4)
  $ qsim run --instant --consumers 1 --concurrency 3 --delay 'lognormal(1s,500ms)' --duration 1m
                                               one consumer handling 3 items at once, one minute of arrivals
  $ qsim run --instant --capacity 5 --on-full drop-newest --interval 100ms
                                               shed load: a full queue discards new items
  $ qsim run --scenario examples/etl.yaml --instant
                                               a multi-stage pipeline from a scenario file
  $ qsim run --seed 7 --items 50 --print-scenario > my.yaml
                                               these options as a scenario file to grow
  $ qsim run --model examples/models/batching.ts --seed 1 --items 100 --instant --stats
                                               a model written as code (TypeScript runs as is)
  $ qsim run --model my-model.ts --set batch=4 --set window=250ms --instant
                                               model parameters, read as opts.set.batch, opts.set.window
  $ qsim run --model examples/models/priority.ts --seed 1 --duration 10m --instant --replications 8
                                               8 runs of a model: each queue's figures as mean ± 95% CI
  $ qsim run --live --seed 1                   watch the queue, the consumers and the log full-screen
  $ qsim run --model examples/models/demo.mjs --live --seed 1
                                               watch a model: its queues, one lane per process, its log
  $ qsim run --model examples/models/demo.mjs --seed 1 --instant --quiet --chart
                                               a model's queues over time, one chart each
  $ qsim run --seed 1 --instant --stats --chart
                                               the log, then a statistics table and the queue size drawn
  $ qsim run --seed 1 --instant --explain      the demo, then why its queue grows (ρ = 1.5)
  $ qsim run --instant --seed 3 -n 1000000 -c 4 -i 'exp(278ms)' --delay 'exp(1s)' -q --explain
                                               M/M/4 at ρ = 0.9: simulated mean wait beside Erlang C's
  $ qsim run --instant --seed 3 -n 200000 -c 4 -i 'exp(278ms)' --delay 'exp(1s)' --replications 8 --explain
                                               8 runs on all cores: mean ± 95% CI, and whether theory is inside
  $ qsim run --instant -n 100000 -c 1 -i 'exp(1s)' --delay 'exp(800ms)' --warmup 1h --stats
                                               statistics after the first simulated hour only
  $ qsim run --seed 1 --instant --format json | jq .waitSeconds.p95
  $ qsim run --seed 1 --instant --format ndjson | jq -c 'select(.type == "got")'
  $ qsim run --instant --debug --items 1000    the same log, with the engine's invariants checked
  $ qsim run --instant --items 10000000 | head -n 3
                                               stops quietly once head has its lines

Durations: 250ms, 0.5s, 2s, 1m, 1h; a bare number means seconds.
Distributions (--interval, --delay): a bare duration is constant; const(0.5s);
  uniform(min,max); exp(mean); normal(mean,sd), truncated at 0 by redrawing
  negatives; lognormal(mean,sd), the mean and sd of the values themselves;
  erlang(k,mean), the sum of k exponentials. Quote them in the shell.
--duration ends production: items due before it are made, an item due exactly
  at it is not; with --items too, whichever comes first. Consumers then finish
  the queue.
Dropped items (--on-full drop-*) are logged "[producer-1] Dropped item: 7 (size 5)",
  tagged with the producer whose put found the queue full.
Scenario files (--scenario): YAML or JSON with sources and stages (failures,
  retries, dead letters); check one with 'qsim validate FILE'. --seed, --speed,
  --instant, --quiet and the output options override the file.
Models (--model FILE): a .mjs, .js or .ts module whose default export builds the model with the
  model API (sim.queue, sim.process, p.sleep, p.log, …; see "Writing a model" in the README); it gets
  this command's options as opts and --set NAME=VALUE as opts.set (numbers and durations parsed).
  With --live, one lane per process (busy asleep, idle waiting, blocked on a full queue, done) and
  q/Ctrl-C stop the model where it stands (exit 130). --chart draws one chart per queue and a bar
  per process (its time in p.sleep). Not with --scenario or --print-scenario.
  A model file that cannot be loaded exits 2.
Output: one line per consumer event, "[ Fred ] Got item: 3 (size 2)" (size = items
left in the queue right after the get) and "[George] Done", then "Queue size is now N"
(items left unconsumed). The same options and seed print the same bytes at any pacing.
Live view (--live): a full-screen view redrawn a few times a second: the queue as a bar
with a sparkline of its history, one lane per consumer (item in hand, progress, items
processed, utilization), and the latest log lines. Keys: space pauses and resumes,
+/- double or halve the speed, q or Ctrl-C stops the run as Ctrl-C does without
--live (consumers finish what they hold; a second q stops at once; exit 130). When it closes,
the final line prints on the normal screen. Needs a terminal on stdin and stdout.
--format json prints one summary object (seed, simulatedSeconds, warmupSeconds, items,
throughputPerSecond, queue, waitSeconds, systemSeconds, consumers, producers, stages,
bottleneck, theory, options) and nothing else;
--format ndjson prints one object per event (put, got, processed, done, blocked, dropped,
failed, dead-lettered) and then {"type":"summary",...}. Numbers are rounded to 9 decimals.
Theory (--explain; the theory object of --format json): offered load ρ = arrival
  rate × mean processing time / (consumers × concurrency). At ρ >= 1 the consumers
  cannot keep up and the backlog grows by (arrival rate − service rate) items/s.
  Below 1 the steady-state mean wait comes from Erlang C (M/M/c), Pollaczek–
  Khinchine (M/G/1), G/M/1 (incl. D/M/1) or M/M/c/K (drop-newest), all exact, or
  Kingman / Allen–Cunneen (approximations); otherwise qsim says why none applies.
  A pipeline names its bottleneck stage (also in --stats).
--warmup d leaves the first d of simulated time out of waits, queue sizes, busy
  time and throughput (item counts stay whole-run); the log is unchanged.
--replications n runs seeds seed..seed+n-1 in virtual time on --jobs worker
  threads and prints no log: text shows each key figure as mean ± 95% confidence
  interval (then --stats and --explain for the merged figures), json the merged
  summary with a replications object, ndjson a line per replication and then the
  summary. The output is the same whatever --jobs is. Not with --live, --speed,
  --chart or --timestamps. With --model, text shows each queue's mean and p95
  wait, mean and max size and throughput as mean ± 95% CI.
Colour: on a terminal; --color/--no-color, FORCE_COLOR and NO_COLOR override.
Stopping: Ctrl-C or SIGTERM stops the producers at once; consumers finish the items
they hold (after Ctrl-C at the run's pace, after SIGTERM at once), then "Queue size
is now N" counts the items left (exit 130, or 143 for SIGTERM). A second Ctrl-C
stops at once. If stdout closes (| head), the run stops
quietly with exit 0.
--debug: checks invariants during the run (each item got once, queue size within
capacity, taskDone calls, virtual time never going back, no step holding the event
loop over 100 ms) and, at the end, processes still pending and items never
processed. One "qsim: debug: ..." line on stderr per finding; any finding: exit 1.
Exit codes: 0 success (also when stdout closes early), 1 run failure (deadlock,
failed process, --debug finding, failed write), 2 bad input, 130 Ctrl-C (or q
in --live), 143 SIGTERM.`;

/** Gathers a repeatable option's values in order. */
function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

const SWEEP_EXAMPLES = `
Examples:
  $ qsim sweep --vary consumers=1..8 --interval 'exp(250ms)' --delay 'exp(1s)' --items 200000 --slo 'wait.p95<2s'
                                               how many consumers keep 95% of waits under 2 s? (M/M/c)
  $ qsim sweep --vary consumers=2..6 --vary concurrency=1..3 --interval 'exp(100ms)' --delay 'exp(1s)' \\
      --items 20000 --slo 'wait.p95<500ms' --slo 'utilization<0.9'
                                               a grid: 5 x 3 points, two objectives
  $ qsim sweep --vary 'delay=exp(200ms)|erlang(4,200ms)|200ms' --consumers 1 --interval 'exp(250ms)' --items 50000
                                               the same mean service time, less and less variable
  $ qsim sweep --vary consumers=4..8 --interval 'exp(250ms)' --delay 'exp(1s)' --items 20000 \\
      --replications 10 --slo 'wait.p95<2s' --seed 1
                                               mean ± 95% CI over 10 runs a point; an SLO must hold at the CI's worse end
  $ qsim sweep --scenario examples/etl.yaml --vary stages.transform.workers=3..6 --slo 'system.p95<5s'
  $ qsim sweep --model examples/models/batching.ts --vary set.batch=1..10 --items 2000 --slo 'wait.p95<2s'
                                               a model written as code, over its --set batch parameter
  $ qsim sweep --vary consumers=1..8 --interval 'exp(250ms)' --delay 'exp(1s)' --items 200000 --slo 'wait.p95<2s' --chart
  $ qsim sweep … --format json | jq '.recommendation'
  $ parallel qsim sweep … --seed 1 --shard {}/4 --format ndjson '>' shard-{}.ndjson ::: 1 2 3 4
  $ qsim merge shard-*.ndjson                  the table of the whole sweep, as without --shard

VALUES: a..b whole numbers (8..1 counts down); a..b/N N evenly spaced numbers or
  durations, ends included (0.5s..2s/4 = 500ms|1s|1.5s|2s); x|y|z a list, each part
  possibly a range (1..4|8|16). NAME: producers, consumers, items, interval, delay,
  max-delay, concurrency, capacity, on-full or duration; with --scenario a path
  stages.NAME.FIELD or sources.NAME.FIELD (NAME may be an index: stages[1].workers);
  with --model also set.NAME, the model's parameter opts.set.NAME (values read as --set).
--slo METRIC OP VALUE, OP one of < <= > >= ==: wait.* and system.* (mean, p50, p95,
  p99, max) take durations; queue.max, queue.mean, dropped and deadLettered counts;
  throughput items/s; utilization a fraction or a percentage (0.85, 85%; at most 1),
  the busiest stage's. A point passes when it meets every SLO; with --replications, when the
  95% confidence interval's worse end does.
Recommendation: the passing point with the fewest worker slots (workers x
  concurrency, over all stages), then the first in grid order.
--model: the figures are the model's first queue's (throughput, wait.*, queue.*);
  system.*, utilization, dropped and deadLettered are not measured. ρ and slots are
  unknown (printed -), so the first passing point in grid order is recommended.
ρ (rho): offered load, arrival rate x mean service time / slots, from the
  distributions' means; for a pipeline, its busiest stage's. At ρ >= 1 the queue
  grows for as long as items arrive: such a point is never recommended, even when
  it passes ('pass, ρ ≥ 1'; a stage that drops when full sheds the excess instead).
Seeds: run r of point i uses the top 32 bits of splitmix64(splitmix64(splitmix64(seed)
  ^ i) ^ r), listed per point in json/ndjson/csv; results do not depend on --jobs
  or --shard, and 'qsim run … --seed S' repeats one run.
--format ndjson prints a line per point ({"type":"point",…}) in index order as soon
  as it and the points before it have finished, then {"type":"summary",…}; every line
  has the sweep's fingerprint, which qsim merge checks.
Ctrl-C stops starting points, prints the finished ones (still in index order, with
  gaps where a point did not finish) and exits 130.
Exit codes: 0 done (whether or not a point passes), 1 a run failed, 2 bad input,
130 stopped with Ctrl-C.`;

const MERGE_EXAMPLES = `
Examples:
  $ for k in 1 2 3; do qsim sweep --vary consumers=1..8 --interval 'exp(250ms)' --delay 'exp(1s)' \\
      --items 200000 --slo 'wait.p95<2s' --seed 7 --shard $k/3 --format ndjson > shard-$k.ndjson; done
  $ qsim merge shard-1.ndjson shard-2.ndjson shard-3.ndjson
                                               the same table and recommendation as the sweep without --shard
  $ cat shard-*.ndjson | qsim merge - --format json

The files must come from one sweep (the same command apart from --shard: each line
carries the sweep's fingerprint) and hold every shard and every point exactly once
(each FILE once, - once); otherwise qsim merge names the problem (another sweep, a
file or shard given twice, overlapping shards, missing points, a point whose values
or seeds are not the sweep's) and exits 2. Whether a point meets each SLO is decided
again from its figures.`;

/**
 * Every option of `command` that takes one value refuses a second
 * (--items 3 --items 4, -n 3 --items 4): taking the last in silence would run
 * something the user may not have meant. Repeatable options (--vary, --slo,
 * --set) gather their values instead.
 */
function refuseRepeats(command: Command): void {
  for (const option of command.options) {
    if (!option.required || option.parseArg !== undefined) continue;
    const name = option.long ?? option.flags;
    option.argParser((value: string, previous: string | undefined) => {
      if (previous !== undefined) throw invalidValue(name, 'one value', value, `already given as ${quote(previous)}`);
      return value;
    });
  }
}

/** The options that describe a `qsim run` model, shared by run and sweep. */
function withModelOptions(command: Command): Command {
  return command
    .option('-p, --producers <n>', `number of producers (default: ${RUN_DEFAULTS.producers})`)
    .option('-c, --consumers <names|n>', `comma-separated consumer names, or a count n for consumer-1..consumer-n (default: "${RUN_DEFAULTS.consumers}")`)
    .option('-n, --items <n>', `items to produce in total, numbered 0..n-1 as they are made (default: ${RUN_DEFAULTS.items}; no limit with --duration alone)`)
    .option('-i, --interval <dist>', `each producer waits this long after each put: a duration or a distribution (default: ${RUN_DEFAULTS.interval})`)
    .option('--delay <dist>', `processing time of each item: a duration or a distribution (default: uniform(0s,${RUN_DEFAULTS.maxDelay}))`)
    .option('-d, --max-delay <duration>', 'shorthand for --delay uniform(0,<duration>); not with --delay')
    .option('--concurrency <n>', `items each consumer processes at once (default: ${RUN_DEFAULTS.concurrency})`)
    .option('--capacity <n>', 'queue capacity (default: unbounded)')
    .option('--on-full <policy>', `what a put into a full queue does: block (wait for space), drop-newest (discard that item) or drop-oldest (discard the item at the front); drop-* needs --capacity (default: ${RUN_DEFAULTS.onFull})`)
    .option('--duration <duration>', 'stop producing after this much virtual time; --items then defaults to no limit (default: none)');
}

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
Examples:
  $ qsim run --items 20 --consumers Fred,George
  $ qsim sweep --vary consumers=1..8 --interval 'exp(250ms)' --delay 'exp(1s)' --items 200000 --slo 'wait.p95<2s'

Run 'qsim run --help' (or sweep, merge, validate) for every option.`,
    );

  withModelOptions(
    program.command('run').description('run producers and consumers around a shared queue and print each consumer\'s log'),
  )
    .option('--seed <n>', 'seed for all randomness (default: random, printed on stderr)')
    .option('--speed <factor>', `pace: virtual seconds per wall second, 10 = ten times faster (default: ${RUN_DEFAULTS.speed})`)
    .option('--instant', 'run in virtual time without waiting (same output, at once)')
    .option('-q, --quiet', 'print only the final line (with ndjson: only the summary line)')
    .option('-f, --format <format>', 'output: text (the log), json (one summary object) or ndjson (one event per line, then the summary) (default: text)')
    .option('--stats', 'text: after the log, a table of throughput, waits, queue size and per-worker statistics')
    .option('--chart', 'text: after the log, the queue size over time and each consumer\'s utilization, drawn in the terminal (with --model: each queue\'s size, each process\'s time in p.sleep)')
    .option('--timestamps', 'text: start each log line with the simulated time, "t=  1.500s "')
    .option('--explain', 'text: after the log, queueing theory in words: offered load, whether the consumers keep up, and the predicted mean wait beside the simulated one')
    .option('--warmup <duration>', 'leave the first <duration> of simulated time out of the statistics (waits, queue size, busy time, throughput) (default: 0)')
    .option('--replications <n>', 'run n independent replications (seeds seed, seed+1, ...) in virtual time and report each key figure as mean ± 95% confidence interval instead of the log')
    .option('--jobs <n>', 'with --replications: replications run at once, each on a worker thread (default: the number of cores)')
    .option('--live', 'show the run full-screen as it goes: queue, consumers, log (keys below; needs a terminal on stdin and stdout, not TERM=dumb; not with --instant)')
    .option('--color', 'colour the log even when stdout is not a terminal')
    .option('--no-color', 'never colour the log')
    .option('--scenario <file>', 'run the pipeline described in a YAML or JSON scenario file (see qsim validate)')
    .option('--print-scenario', 'print these options as a scenario file (YAML) and exit; not with output, --warmup or --replications options')
    .option('--debug', 'check invariants while running; report findings on stderr and exit 1 if any')
    .option('--model <file>', 'run a model written as code: a .mjs, .js or .ts file whose default export builds it (see "Writing a model" in the README); the options above become its opts')
    .option('--set <name=value>', 'a model parameter, opts.set.NAME: a number, a duration (in seconds), true/false, or text; repeatable', collect)
    .addHelpText('after', RUN_EXAMPLES)
    .action(async (flags: RunFlags) => {
      // Each command's modules load when it runs, so --help and --version stay fast.
      const { runCommand } = await import('./run-command.js');
      setExitCode(await runCommand(flags, io));
    });

  withModelOptions(
    program
      .command('sweep')
      .description('run a model over a grid of option values, check each point against service-level objectives, recommend the cheapest that meets them'),
  )
    .option('--vary <NAME=VALUES>', 'an option (with --scenario, a field path; with --model, also set.NAME, a model parameter) and its values: 1..8, 0.5s..2s/4 (4 evenly spaced values) or a|b|c; repeat for a grid (the first varies slowest)', collect)
    .option('--slo <EXPR>', `an objective every recommended point must meet, METRIC OP VALUE: wait.p95<2s, utilization<0.85, dropped==0; repeatable (all must hold). Metrics: ${METRIC_NAMES.join(', ')}`, collect)
    .option('--replications <n>', 'runs per point, each with its own seed; figures become mean ± 95% confidence interval (default: 1)')
    .option('--jobs <n>', `runs at once, on worker threads: at most 256, and no more than the runs (default: the number of cores, ${availableParallelism()} here)`)
    .option('--shard <K/N>', 'run only shard K of N: the points whose index i has i mod N = K-1 (needs --seed; join the shards with qsim merge)')
    .option('--seed <n>', 'the sweep\'s seed; each run\'s seed is derived from it, the point and the replication (default: random, printed on stderr)')
    .option('--instant', 'accepted for symmetry with qsim run: sweeps always run in virtual time')
    .option('--scenario <file>', 'sweep the pipeline of a YAML or JSON scenario file; --vary then names fields: stages.NAME.workers=2..6')
    .option('--model <file>', 'sweep a model written as code (.mjs, .js or .ts, as qsim run --model): the options above become its opts; vary its parameters with --vary set.NAME=VALUES')
    .option('--set <name=value>', 'with --model: a fixed model parameter, opts.set.NAME, as for qsim run; repeatable', collect)
    .option('-f, --format <format>', 'output: text (a table and the recommendation), json, csv or ndjson (a line per point as it finishes, then a summary) (default: text)')
    .option('--chart', 'text: after the table, each SLO\'s metric against the first --vary, with the bound drawn')
    .addHelpText('after', SWEEP_EXAMPLES)
    .action(async (flags: SweepFlags) => {
      const { sweepCommand } = await import('./sweep-command.js');
      setExitCode(await sweepCommand(flags, io, version));
    });

  program
    .command('merge')
    .description('join the --format ndjson outputs of a sweep\'s shards into the whole sweep, printed as qsim sweep prints it')
    .argument('<file...>', 'NDJSON files from qsim sweep --shard K/N --format ndjson (- for stdin)')
    .option('-f, --format <format>', 'output: text, json, csv or ndjson, as qsim sweep (default: text)')
    .option('--chart', 'text: after the table, each SLO\'s metric against the first --vary')
    .addHelpText('after', MERGE_EXAMPLES)
    .action(async (files: string[], flags: MergeFlags) => {
      const { mergeCommand } = await import('./merge-command.js');
      setExitCode(mergeCommand(files, flags, io));
    });

  program
    .command('validate')
    .description('check a scenario file: a one-line summary, or every problem with its line and path')
    .argument('<file>', 'a YAML or JSON scenario file')
    .addHelpText(
      'after',
      `
Example:
  $ qsim validate examples/etl.yaml
  examples/etl.yaml: valid: 1 source: extract (5000 items); 3 stages: parse (2 workers) → transform (3 workers) → load (1 worker)

Exit codes: 0 valid, 2 invalid (each problem on its own line: FILE:LINE: path: expected …, got …).`,
    )
    .action(async (file: string) => {
      const { validateCommand } = await import('./validate-command.js');
      setExitCode(validateCommand(file, io));
    });

  for (const command of program.commands) refuseRepeats(command);
  return program;
}
