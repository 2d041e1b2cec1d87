import type { ModelOptions } from '../../src/api/model.js';
import { ModelBuildError, ModelRefusedError, simulateModel, summarizeModel } from '../../src/runner/run-model.js';
import { ModelFileError } from '../../src/runner/load-model.js';
import { modelOptions } from '../helpers/model-live.js';

const options = (seed: number, items: number): ModelOptions => modelOptions(seed, { items });

describe('running a model as a function (for sweeps)', () => {
  test('summarizeModel(file, options) returns the summary; the same seed gives the same summary, another seed another', async () => {
    const first = await summarizeModel('examples/models/demo.mjs', options(7, 20));
    const again = await summarizeModel('examples/models/demo.mjs', options(7, 20));
    const other = await summarizeModel('examples/models/demo.mjs', options(8, 20));
    expect(first.model).toBe('examples/models/demo.mjs');
    expect(first.queues[0]?.gets).toBe(20);
    expect(first.processes.map((p) => p.name)).toEqual(['producer-1', 'Fred', 'George']);
    expect(again).toEqual(first);
    expect(other.simulatedSeconds).not.toBe(first.simulatedSeconds);
  });

  test('a missing file is a ModelFileError; a model function that refuses its options is a ModelRefusedError (a ModelBuildError), exit 2', async () => {
    await expect(summarizeModel('no/such.mjs', options(1, 1))).rejects.toBeInstanceOf(ModelFileError);
    const build = (): void => {
      throw new Error('bad parameter');
    };
    const refused = simulateModel(build, options(1, 1));
    await expect(refused).rejects.toEqual(new ModelRefusedError('the model refused these options: bad parameter'));
    await expect(refused).rejects.toBeInstanceOf(ModelBuildError);
    await expect(refused).rejects.toMatchObject({ exitCode: 2, code: 'model-refused' });
  });

  test('a model function with a bug is a ModelBuildError, exit 1', async () => {
    const build = (): void => {
      throw new TypeError('x is not a function');
    };
    const failed = simulateModel(build, options(1, 1));
    await expect(failed).rejects.toEqual(new ModelBuildError('the model function failed: TypeError: x is not a function'));
    await expect(failed).rejects.toMatchObject({ exitCode: 1, code: 'model-failed' });
  });
});
