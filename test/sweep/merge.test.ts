import { parseSweepFlags, type SweepFlags } from '../../src/cli/sweep-options.js';
import { executeSweep } from '../../src/sweep/execute.js';
import { renderSweepNdjson } from '../../src/sweep/json-output.js';
import { mergeShards, MergeError } from '../../src/sweep/merge.js';
import { runSeed } from '../../src/sweep/seeds.js';
import { sequentialRunner } from '../../src/sweep/point-runner.js';

const FLAGS: SweepFlags = { vary: ['consumers=1..4'], interval: 'exp(250ms)', delay: 'exp(1s)', items: '100', slo: ['wait.p95<2s'], seed: '3' };

async function shardOutputs(flags: SweepFlags, count: number): Promise<{ name: string; text: string }[]> {
  const { plan } = parseSweepFlags(flags, 'test');
  const outputs = [];
  for (let index = 1; index <= count; index++) {
    const shard = { index, count };
    const outcome = await executeSweep(plan, sequentialRunner(), { shard });
    outputs.push({ name: `s${index}.ndjson`, text: renderSweepNdjson({ definition: plan.definition, results: outcome.results, shard, interrupted: false }) });
  }
  return outputs;
}

function mergeError(outputs: { name: string; text: string }[]): string {
  try {
    mergeShards(outputs);
  } catch (error) {
    expect(error).toBeInstanceOf(MergeError);
    expect((error as MergeError).exitCode).toBe(2);
    return (error as Error).message;
  }
  throw new Error('merged');
}

describe('qsim merge: shards that do not make one sweep', () => {
  let two: { name: string; text: string }[];
  beforeAll(async () => {
    two = await shardOutputs(FLAGS, 2);
  });

  test('two shards merge into the four points', () => {
    expect(mergeShards(two).results.map((r) => r.index)).toEqual([0, 1, 2, 3]);
  });

  test('a missing shard: the missing points are named', () => {
    expect(mergeError([two[0]!])).toMatch(/2 of the sweep's 4 points are missing \(1, 3\)/);
  });

  test('overlapping shards', async () => {
    const [quarter] = await shardOutputs(FLAGS, 4);
    expect(mergeError([two[0]!, two[1]!, { name: 'q1.ndjson', text: quarter!.text }])).toMatch(/point 0 is in both s1.ndjson:1 and q1.ndjson:1: do two shards overlap/);
  });

  test('a shard given twice, even one without points, alone or concatenated with the others', async () => {
    expect(mergeError([two[0]!, two[1]!, two[0]!])).toMatch(/^shard 1\/2 is in both s1.ndjson:3 and s1.ndjson:3: is a file given twice/);
    // --shard 5/5 of a 4-point grid runs no point: its output is its summary line alone.
    const five = await shardOutputs(FLAGS, 5);
    expect(five[4]!.text.split('\n')).toHaveLength(2);
    expect(mergeShards(five).results).toHaveLength(4);
    expect(mergeError([...five, five[4]!])).toMatch(/^shard 5\/5 is in both s5.ndjson:1 and s5.ndjson:1/);
    const all = five.map((output) => output.text).join('');
    expect(mergeShards([{ name: 'stdin', text: all }]).results).toHaveLength(4);
    expect(mergeError([{ name: 'stdin', text: all + five[4]!.text }])).toMatch(/^shard 5\/5 is in both stdin:\d+ and stdin:\d+/);
  });

  test('a shard of another sweep: what differs is named', async () => {
    const [other] = await shardOutputs({ ...FLAGS, seed: '4' }, 2);
    expect(mergeError([two[0]!, other!])).toMatch(/come from different sweeps \(seeds 4 and 3\)/);
    const [items] = await shardOutputs({ ...FLAGS, items: '101' }, 2);
    expect(mergeError([two[0]!, items!])).toMatch(/different model options or scenario/);
  });

  test('a line from another sweep inside a file', () => {
    const [first, second] = two as [{ name: string; text: string }, { name: string; text: string }];
    const foreign = first.text.split('\n')[0]!.replace(/"sweep":"[0-9a-f]+"/, '"sweep":"0000000000000000"');
    expect(mergeError([{ name: 'x', text: `${foreign}\n${second.text}` }])).toMatch(/x:1: a line of another sweep/);
  });

  test('a cut-short file without its summary line', () => {
    const cut = two[1]!.text.split('\n').slice(0, 1).join('\n');
    expect(mergeError([two[0]!, { name: 'cut', text: cut }])).toMatch(/cut: no summary line/);
  });

  test('text that is not sweep NDJSON', () => {
    expect(mergeError([{ name: 'notes.txt', text: 'hello\n' }])).toMatch(/notes.txt:1: not JSON/);
    expect(mergeError([{ name: 'run.ndjson', text: '{"type":"got","time":1}\n' }])).toMatch(/run.ndjson:1: not a line of qsim sweep/);
    const broken = two[0]!.text.replace(/"metrics":\{[^}]*\}/, '"metrics":{}');
    expect(mergeError([broken].map((text) => ({ name: 'b', text })))).toMatch(/b:1: "metrics".throughput is missing or malformed/);
  });
});

describe('qsim merge checks each point against the sweep rather than trusting it', () => {
  let whole: { name: string; text: string };
  beforeAll(async () => {
    [whole] = (await shardOutputs(FLAGS, 1)) as [{ name: string; text: string }];
  });

  /** The output with point `index`'s line changed by `edit`. */
  function edited(index: number, edit: (point: Record<string, unknown>) => void): { name: string; text: string } {
    const lines = whole.text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const point = lines.find((line) => line['type'] === 'point' && line['index'] === index) as Record<string, unknown>;
    edit(point);
    return { name: 'e.ndjson', text: lines.map((line) => JSON.stringify(line)).join('\n') + '\n' };
  }

  test('whether a point meets each SLO is decided again from its figures: an edited figure cannot keep a stale pass', () => {
    const original = mergeShards([whole]);
    const index = original.results.findIndex((result) => result.slo[0] === true);
    expect(index).toBeGreaterThanOrEqual(0);
    const slower = edited(index, (point) => ((point['metrics'] as Record<string, number>)['wait.p95'] = 99));
    expect(mergeShards([slower]).results[index]?.slo).toEqual([false]);
    const failing = original.results.findIndex((result) => result.slo[0] === false);
    const forged = edited(failing, (point) => {
      point['slo'] = { 'wait.p95<2s': true };
      point['pass'] = true;
    });
    expect(mergeShards([forged]).results[failing]?.slo).toEqual([false]);
  });

  test('a point holds one seed per replication, the ones the sweep derives for it', () => {
    expect(mergeError([edited(1, (point) => (point['seeds'] = []))])).toMatch(/^e.ndjson:2: point 1 has 0 seeds, not one per replication \(1\)$/);
    expect(mergeError([edited(1, (point) => (point['seeds'] = [1, 2]))])).toMatch(/point 1 has 2 seeds/);
    expect(mergeError([edited(1, (point) => (point['seeds'] = [12345]))])).toBe(
      `e.ndjson:2: point 1's seeds are not those sweep seed 3 gives it (${runSeed(3, 1, 0)})`,
    );
  });

  test("a point's values are its index's in the grid", () => {
    expect(mergeError([edited(1, (point) => (point['values'] = { consumers: '3' }))])).toBe(
      'e.ndjson:2: point 1 has consumers="3", but the sweep\'s point 1 has consumers="2"',
    );
  });

  test('with replications, each point needs its ci95 (with one, none is read)', async () => {
    const [replicated] = await shardOutputs({ ...FLAGS, replications: '2' }, 1);
    const lines = replicated!.text.split('\n');
    lines[0] = lines[0]!.replace(/,"ci95":\{[^}]*\}/, '');
    expect(mergeError([{ name: 'r', text: lines.join('\n') }])).toMatch(/^r:1: "ci95" is missing or malformed/);
  });
});
