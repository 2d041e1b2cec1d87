import { parseScenario } from '../../src/scenario/load.js';
import { ScenarioError } from '../../src/scenario/scenario-error.js';

function problems(text: string): readonly string[] {
  try {
    parseScenario(text, 'f.yaml');
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems;
    throw error;
  }
  throw new Error('expected the scenario to be rejected');
}

const valid = `
seed: 7
sources:
  - name: orders
    items: 1000
    interval: exp(100ms)
stages:
  - name: parse
    workers: 2
    delay: uniform(10ms,50ms)
    capacity: 100
    onFull: block
  - name: enrich
    workers: [Ann, Bob, Cy]
    concurrency: 2
    delay: lognormal(200ms,100ms)
    failure: 0.05
    retries: 3
    backoff: exp(100ms)
  - name: store
    workers: 1
    delay: const(20ms)
`;

describe('parseScenario', () => {
  test('reads the example from the issue, with defaults filled in', () => {
    const scenario = parseScenario(valid, 'f.yaml');
    expect(scenario.seed).toBe(7);
    expect(scenario.sources[0]).toMatchObject({ name: 'orders', producers: 1, items: 1000 });
    expect(scenario.sources[0]?.duration).toBe(Infinity);
    expect(scenario.sources[0]?.interval.mean).toBeCloseTo(0.1);
    expect(scenario.stages.map((s) => s.name)).toEqual(['parse', 'enrich', 'store']);
    expect(scenario.stages[0]).toMatchObject({ workers: ['worker-1', 'worker-2'], capacity: 100, onFull: 'block', concurrency: 1 });
    expect(scenario.stages[1]).toMatchObject({ workers: ['Ann', 'Bob', 'Cy'], concurrency: 2, failure: 0.05, retries: 3 });
    expect(scenario.stages[2]).toMatchObject({ capacity: Infinity, failure: 0, retries: 0 });
    expect(scenario.stages[2]?.backoff.mean).toBe(0);
  });

  test('reads JSON too', () => {
    const scenario = parseScenario(
      '{"sources":[{"name":"a","duration":"10m","interval":0.5}],"stages":[{"name":"s","workers":1,"delay":"exp(1s)"}]}',
      'f.json',
    );
    expect(scenario.sources[0]).toMatchObject({ duration: 600 });
    expect(scenario.sources[0]?.items).toBe(Infinity);
    expect(scenario.sources[0]?.interval.mean).toBe(0.5);
  });

  test('three mistakes give three lines, each with its line and path', () => {
    const text = valid.replace('workers: 2', 'workers: x').replace('failure: 0.05', 'failure: 5').replace('items: 1000', 'items: -1');
    expect(problems(text)).toEqual([
      'f.yaml:5: sources[0].items: expected a whole number >= 0, got -1',
      'f.yaml:9: stages[0].workers: expected a whole number from 1 to 10000 or a list of unique names, got "x"',
      'f.yaml:17: stages[1].failure: expected a probability from 0 to 1, got 5',
    ]);
  });

  test('an unquoted distribution with a comma inside { … } is explained', () => {
    const lines = problems(`
sources: [{ name: a, items: 1, interval: 1s }]
stages:
  - { name: parse, workers: 2, delay: uniform(10ms,50ms) }
`);
    expect(lines).toContain(
      'f.yaml:4: stages[0].50ms): unknown key "50ms)" (inside { … } a value with a comma, like uniform(10ms,50ms), must be quoted)',
    );
    expect(lines.some((l) => l.includes('stages[0].delay: expected a duration or a distribution') && l.includes('(missing ")")'))).toBe(true);
  });

  test.each([
    ['an unknown key', 'sources: [{name: a, items: 1, interval: 1s, colour: red}]\nstages: [{name: s, workers: 1, delay: 1s}]', 'sources[0].colour: unknown key "colour"'],
    ['an unknown top-level key', 'sorces: []\nsources: [{name: a, items: 1, interval: 1s}]\nstages: [{name: s, workers: 1, delay: 1s}]', 'f.yaml:1: sorces: unknown key "sorces"'],
    ['a missing delay', 'sources: [{name: a, items: 1, interval: 1s}]\nstages: [{name: s, workers: 1}]', 'stages[0].delay: expected a duration or a distribution'],
    ['a bad distribution', 'sources: [{name: a, items: 1, interval: "gauss(1s)"}]\nstages: [{name: s, workers: 1, delay: 1s}]', 'sources[0].interval: expected'],
    ['no stages', 'sources: [{name: a, items: 1, interval: 1s}]\nstages: []', 'stages: expected at least one stage'],
    ['sources not a list', 'sources: 3\nstages: [{name: s, workers: 1, delay: 1s}]', 'sources: expected a list of sources, got 3'],
    ['neither items nor duration', 'sources: [{name: a, interval: 1s}]\nstages: [{name: s, workers: 1, delay: 1s}]', 'sources[0]: expected items, duration or both, got neither'],
    ['duplicate names', 'sources: [{name: s, items: 1, interval: 1s}]\nstages: [{name: s, workers: 1, delay: 1s}]', 'stages[0].name: expected a name used once, got "s" (also at sources[0].name)'],
    ['duplicate worker names', 'sources: [{name: a, items: 1, interval: 1s}]\nstages: [{name: s, workers: [A, A], delay: 1s}]', '("A" appears twice)'],
    ['a control character in a name', 'sources: [{name: "a\\u001b[31m", items: 1, interval: 1s}]\nstages: [{name: s, workers: 1, delay: 1s}]', 'a name has a non-printable character'],
    ['a drop policy without capacity', 'sources: [{name: a, items: 1, interval: 1s}]\nstages: [{name: s, workers: 1, delay: 1s, onFull: drop-newest}]', 'stages[0].onFull: expected block when the stage has no capacity'],
    ['an unknown policy', 'sources: [{name: a, items: 1, interval: 1s}]\nstages: [{name: s, workers: 1, delay: 1s, capacity: 2, onFull: shed}]', 'stages[0].onFull: expected block | drop-newest | drop-oldest, got "shed"'],
    ['a zero capacity', 'sources: [{name: a, items: 1, interval: 1s}]\nstages: [{name: s, workers: 1, delay: 1s, capacity: 0}]', 'stages[0].capacity: expected a whole number >= 1'],
    ['a fractional retry count', 'sources: [{name: a, items: 1, interval: 1s}]\nstages: [{name: s, workers: 1, delay: 1s, retries: 1.5}]', 'stages[0].retries: expected a whole number from 0 to 1000, got 1.5'],
    ['a YAML syntax error', 'sources:\n  - name: a\n   items: 3\n', 'f.yaml:3:1: YAML syntax error:'],
    ['a duplicate key', 'seed: 1\nseed: 2\n', 'f.yaml:2:1: YAML syntax error: Map keys must be unique'],
    ['not a mapping', '- 1\n- 2\n', '(top level): expected a mapping with sources and stages'],
  ])('%s is reported with its path', (_what, text, expected) => {
    expect(problems(text).some((line) => line.includes(expected))).toBe(true);
  });
});

test('a source limited only by duration needs an interval above 0', () => {
  expect(problems('sources: [{name: a, duration: 1m, interval: 0}]\nstages: [{name: s, workers: 1, delay: 1s}]')).toEqual([
    'f.yaml:1: sources[0].interval: expected an interval above 0 when only duration limits the source (every item would be due at once, without end), got 0',
  ]);
});

describe('whole numbers beyond 2^53 - 1, which a double cannot hold exactly', () => {
  const BIG = '9007199254740993'; // read as a double, 9007199254740992

  test('are refused as written, with the largest there can be, naming the field (YAML)', () => {
    expect(problems(`seed: ${BIG}\nsources: [{name: a, items: ${BIG}, interval: 1s}]\nstages: [{name: s, workers: 1, delay: 1s}]`)).toEqual([
      `f.yaml:1: seed: expected a whole number >= 0, got ${BIG} (the largest is 9007199254740991)`,
      `f.yaml:2: sources[0].items: expected a whole number >= 0, got ${BIG} (the largest is 9007199254740991)`,
    ]);
  });

  test('are refused as written in a JSON file too, also with a zero fraction or as a field that takes no whole number', () => {
    const text = `{"sources":[{"name":"a","items":${BIG}.0,"interval":${BIG}}],"stages":[{"name":"s","workers":1,"delay":"1s","capacity":-${BIG}}]}`;
    let refused: readonly string[] = [];
    try {
      parseScenario(text, 'f.json');
    } catch (error) {
      if (error instanceof ScenarioError) refused = error.problems;
    }
    expect(refused).toEqual([
      `f.json:1: sources[0].items: expected a whole number >= 0, got ${BIG} (the largest is 9007199254740991)`,
      expect.stringMatching(new RegExp(`^f\\.json:1: sources\\[0\\]\\.interval: expected a duration or a distribution: .*, got ${BIG}$`)),
      `f.json:1: stages[0].capacity: expected a whole number >= 1 (omit it for an unbounded queue), got -${BIG}`,
    ]);
  });

  test('the largest whole number a double holds exactly is still read', () => {
    const scenario = parseScenario('sources: [{name: a, items: 9007199254740991, interval: 1s}]\nstages: [{name: s, workers: 1, delay: 1s}]', 'f.yaml');
    expect(scenario.sources[0]?.items).toBe(Number.MAX_SAFE_INTEGER);
  });
});
