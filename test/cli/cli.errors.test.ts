import { expectUsageError, qsim } from '../helpers/cli.js';

/** `qsim run --instant args` is refused as bad input (see expectUsageError). */
function expectRunUsageError(args: string[], pattern: RegExp): void {
  expectUsageError(['run', '--instant', ...args], pattern);
}

describe('qsim run rejects bad input with one line and exit code 2', () => {
  test.each([
    [['--items', 'abc'], /--items expects a whole number >= 0, got "abc"/],
    [['--items', '-1'], /--items/],
    [['--items', '2.5'], /--items expects a whole number/],
    [['--items', '9007199254740992'], /^qsim: --items expects a whole number >= 0, got "9007199254740992" \(the largest is 9007199254740991\)\n$/],
    [['--items', '1e3'], /^qsim: --items expects a whole number >= 0, got "1e3" \(written in digits, please\)\n$/],
    [['--duration', '1000000001s'], /^qsim: --duration expects a duration such as 250ms, 0\.5s, 2s or 1m \(a bare number means seconds\), got "1000000001s" \(the longest is 1000000000 s\)\n$/],
    [['--max-delay', '1e3'], /^qsim: --max-delay expects a duration .*, got "1e3" \(written without an exponent, please\)\n$/],
    [['--items', ''], /--items/],
    [['--producers', '0'], /--producers expects a whole number from 1/],
    [['--consumers', '0'], /--consumers expects a count from 1/],
    [['--consumers', 'Fred,,George'], /--consumers .*\(a name is empty\)/],
    [['--consumers', 'Fred,Fred'], /--consumers .*\("Fred" appears twice\)/],
    [['--consumers', ''], /--consumers/],
    [['--consumers', 'Fr\u001b[31med'], /--consumers .*\\u001b.*non-printable character/],
    [['--interval', '3 parsecs'], /--interval expects a duration or a distribution/],
    [['--interval', '-1s'], /--interval/],
    [['--interval', 'Infinity'], /--interval/],
    [['--interval', '1e999'], /--interval/],
    [['--max-delay', 'NaN'], /--max-delay/],
    [['--capacity', '0'], /--capacity expects a whole number >= 1, got "0"/],
    [['--seed', '-3'], /--seed/],
    [['--seed', 'x'], /--seed/],
    [['--speed', '2'], /--speed and --instant cannot be used together/],
    [['--interval', '1e3'], /^qsim: --interval expects a duration or a distribution: .*, got "1e3" \(written without an exponent, please\)\n$/],
    [['--interval', '1000000001s'], /^qsim: --interval expects a duration or a distribution: .*, got "1000000001s" \(the longest is 1000000000 s\)\n$/],
    [['--interval', 'exp(1e3)'], /^qsim: --interval expects .*, got "exp\(1e3\)" \(exp's mean "1e3": written without an exponent, please\)\n$/],
    [['--delay', 'uniform(3s,1s)'], /^qsim: --delay expects .*, got "uniform\(3s,1s\)" \(uniform's min 3s is above its max 1s\)\n$/],
    [['--delay', '5 sec'], /^qsim: --delay expects .*, got "5 sec" \(unknown unit "sec"; known: ms, s, m, h\)\n$/],
    [['--consumers', '1e1'], /^qsim: --consumers expects a count from 1 to 10000 .*, got "1e1" \(written in digits, please\)\n$/],
    [['--items', '0x10'], /^qsim: --items expects a whole number >= 0, got "0x10" \(written in decimal digits, please\)\n$/],
    [['--scenario', ''], /^qsim: --scenario expects a YAML or JSON scenario file, got "" \(it is empty\)\n$/],
    [['--frobnicate'], /unknown option '--frobnicate'/],
    [['--iterms', '3'], /unknown option '--iterms' \(Did you mean --items\?\)/],
    [['--items'], /option '-n, --items <n>' argument missing/],
  ])('%j', (args, pattern) => {
    expectRunUsageError(args, pattern);
  });

  test.each([
    ['0', 'at 0 virtual time would stand still'],
    ['1e3', 'written without an exponent, please'],
    ['2000000', 'the largest is 1000000'],
  ])('--speed %s says why it is refused: %s', (speed, reason) => {
    expectUsageError(['run', '--speed', speed], new RegExp(`^qsim: --speed expects a speed factor above 0 and up to 1000000 .*, got "${speed}" \\(${reason}\\)\n$`));
  });

  test.each([
    [['run', '--instant', '--items', '3', '--items', '4'], '--items', '4', '3'],
    [['run', '--instant', '-n', '3', '--items=4'], '--items', '4', '3'],
    [['run', '--instant', '--interval', '1s', '-i', '2s'], '--interval', '2s', '1s'],
    [['sweep', '--vary', 'consumers=1..2', '--seed', '1', '--seed', '2'], '--seed', '2', '1'],
    [['merge', '--format', 'json', '-f', 'csv', 'shard.ndjson'], '--format', 'csv', 'json'],
  ])('%j: an option given twice is refused, not overridden by the last', (args, option, second, first) => {
    expectUsageError(args, new RegExp(`^qsim: ${option} expects one value, got "${second}" \\(already given as "${first}"\\)\n$`));
  });

  test('repeatable options still gather their values', () => {
    const result = qsim(['sweep', '--vary', 'consumers=1..2', '--vary', 'concurrency=1..2', '--items', '5', '--seed', '1', '--format', 'csv']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(5); // a header and 2 x 2 points
  });

  test('surrounding whitespace is ignored, as by every option: --jobs " 4"', () => {
    const spaced = qsim(['run', '--instant', '--seed', '1', '--items', '5', '--replications', '2', '--jobs', ' 4 ', '--format', 'json']);
    const plain = qsim(['run', '--instant', '--seed', '1', '--items', '5', '--replications', '2', '--jobs', '4', '--format', 'json']);
    expect(spaced.status).toBe(0);
    expect(spaced.stdout).toBe(plain.stdout);
  });

  test.each([
    [['validate', ''], /^qsim: validate expects a YAML or JSON scenario file, got "" \(it is empty\)\n$/],
    [['merge', ' '], /^qsim: merge expects NDJSON files .*, got " " \(it is empty\)\n$/],
  ])('%j: an empty file name is refused as such', (args, pattern) => {
    expectUsageError(args, pattern);
  });

  test('an unknown command is rejected', () => {
    const result = qsim(['runn']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^qsim: unknown command 'runn'/);
  });

  test('no command: one line listing the commands, exit 2', () => {
    const result = qsim([]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe("qsim: expected a command (run, sweep, merge, validate), got none (see 'qsim --help')\n");
  });

  test('help for an unknown command: one line naming it and the commands, exit 2', () => {
    const result = qsim(['help', 'bogus']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe("qsim: unknown command 'bogus' (help is given for run, sweep, merge, validate; see 'qsim --help')\n");
  });
});

describe('help and version', () => {
  test('qsim --help lists the run command and an example', () => {
    const result = qsim(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('run [options]');
    expect(result.stdout).toContain('qsim run --items 20 --consumers Fred,George');
  });

  test('qsim run --help lists every option with examples', () => {
    const result = qsim(['run', '--help']);
    expect(result.status).toBe(0);
    for (const option of ['--producers', '--consumers', '--items', '--interval', '--max-delay', '--capacity', '--seed', '--speed', '--instant', '--quiet', '--no-color']) {
      expect(result.stdout).toContain(option);
    }
    expect(result.stdout).toContain('Examples:');
  });

  test('qsim --version prints the package version', () => {
    const result = qsim(['--version']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
