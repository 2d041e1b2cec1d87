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
    [['--frobnicate'], /unknown option '--frobnicate'/],
    [['--iterms', '3'], /unknown option '--iterms' \(Did you mean --items\?\)/],
    [['--items'], /option '-n, --items <n>' argument missing/],
  ])('%j', (args, pattern) => {
    expectRunUsageError(args, pattern);
  });

  test('--speed 0 is rejected', () => {
    const result = qsim(['run', '--speed', '0']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--speed expects a speed factor above 0/);
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
