import fc from 'fast-check';
import { MAX_CONCURRENCY, MAX_SLOTS } from '../../src/cli/run-options.js';
import { MAX_DURATION_SECONDS } from '../../src/model/duration.js';
import { jsonErrorOffset } from '../../src/scenario/json-syntax.js';
import { MAX_ALIAS_COUNT, parseScenario } from '../../src/scenario/load.js';
import { formatScenario } from '../../src/scenario/print.js';
import { ScenarioError } from '../../src/scenario/scenario-error.js';
import type { Scenario } from '../../src/model/scenario.js';

function problems(text: string, file = 'f.yaml'): readonly string[] {
  try {
    parseScenario(text, file);
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems;
    throw error;
  }
  throw new Error('expected the scenario to be rejected');
}

const SOURCE = 'sources: [{name: a, items: 3, interval: 1s}]';
const DISTRIBUTION = 'expected a duration or a distribution: const(d), uniform(min,max), exp(mean), normal(mean,sd), lognormal(mean,sd) or erlang(k,mean)';
const DURATION = 'expected a duration such as 250ms, 0.5s, 2s or 1m (a bare number means seconds)';

describe('slots and producers have the command line limits', () => {
  test('the tester\'s stage (10000 workers x 1000) is refused on the stage\'s line', () => {
    expect(problems(`${SOURCE}\nstages:\n  - name: s\n    workers: 10000\n    concurrency: 1000\n    delay: 1s\n`)).toEqual([
      `f.yaml:3: stages[0]: expected at most ${MAX_SLOTS} slots (workers x concurrency) in all stages together, got 10000000 (10000 workers x 1000 here)`,
    ]);
  });

  test(`concurrency goes to ${MAX_CONCURRENCY}, as --concurrency does, and no further`, () => {
    expect(parseScenario(`${SOURCE}\nstages: [{name: s, workers: 1, concurrency: ${MAX_CONCURRENCY}, delay: 1s}]`, 'f.yaml').stages[0]?.concurrency).toBe(
      MAX_CONCURRENCY,
    );
    expect(problems(`${SOURCE}\nstages: [{name: s, workers: 1, concurrency: ${MAX_CONCURRENCY + 1}, delay: 1s}]`)).toEqual([
      `f.yaml:2: stages[0].concurrency: expected a whole number from 1 to ${MAX_CONCURRENCY}, got ${MAX_CONCURRENCY + 1}`,
    ]);
  });

  test('slots count over all stages: exactly the limit runs, one more is refused at the stage that crosses it', () => {
    const stages = (workers: number): string =>
      `${SOURCE}\nstages:\n  - {name: s, workers: 10000, concurrency: 5, delay: 1s}\n  - {name: t, workers: 9999, concurrency: 5, delay: 1s}\n` +
      `  - {name: u, workers: ${workers}, delay: 1s}\n`;
    expect(parseScenario(stages(5), 'f.yaml').stages).toHaveLength(3); // 50000 + 49995 + 5
    expect(problems(stages(6))).toEqual([
      `f.yaml:5: stages[2]: expected at most ${MAX_SLOTS} slots (workers x concurrency) in all stages together, got 100001 (6 workers x 1 here + 99995 in the stages before)`,
    ]);
  });

  test('one worker is one worker', () => {
    expect(problems(`${SOURCE}\nstages:\n  - {name: s, workers: 10000, concurrency: 10, delay: 1s}\n  - {name: t, workers: 1, delay: 1s}\n`)).toEqual([
      `f.yaml:4: stages[1]: expected at most ${MAX_SLOTS} slots (workers x concurrency) in all stages together, got 100001 (1 worker x 1 here + 100000 in the stages before)`,
    ]);
  });

  test('producers count over all sources, as --producers limits the one source', () => {
    const text = `sources:\n  - {name: a, producers: 6000, items: 1, interval: 1s}\n  - {name: b, producers: 6000, items: 1, interval: 1s}\nstages: [{name: s, workers: 1, delay: 1s}]\n`;
    expect(problems(text)).toEqual([
      'f.yaml:3: sources[1].producers: expected at most 10000 producers in all sources together, got 12000 (6000 here + 6000 in the sources before)',
    ]);
  });
});

describe('every producer and worker has a name of its own (the log and the trace name them)', () => {
  test('producer-1 with one source', () => {
    expect(problems(`${SOURCE.replace('name: a', 'name: in')}\nstages: [{name: s, workers: [producer-1, b], delay: 1s}]\n`)).toEqual([
      `f.yaml:2: stages[0].workers: expected names that give every producer and worker its own (the log and the trace name them), got "producer-1" for two of them`,
    ]);
  });

  test("a source's name with several sources; with several stages workers are stage/name and may repeat it", () => {
    const sources = 'sources: [{name: in, items: 3, interval: 1s}, {name: b, items: 3, interval: 1s}]';
    expect(problems(`${sources}\nstages: [{name: s, workers: [in, x], delay: 1s}]\n`)).toEqual([
      `f.yaml:2: stages[0].workers: expected names that give every producer and worker its own (the log and the trace name them), got "in" for two of them`,
    ]);
    expect(() => parseScenario(`${sources}\nstages: [{name: s, workers: [in], delay: 1s}, {name: t, workers: [b], delay: 1s}]\n`, 'f.yaml')).not.toThrow();
  });

  test('with several stages, a source named as a stage/worker', () => {
    const text = 'sources: [{name: s/x, items: 3, interval: 1s}, {name: b, items: 3, interval: 1s}]\nstages: [{name: s, workers: [x], delay: 1s}, {name: t, workers: [y], delay: 1s}]\n';
    expect(problems(text)).toEqual([
      `f.yaml:2: stages[0].workers: expected names that give every producer and worker its own (the log and the trace name them), got "s/x" for two of them`,
    ]);
  });

  test("two sources' producers: a-1 of a source with two, and a source named a-1", () => {
    const text = 'sources: [{name: a, producers: 2, items: 3, interval: 1s}, {name: a-1, items: 3, interval: 1s}]\nstages: [{name: s, workers: 1, delay: 1s}]\n';
    expect(problems(text)).toEqual([
      `f.yaml:1: sources[1].name: expected names that give every producer and worker its own (the log and the trace name them), got "a-1" for two of them`,
    ]);
  });
});

describe('durations written as plain numbers have the range of text durations', () => {
  test.each([
    ['interval: 1e300', 'sources[0].interval', `${DISTRIBUTION}, got 1e+300`],
    ['interval: .inf', 'sources[0].interval', `${DISTRIBUTION}, got Infinity`],
    ['duration: 2000000000', 'sources[0].duration', `${DURATION}, got 2000000000`],
  ])('a source with %s is refused', (field, path, message) => {
    const text = `sources: [{name: a, items: 3, interval: 1s}]\nstages: [{name: s, workers: 1, delay: 1s}]\n`.replace(
      field.startsWith('interval') ? 'interval: 1s' : 'items: 3',
      field.startsWith('interval') ? field : `items: 3, ${field}`,
    );
    expect(problems(text)).toEqual([`f.yaml:1: ${path}: ${message}`]);
  });

  test.each([
    ['delay: 1e308', 'delay', '1e+308'],
    ['backoff: 1e300', 'backoff', '1e+300'],
    ['delay: 1000000000.5', 'delay', '1000000000.5'],
  ])('a stage with %s is refused', (field, key, shown) => {
    const text = `${SOURCE}\nstages: [{name: s, workers: 1, delay: 1s}]`.replace('delay: 1s', key === 'delay' ? field : `delay: 1s, ${field}`);
    expect(problems(text)).toEqual([`f.yaml:2: stages[0].${key}: ${DISTRIBUTION}, got ${shown}`]);
  });

  test('the error is the one a text duration beyond the limit gets', () => {
    const text = (value: string): string => `sources: [{name: a, items: 3, duration: ${value}, interval: 1s}]\nstages: [{name: s, workers: 1, delay: 1s}]`;
    expect(problems(text('2000000000'))[0]?.replace('got 2000000000', 'got …')).toBe(problems(text('2000000000s'))[0]?.replace('got "2000000000s"', 'got …'));
  });

  test(`${MAX_DURATION_SECONDS} s is accepted as a number, as it is as text`, () => {
    const scenario = parseScenario(
      `sources: [{name: a, items: 3, duration: ${MAX_DURATION_SECONDS}, interval: ${MAX_DURATION_SECONDS}}]\nstages: [{name: s, workers: 1, delay: ${MAX_DURATION_SECONDS}, backoff: ${MAX_DURATION_SECONDS}}]`,
      'f.yaml',
    );
    expect(scenario.sources[0]?.duration).toBe(MAX_DURATION_SECONDS);
    expect(scenario.stages[0]?.backoff.mean).toBe(MAX_DURATION_SECONDS);
  });
});

describe('every value validation accepts prints back as itself', () => {
  const roundTrip = (scenario: Scenario): Scenario => parseScenario(formatScenario(scenario, scenario.seed), 'printed.yaml');
  const specs = (scenario: Scenario): unknown => ({
    sources: scenario.sources.map((s) => ({ ...s, interval: s.interval.spec })),
    stages: scenario.stages.map((s) => ({ ...s, delay: s.delay.spec, backoff: s.backoff.spec })),
  });

  test.each([
    ['the largest duration, as a number', '1000000000'],
    ['the largest duration, as text', '1000000000s'],
    ['a value just below the limit', '999999999.9999999'],
    ['a nanosecond', '1e-9'],
    ['a nanosecond as text', '0.000000001s'],
    ['1e-21 s (String() writes it with an exponent)', '1e-21'],
    ['1e-27 s as text', '0.000000000000000000000000001s'],
    ['the smallest double', '5e-324'],
    ['17 significant digits below 1e-6', '1.2345678901234567e-7'],
  ])('%s', (_what, value) => {
    const parameter = /e/.test(value) ? '0s' : value; // a distribution's parameters are text durations, which have no exponent
    const scenario = parseScenario(
      `seed: 1\nsources: [{name: a, items: 3, duration: ${value}, interval: ${value}}]\n` +
        `stages: [{name: s, workers: 1, delay: ${value}, failure: 0.5, retries: 1, backoff: ${value}},` +
        ` {name: t, workers: 1, delay: "uniform(${parameter},1000000000s)"}]`,
      'f.yaml',
    );
    expect(specs(roundTrip(scenario))).toEqual(specs(scenario));
  });

  test('1e9 s and 1e-9 s print as plain decimals', () => {
    const scenario = parseScenario('sources: [{name: a, items: 3, duration: 1000000000, interval: 1e-9}]\nstages: [{name: s, workers: 1, delay: 1s}]', 'f.yaml');
    expect(formatScenario(scenario, undefined)).toContain('    duration: 1000000000s\n    interval: 0.000000001s\n');
  });
});

describe('YAML aliases', () => {
  const bomb = (): string => {
    const lines = ['  a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 9; i++) lines.push(`  a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    return `${SOURCE}\nstages: [{name: s, workers: 1, delay: 1s}]\nbomb:\n${lines.join('\n')}\n`;
  };

  test('an alias bomb is one line naming the file, at once', () => {
    const started = Date.now();
    expect(problems(bomb())).toEqual([
      `f.yaml: YAML error: expected aliases that copy anchored values at most ${MAX_ALIAS_COUNT} times in all (aliases inside an anchor multiply), got more`,
    ]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('an anchor used by 150 stages is fine', () => {
    const stages = Array.from({ length: 150 }, (_, i) => `  - {name: s${i + 1}, workers: *team, delay: *d}`).join('\n');
    const text = `${SOURCE}\nstages:\n  - {name: s0, workers: &team [Ann, Bob], delay: &d exp(10ms)}\n${stages}\n`;
    const scenario = parseScenario(text, 'f.yaml');
    expect(scenario.stages).toHaveLength(151);
    expect(scenario.stages[150]?.workers).toEqual(['Ann', 'Bob']);
  });

  test(`exactly ${MAX_ALIAS_COUNT} copies are allowed, one more is refused`, () => {
    const file = (copies: number): string =>
      `sources: [{name: a, items: 3, interval: &d 1ms}]\nstages:\n${Array.from({ length: copies }, (_, i) => `  - {name: s${i}, workers: 1, delay: *d}`).join('\n')}\n`;
    expect(parseScenario(file(MAX_ALIAS_COUNT), 'f.yaml').stages).toHaveLength(MAX_ALIAS_COUNT);
    expect(problems(file(MAX_ALIAS_COUNT + 1))[0]).toMatch(/^f\.yaml: YAML error: expected aliases that copy anchored values at most 1000 times/);
  });

  test('an alias to an anchor set later is a YAML error at the alias, not an internal error', () => {
    expect(problems(`sources: [{name: a, items: 3, interval: *later}]\nstages: [{name: s, workers: 1, delay: &later 1s}]`)).toEqual([
      'f.yaml:1:41: YAML error: Unresolved alias (the anchor must be set before the alias): later',
    ]);
  });

  test('an alias inside its own anchor is shown, cut short, rather than crashing the message', () => {
    const [line] = problems(`seed: &x [*x]\n${SOURCE}\nstages: [{name: s, workers: 1, delay: 1s}]`);
    expect(line).toMatch(/^f\.yaml:1: seed: expected a whole number >= 0, got \[\[\[+\.\.\.$/);
  });
});

describe('a null optional key reads as a left-out key', () => {
  test('capacity: null with a drop policy is refused as a missing capacity is', () => {
    const missing = problems(`${SOURCE}\nstages: [{name: s, workers: 1, delay: 1s, onFull: drop-newest}]`);
    expect(problems(`${SOURCE}\nstages: [{name: s, workers: 1, delay: 1s, capacity: null, onFull: drop-newest}]`)).toEqual(missing);
    expect(missing).toEqual([
      'f.yaml:2: stages[0].onFull: expected block when the stage has no capacity (an unbounded queue is never full), got "drop-newest"',
    ]);
  });

  test('capacity: null alone is an unbounded queue', () => {
    expect(parseScenario(`${SOURCE}\nstages: [{name: s, workers: 1, delay: 1s, capacity: null}]`, 'f.yaml').stages[0]?.capacity).toBe(Infinity);
  });

  test('items: null and duration: null are neither', () => {
    expect(problems('sources: [{name: a, items: null, duration: null, interval: 1s}]\nstages: [{name: s, workers: 1, delay: 1s}]')).toEqual([
      'f.yaml:1: sources[0]: expected items, duration or both, got neither',
    ]);
  });
});

describe('.json files are strict JSON', () => {
  const json = (stages: string): string => `{\n  "sources": [{"name": "a", "items": 3, "interval": 1}],\n  "stages": [${stages}]\n}\n`;

  test.each([
    ['a trailing comma', json('{"name": "s", "workers": 1, "delay": 1},'), 'f.json:3:54: JSON syntax error: Unexpected token \']\''],
    ['a comment', json('{"name": "s", "workers": 1, "delay": 1}').replace('  "stages"', '  // the stages\n  "stages"'), 'f.json:3:3: JSON syntax error: Expected double-quoted property name'],
    ['single quotes', json("{'name': 's', 'workers': 1, 'delay': 1}"), 'f.json:3:15: JSON syntax error: Expected property name or \'}\''],
    ['a single-quoted value', json('{"name": \'s\', "workers": 1, "delay": 1}'), 'f.json:3:23: JSON syntax error: Unexpected token \'\'\''],
    ['an unclosed object', json('{"name": "s", "workers": 1, "delay": 1}').trimEnd().slice(0, -1), 'f.json:4:1: JSON syntax error: Expected \',\' or \'}\' after property value'],
    ['a raw control character', json('{"name": "s", "workers": 1, "delay": \u0001}'), 'f.json:3:51: JSON syntax error: Unexpected token \'\\u0001\''],
    ['an empty file', '', 'f.json:1:1: JSON syntax error: Unexpected end of JSON input'],
    ['text after the object', `${json('{"name": "s", "workers": 1, "delay": 1}')}x`, 'f.json:5:1: JSON syntax error: Unexpected non-whitespace character after JSON'],
  ])('%s is a syntax error with its line and column', (_what, text, expected) => {
    expect(problems(text, 'f.json')).toEqual([expected]);
  });

  test('a key given twice (which JSON.parse would let pass, the last winning) is a JSON error, not a YAML one', () => {
    expect(problems(json('{"name": "s", "workers": 1, "workers": 2, "delay": 1}'), 'f.json')).toEqual(['f.json:3:42: JSON error: Map keys must be unique']);
  });

  test('valid JSON is checked field by field, with lines', () => {
    expect(problems(json('{"name": "s", "workers": 1, "delay": "x"}'), 'f.json')).toEqual([
      `f.json:3: stages[0].delay: ${DISTRIBUTION}, got "x" (unknown distribution "x"; known: const, uniform, exp, normal, lognormal, erlang)`,
    ]);
  });

  test('a byte order mark is allowed, and .JSON is JSON too', () => {
    expect(parseScenario(`\uFEFF${json('{"name": "s", "workers": 1, "delay": 1}')}`, 'f.json').stages).toHaveLength(1);
    expect(problems(json('{"name": "s", "workers": 1, "delay": 1},'), 'F.JSON')[0]).toMatch(/^F\.JSON:3:54: JSON syntax error: /);
  });

  test('an unexpected token after deep nesting is found without overflowing the stack', () => {
    const text = `{"sources": ${'['.repeat(100000)}${']'.repeat(100000)},\n "stages": tru}`;
    expect(problems(text, 'f.json')).toEqual(["f.json:2:15: JSON syntax error: Unexpected token '}'"]);
  });

  test('the scanner that places position-less errors agrees with JSON.parse on what is valid', () => {
    const pieces = ['{', '}', '[', ']', ',', ':', '"', '\\', 'a', '0', '1', '-', '.', 'e', '+', ' ', '\n', 'true', 'nul', "'"];
    const mutated = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom(...pieces))
      .map(([text, n, piece]) => text.slice(0, n % (text.length + 1)) + piece + text.slice(n % (text.length + 1)));
    const valid = (text: string): boolean => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    };
    fc.assert(
      fc.property(fc.oneof(fc.json(), mutated), (text) => (jsonErrorOffset(text) === undefined) === valid(text)),
      { numRuns: 3000 },
    );
  });

  test('the same text in a .yaml file is YAML, which allows the trailing comma', () => {
    expect(parseScenario(json('{"name": "s", "workers": 1, "delay": 1},'), 'f.yaml').stages).toHaveLength(1);
  });
});

describe('"got" shows numbers JSON cannot hold as they are', () => {
  test('seed: 1e400 in JSON is Infinity, not null', () => {
    expect(problems('{"seed": 1e400, "sources": [{"name": "a", "items": 3, "interval": 1}], "stages": [{"name": "s", "workers": 1, "delay": 1}]}', 'f.json')).toEqual([
      'f.json:1: seed: expected a whole number >= 0, got Infinity',
    ]);
  });

  test('inside a list too', () => {
    expect(problems(`${SOURCE}\nstages: [{name: s, workers: [1e400, .nan], delay: 1s}]`)).toEqual([
      'f.yaml:2: stages[0].workers: expected a whole number from 1 to 10000 or a list of unique names, got [Infinity,NaN]',
    ]);
  });
});
