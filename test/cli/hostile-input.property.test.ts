import fc from 'fast-check';
import { main } from '../../src/cli/main.js';
import { capture } from './capture.js';

/**
 * Random and mutated argument lists for the CLI, run in-process. Whatever they
 * are, qsim answers with exit 0 (a run, help or version) or 2 (bad input: one
 * line on stderr that names the option or command, nothing on stdout), never a
 * stack trace or a crash. Every list that can start a run ends with options that
 * keep it small and fast: `--items 3 --instant` or `--items 0` (paced, so --speed
 * is checked too); they come last, so an earlier --items makes the list a repeat, refused.
 */

const OPTIONS = [
  '-p', '--producers', '-c', '--consumers', '-n', '--items', '-i', '--interval', '-d', '--max-delay',
  '--capacity', '--seed', '--speed', '--instant', '-q', '--quiet', '--color', '--no-color', '--debug',
  '-h', '--help', '-V', '--version', '-qn', '-cq',
];

const HOSTILE = [
  '', ' ', '0', '-0', '+0', '1', '-1', '2.5', '1e999', '-1e999', '1e3', '1E3', 'Infinity', '-Infinity', 'NaN',
  '9007199254740991', '9007199254740992', '99999999999999999999999', '0x10', '0b1', '1_000', '1,000', '10x', 'x',
  '\u0661\u0662', '\uff11\uff12', '\u00b2', '1h', '999999999999999h', '99999999999999999999999999999999999999ms',
  '1e308s', '1e9', '1e9s', '1000000000', '1000000001', '277778h', '16666667m', '0.0000001', '0.' + '0'.repeat(400) + '1',
  '.5', '5.', '.', '1..2', '10000', '10001', '1000000', '1000001', '4,5', ' 3 ', '3 s', '3ms', '0ms', '0s', '-3s',
  '3 parsecs', 'Fred,George', 'Fred,,George', 'Fred,Fred', 'Fred, Fred', ',', ',,,', 'Fred,', ' , ',
  '\u001b[31mRed', '\u001b]0;title\u0007', 'A\u202eB', 'A\u2066B', 'A\u200bB', 'A\u2028B', 'A\u2029B', 'a\u0000b',
  'tab\there', 'new\nline', 'cr\rhere', '\u0085', '\ud800', '\udfff', '\u{1f600}', 'x'.repeat(65), 'y'.repeat(64),
  '--items', '-n', '--', '-', '--=', '=', '__proto__', 'constructor', 'Fred,__proto__', '\\', '"', "'",
];

/** Consumer names: printable ones, and ones that would corrupt the terminal or break the log's lines. */
const PRINTABLE_NAMES = ['Ann', 'Bob', 'Zo\u00eb', '\u540d\u524d', '\u{1f600}', 'Fred George', 'y'.repeat(64), '42x', '\u{1f469}\u200d\u{1f4bb}', '\u{1f44d}\u{1f3fd}'];
const UNPRINTABLE_NAMES = [
  '\u001b[31mRed', '\u001b]0;title\u0007', 'A\u202eB', 'A\u2066B', 'A\u200bB', 'A\u2028B', 'A\u2029B', 'a\u0000b',
  'tab\there', 'new\nline', 'x\u0085', 'A\ud800B', 'A\ue000B', 'x'.repeat(65), '\u200dBob', '\u0301Bob',
];

const value = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.bigInt().map(String) },
);

/** A name list: printable names and at most one bad name (unprintable, or any string) somewhere in it. */
const names = fc
  .tuple(
    fc.uniqueArray(fc.constantFrom(...PRINTABLE_NAMES), { maxLength: 3 }),
    fc.option(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...UNPRINTABLE_NAMES) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) })),
    fc.nat(),
  )
  .map(([ok, bad, at]) => {
    const list = [...ok];
    if (bad !== null || list.length === 0) list.splice(at % (list.length + 1), 0, bad ?? 'Ann');
    return list.join(',');
  });

const option = fc.constantFrom(...OPTIONS);

const segment: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(option, value).map(([o, v]) => [o, v]) },
  { weight: 2, arbitrary: fc.tuple(option, value).map(([o, v]) => [`${o}=${v}`]) },
  { weight: 2, arbitrary: option.map((o) => [o]) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('-c', '--consumers'), names).map(([o, n]) => [o, n]) },
  { weight: 1, arbitrary: value.map((v) => [v]) }, // a stray argument
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }).map((s) => [`--${s}`]) }, // an unknown option
  { weight: 1, arbitrary: fc.string({ maxLength: 3 }).map((s) => [`-${s}`]) },
);

const command = fc.oneof(
  { weight: 12, arbitrary: fc.constant(['run']) },
  { weight: 1, arbitrary: fc.constantFrom(['RUN'], ['rn'], ['runs'], ['help', 'run'], ['run', 'run']) },
  { weight: 1, arbitrary: value.map((v) => [v]) },
);

/** A valid list, then mutated: tokens deleted, duplicated, swapped or replaced with hostile ones. */
const VALID = ['run', '--producers', '2', '--consumers', 'Ann,Bob', '--interval', '250ms', '--max-delay', '1s', '--capacity', '5', '--seed', '7'];
const mutated = fc
  .array(fc.tuple(fc.constantFrom('delete', 'duplicate', 'swap', 'replace', 'insert'), fc.nat(), fc.nat(), value), {
    minLength: 1,
    maxLength: 4,
  })
  .map((mutations) => {
    const argv = [...VALID];
    for (const [kind, i, j, v] of mutations) {
      const a = i % argv.length;
      const b = j % argv.length;
      if (kind === 'delete' && argv.length > 1) argv.splice(a, 1);
      else if (kind === 'duplicate') argv.splice(a, 0, argv[a] as string);
      else if (kind === 'swap') [argv[a], argv[b]] = [argv[b] as string, argv[a] as string];
      else if (kind === 'replace') argv[a] = v;
      else argv.splice(a, 0, v);
    }
    return argv;
  });

const SMALL_INSTANT = ['--items', '3', '--instant'];
const SMALL_PACED = ['--items', '0'];

/** Lists that cannot start a run (no "run" in them), so they need no tail: a missing or unknown command. */
const noRun = fc
  .oneof(
    fc.constantFrom<string[]>([], ['--'], ['help', 'nope'], ['RUN'], ['help'], ['--help'], ['-V'], ['--color'], ['-x']),
    fc.array(value, { maxLength: 3 }),
  )
  .filter((argv) => !argv.includes('run'));

const argvs = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(command, fc.array(segment, { maxLength: 6 }), fc.constantFrom(SMALL_INSTANT, SMALL_PACED)).map(
    ([cmd, segments, tail]) => [...cmd, ...segments.flat(), ...tail],
  ) },
  { weight: 3, arbitrary: fc.tuple(mutated, fc.constantFrom(SMALL_INSTANT, SMALL_PACED)).map(([argv, tail]) => [...argv, ...tail]) },
  { weight: 1, arbitrary: noRun },
  { weight: 2, arbitrary: names.map((n) => ['run', '--consumers', n, ...SMALL_INSTANT]) },
);

/** What a one-line error may start with: an option, or what commander or main say about an option or command. */
const NAMES_AN_OPTION_OR_COMMAND =
  /^qsim: (--[a-z][a-z-]* (expects|and --instant)|unknown option '|unknown command '|option '-|too many arguments for 'run'|expected a command \([a-z, ]+\), got )/;

const STACK_TRACE = /\n\s+at .+[:(]\d+:\d+\)?|\bat async\b|Error: .*\n\s+at /;
const UNPRINTABLE = /[\p{C}\p{Zl}\p{Zp}]/u;
/** As UNPRINTABLE, but the joiners that hold an accepted name's emoji sequence together (👩‍💻) may reach the log. */
const UNPRINTABLE_IN_LOG = /(?!\u200c|\u200d|[\u{e0020}-\u{e007f}])[\p{C}\p{Zl}\p{Zp}]/u;
/** Line breaks and the basic colour codes --color writes: the only control characters a log may hold. */
// eslint-disable-next-line no-control-regex -- matching the escape code is the point
const LINE_BREAKS_AND_COLOURS = /\n|\u001b\[(3\d|9\d)m/g;

describe('hostile input to the CLI (property)', () => {
  it('answers every argument list with exit 0 or 2; for 2, one printable line naming an option or command and nothing on stdout', async () => {
    const outcomes = { ran: 0, helpOrVersion: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(argvs, async (argv) => {
        const { io, stdout, stderr } = capture();
        const code = await main(argv, io);
        const out = stdout();
        const err = stderr();
        expect([0, 2]).toContain(code);
        expect(out + err).not.toMatch(STACK_TRACE);
        if (code === 2) {
          outcomes.rejected++;
          expect(out).toBe('');
          expect(err).toMatch(/^[^\n]*\n$/);
          expect(err).toMatch(NAMES_AN_OPTION_OR_COMMAND);
          // Printable: no escape codes, bidi or other controls, no line separators echoed back.
          expect(err.slice(0, -1)).not.toMatch(UNPRINTABLE);
        } else {
          const ran = /Queue size is now \d+\n$/.test(out);
          const helpOrVersion = /^Usage: qsim|^\d+\.\d+\.\d+\n$/.test(out);
          expect(ran || helpOrVersion).toBe(true);
          if (ran) outcomes.ran++;
          else outcomes.helpOrVersion++;
          // Names reach the log: whatever was accepted prints no escape code, control or separator.
          expect(out.replace(LINE_BREAKS_AND_COLOURS, '')).not.toMatch(UNPRINTABLE_IN_LOG);
          expect(err).toMatch(/^(qsim: seed \d+ \(repeat this run with --seed \d+\)\n)?$/);
        }
      }),
      { seed: 20261125, numRuns: 500 },
    );
    // The generator reaches every kind of answer, so the checks above are exercised.
    expect(outcomes.ran).toBeGreaterThan(20);
    expect(outcomes.helpOrVersion).toBeGreaterThan(5);
    expect(outcomes.rejected).toBeGreaterThan(200);
  });
});
