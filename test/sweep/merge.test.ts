import { parseSweepFlags, type SweepFlags } from '../../src/cli/sweep-options.js';
import { executeSweep } from '../../src/sweep/execute.js';
import { renderSweepNdjson } from '../../src/sweep/json-output.js';
import { mergeShards, MergeError } from '../../src/sweep/merge.js';
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

  test('overlapping shards (or a file given twice)', () => {
    expect(mergeError([two[0]!, two[1]!, two[0]!])).toMatch(/point 0 is in both s1.ndjson:1 and s1.ndjson:1/);
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
