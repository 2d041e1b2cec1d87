import { InvalidArgumentError } from '../../src/core/errors.js';
import { RandomStream } from '../../src/core/random.js';
import {
  createDistribution,
  formatDistribution,
  parseDistribution,
  type Distribution,
  type DistributionSpec,
} from '../../src/model/distribution.js';
import { meanStandardError, moments, varianceStandardError, Z_TOLERANCE } from '../moments.js';

function parsed(text: string): Distribution {
  const result = parseDistribution(text);
  if (!result.ok) throw new Error(`${text} did not parse: ${result.reason ?? 'no reason'}`);
  return result.distribution;
}

function reason(text: string): string | undefined {
  const result = parseDistribution(text);
  if (result.ok) throw new Error(`${text} parsed`);
  return result.reason;
}

function draw(distribution: Distribution, n: number, key: string): Float64Array {
  const stream = new RandomStream(20240601, key);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = distribution.sample(stream);
  return values;
}

const phi = (x: number): number => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);

describe('distribution formulas', () => {
  // Independent closed forms, not the code's own expressions.
  test.each<[string, number, number]>([
    ['0.5s', 0.5, 0],
    ['const(250ms)', 0.25, 0],
    ['uniform(0.2s,3s)', 1.6, 2.8 ** 2 / 12],
    ['exp(2s)', 2, 4],
    ['normal(1s,200ms)', 1, 0.04], // truncation at 5 sd: the change is below 1e-6
    ['normal(0s,1s)', Math.sqrt(2 / Math.PI), 1 - 2 / Math.PI], // the half-normal
    ['lognormal(1s,500ms)', 1, 0.25],
    ['erlang(3,1s)', 1, 1 / 3],
  ])('%s has mean %d and variance %d', (text, mean, variance) => {
    const d = parsed(text);
    expect(d.mean).toBeCloseTo(mean, 6);
    expect(d.variance).toBeCloseTo(variance, 6);
  });

  test('normal(mu,sigma) truncated at 0 has mean mu + sigma*lambda (lambda = phi(a)/(1 - Phi(a)), a = -mu/sigma)', () => {
    // mu = sigma: a = -1, 1 - Phi(-1) = Phi(1) = 0.8413447460685429
    const d = parsed('normal(1s,1s)');
    const lambda = phi(-1) / 0.8413447460685429;
    expect(d.mean).toBeCloseTo(1 + lambda, 6);
    expect(d.variance).toBeCloseTo(1 + -1 * lambda - lambda * lambda, 6);
  });
});

describe('sampling matches each distribution\'s mean and variance', () => {
  // Tolerances: Z_TOLERANCE standard errors of the sample mean (from the
  // formula's variance) and of the sample variance (from the sample's fourth moment).
  test.each<[string, number]>([
    ['uniform(0.2s,3s)', 200_000],
    ['uniform(0,3s)', 200_000],
    ['exp(1s)', 200_000],
    ['exp(278ms)', 200_000],
    ['normal(1s,200ms)', 200_000],
    ['normal(500ms,1s)', 200_000],
    ['normal(0,1s)', 200_000],
    ['lognormal(1s,500ms)', 200_000],
    ['lognormal(2s,1s)', 200_000],
    ['erlang(1,2s)', 200_000],
    ['erlang(3,1s)', 200_000],
    ['erlang(50,1s)', 50_000],
    ['erlang(1000,1s)', 5_000], // the product of 1000 uniforms underflows unless folded into the sum
  ])('%s (%i samples)', (text, n) => {
    const d = parsed(text);
    const m = moments(draw(d, n, text));
    expect(Math.abs(m.mean - d.mean)).toBeLessThan(Z_TOLERANCE * meanStandardError(d.variance, n));
    expect(Math.abs(m.variance - d.variance)).toBeLessThan(Z_TOLERANCE * varianceStandardError(m));
  });

  test('heavy truncation is visible: normal(500ms,1s) is far from mean 0.5 s, as its formula says', () => {
    const d = parsed('normal(500ms,1s)');
    const m = moments(draw(d, 200_000, 'truncated'));
    expect(Math.abs(m.mean - 0.5)).toBeGreaterThan(50 * meanStandardError(d.variance, m.n));
    expect(Math.abs(m.mean - d.mean)).toBeLessThan(Z_TOLERANCE * meanStandardError(d.variance, m.n));
  });

  test('every sample is >= 0', () => {
    for (const text of ['normal(0,1s)', 'normal(10ms,1s)', 'exp(1s)', 'lognormal(1ms,10s)', 'erlang(2,1ms)']) {
      expect(Math.min(...draw(parsed(text), 20_000, text))).toBeGreaterThanOrEqual(0);
    }
  });

  test('a constant draws nothing from the stream', () => {
    const stream = new RandomStream(3, 'k');
    const twin = new RandomStream(3, 'k');
    expect(parsed('const(0.5s)').sample(stream)).toBe(0.5);
    expect(parsed('2s').sample(stream)).toBe(2);
    expect(stream.nextUint32()).toBe(twin.nextUint32());
  });

  test('uniform(0,max) is exactly stream.next() * max, the demo\'s processing time', () => {
    const stream = new RandomStream(7, 'consumer:0');
    const twin = new RandomStream(7, 'consumer:0');
    const d = parsed('uniform(0,3s)');
    for (let i = 0; i < 1000; i++) expect(d.sample(stream)).toBe(twin.next() * 3);
  });

  test('is deterministic: the same seed and key give the same samples', () => {
    for (const text of ['normal(1s,200ms)', 'lognormal(1s,500ms)', 'erlang(3,1s)', 'exp(1s)']) {
      expect(draw(parsed(text), 100, 'same')).toEqual(draw(parsed(text), 100, 'same'));
    }
  });
});

describe('parseDistribution', () => {
  test.each<[string, DistributionSpec]>([
    ['0.5s', { kind: 'const', value: 0.5 }],
    ['3', { kind: 'const', value: 3 }],
    ['const(0.5s)', { kind: 'const', value: 0.5 }],
    ['uniform(0.2s,3s)', { kind: 'uniform', min: 0.2, max: 3 }],
    [' uniform( 0 , 3s ) ', { kind: 'uniform', min: 0, max: 3 }],
    ['exp(1s)', { kind: 'exp', mean: 1 }],
    ['Exp(278ms)', { kind: 'exp', mean: 0.278 }],
    ['normal(1s,200ms)', { kind: 'normal', mu: 1, sigma: 0.2 }],
    ['lognormal(1s,500ms)', { kind: 'lognormal', mean: 1, sd: 0.5 }],
    ['erlang(3,1s)', { kind: 'erlang', shape: 3, mean: 1 }],
    ['uniform(1s,1s)', { kind: 'uniform', min: 1, max: 1 }],
  ])('reads %j', (text, spec) => {
    expect(parsed(text).spec).toEqual(spec);
  });

  test.each(['500ms', '2s', '250ms', 'uniform(200ms,3s)', 'exp(1s)', 'normal(1s,200ms)', 'lognormal(1s,500ms)', 'erlang(3,1s)'])(
    'formats %s so that it reads back the same',
    (text) => {
      const spec = parsed(text).spec;
      expect(formatDistribution(spec)).toBe(text);
      expect(parsed(formatDistribution(spec)).spec).toEqual(spec);
    },
  );

  test.each<[string, string | undefined]>([
    ['exp(1s', 'missing ")"'],
    ['', 'it is empty'],
    ['expo(1s)', 'unknown distribution "expo"; known: const, uniform, exp, normal, lognormal, erlang'],
    ['poisson', 'unknown distribution "poisson"; known: const, uniform, exp, normal, lognormal, erlang'],
    ['exp', 'exp needs its parameters in parentheses: exp(mean)'],
    ['(1s)', 'the distribution name before "(" is missing'],
    ['exp(1s))', 'unexpected ")" after ")"'],
    ['exp(1s) x', 'unexpected " x" after ")"'],
    ['exp()', 'exp takes 1 parameter, exp(mean), got 0'],
    ['uniform(1s)', 'uniform takes 2 parameters, uniform(min,max), got 1'],
    ['erlang(3,1s,2s)', 'erlang takes 2 parameters, erlang(k,mean), got 3'],
    ['normal(1s,abc)', 'normal\'s sd "abc" is not a duration'],
    ['exp(-1s)', 'exp\'s mean "-1s": a duration cannot be negative'],
    ['exp(1e3)', 'exp\'s mean "1e3": written without an exponent, please'],
    ['exp(1000000001s)', 'exp\'s mean "1000000001s": the longest is 1000000000 s'],
    ['uniform(0s, 5 s)', 'uniform\'s max "5 s": written without a space before the unit, please'],
    ['1e3', 'written without an exponent, please'],
    ['1000000001s', 'the longest is 1000000000 s'],
    ['s5', 'the unit goes after the number: 5s'],
    ['uniform(3s,1s)', 'uniform\'s min 3s is above its max 1s'],
    ['lognormal(0,1s)', 'lognormal\'s mean must be above 0'],
    ['erlang(0,1s)', 'erlang\'s k must be a whole number from 1 to 1000, got "0"'],
    ['erlang(2.5,1s)', 'erlang\'s k must be a whole number from 1 to 1000, got "2.5"'],
    ['erlang(1e1,1s)', 'erlang\'s k "1e1": written in digits, please'],
    ['erlang(0x3,1s)', 'erlang\'s k "0x3": written in decimal digits, please'],
    ['erlang(1001,1s)', 'erlang\'s k must be a whole number from 1 to 1000, got "1001"'],
    ['3 parsecs', 'unknown unit "parsecs"; known: ms, s, m, h'],
    ['1..2s', undefined],
  ])('rejects %j: %s', (text, expected) => {
    expect(reason(text)).toBe(expected);
  });
});

describe('createDistribution', () => {
  test('builds a distribution from a spec, as scenario files will', () => {
    const d = createDistribution({ kind: 'erlang', shape: 2, mean: 4 });
    expect([d.mean, d.variance]).toEqual([4, 8]);
  });

  test('rejects an invalid spec with InvalidArgumentError', () => {
    expect(() => createDistribution({ kind: 'exp', mean: -1 })).toThrow(InvalidArgumentError);
    expect(() => createDistribution({ kind: 'uniform', min: 2, max: 1 })).toThrow("uniform's min 2s is above its max 1s");
    expect(() => createDistribution({ kind: 'erlang', shape: 1.5, mean: 1 })).toThrow(InvalidArgumentError);
    expect(() => createDistribution({ kind: 'normal', mu: 1, sigma: Infinity })).toThrow(InvalidArgumentError);
  });
});

describe('a distribution is shared by runs, so nothing can change it', () => {
  test('it and its spec are frozen, and the spec given is not', () => {
    const spec = { kind: 'uniform' as const, min: 0, max: 3 };
    const distribution = createDistribution(spec);
    expect(Object.isFrozen(distribution)).toBe(true);
    expect(Object.isFrozen(distribution.spec)).toBe(true);
    expect(() => {
      (distribution.spec as { max: number }).max += 1;
    }).toThrow(TypeError);
    expect(distribution.spec).toEqual({ kind: 'uniform', min: 0, max: 3 });
    expect(Object.isFrozen(spec)).toBe(false);
  });
});
