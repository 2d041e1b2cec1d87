/**
 * Seeded randomness: the only source of randomness in a run.
 *
 * Generator: xoshiro128** (Blackman & Vigna, 2018), 32-bit state words, which
 * JavaScript computes exactly with Math.imul and unsigned shifts. Each stream is
 * seeded from (seed, key) through a splitmix32-style finaliser, so streams with
 * different keys are independent and adding a stream ("consumer 3") does not
 * change the numbers another stream ("producer 1") draws.
 */

// Math's functions bound once for the per-draw paths: looking up a global per
// call costs nothing in Node but ~150 ns inside a vm context (where jest runs tests).
const { imul, log, sqrt } = Math;

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** A 32-bit avalanche finaliser (MurmurHash3 fmix32); a bijection on uint32. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** FNV-1a over the UTF-16 code units of `text`. */
function hashKey(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

export class RandomStream {
  /**
   * The second normal of the last polar-method pair, held while #hasSpare.
   * It is part of the stream's state: the stream's output is a pure function of
   * (seed, key, sequence of calls), so a run that makes the same calls draws the
   * same numbers, however its draws interleave with other streams'.
   */
  #spareNormal = 0;
  #hasSpare = false;
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;

  /**
   * @param seed a whole number from 0 to Number.MAX_SAFE_INTEGER
   * @param key names the stream, e.g. "consumer:0"
   */
  constructor(seed: number, key: string) {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a safe whole number >= 0, got ${seed}`);
    const lo = seed >>> 0;
    const hi = Math.floor(seed / TWO_POW_32) >>> 0;
    let x = (lo ^ mix32((hi + 0x9e3779b9) >>> 0) ^ mix32(hashKey(key) ^ 0x7f4a7c15)) >>> 0;
    // Four successive splitmix32 outputs; mix32 is a bijection of distinct
    // inputs, so at most one word is zero and the state is never all zero.
    x = (x + 0x9e3779b9) >>> 0;
    this.#s0 = mix32(x);
    x = (x + 0x9e3779b9) >>> 0;
    this.#s1 = mix32(x);
    x = (x + 0x9e3779b9) >>> 0;
    this.#s2 = mix32(x);
    x = (x + 0x9e3779b9) >>> 0;
    this.#s3 = mix32(x);
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const s0 = this.#s0;
    const s1 = this.#s1;
    const result = imul(rotl(imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    let s2 = this.#s2 ^ s0;
    let s3 = this.#s3 ^ s1;
    this.#s1 = s1 ^ s2;
    this.#s0 = s0 ^ s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    this.#s2 = s2;
    this.#s3 = s3;
    return result;
  }

  /**
   * A float uniformly distributed in [0, 1) with 53 random bits: the top 27
   * bits of one nextUint32 and the top 26 of the next. The two generator steps
   * are written out here on local copies of the state (the same arithmetic as
   * nextUint32, so the same numbers): this is the hottest call of a run.
   */
  next(): number {
    let s0 = this.#s0;
    let s1 = this.#s1;
    let s2 = this.#s2;
    let s3 = this.#s3;
    const a = imul(rotl(imul(s1, 5), 7), 9) >>> 5;
    let t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    const b = imul(rotl(imul(s1, 5), 7), 9) >>> 6;
    t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    this.#s0 = s0;
    this.#s1 = s1;
    this.#s2 = s2;
    this.#s3 = rotl(s3, 11);
    return (a * 67108864 + b) / TWO_POW_53;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    // 1 - next() is in (0, 1], so the logarithm is finite.
    return -mean * log(1 - this.next());
  }

  /**
   * A standard normal (mean 0, variance 1) by Marsaglia's polar method: a point
   * uniform in the unit disc (by rejection, on average 1.27 tries of two
   * next() calls each) gives two independent normals; the second is kept in
   * the stream and returned by the next call, so each pair costs one logarithm
   * and one square root.
   */
  normal(): number {
    if (this.#hasSpare) {
      this.#hasSpare = false;
      return this.#spareNormal;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const scale = sqrt((-2 * log(s)) / s);
    this.#spareNormal = v * scale;
    this.#hasSpare = true;
    return u * scale;
  }
}

/** Builds independent streams of one run from its seed. */
export class RandomSource {
  constructor(readonly seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a safe whole number >= 0, got ${seed}`);
  }

  stream(key: string): RandomStream {
    return new RandomStream(this.seed, key);
  }
}
