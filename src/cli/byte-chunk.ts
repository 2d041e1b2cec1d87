import { MAX_RESERVE, type ByteSink } from '../observe/sink.js';

/**
 * A chunk of UTF-8 output being gathered: strings are encoded into it, and the
 * text log's hottest line is written into it byte by byte (ByteSink), so a
 * line costs no string. It holds `limit` bytes and room for one more reserved
 * line beyond, so a line is never split; `isFull` says when to send it.
 */
export class ByteChunk implements ByteSink {
  #bytes: Buffer;
  #length = 0;
  readonly #limit: number;
  readonly #flush: () => void;

  /** `flush` is called when a reserve finds the chunk full: it must `take()` the bytes. */
  constructor(limit: number, flush: () => void) {
    this.#limit = limit;
    this.#bytes = Buffer.allocUnsafe(limit + MAX_RESERVE);
    this.#flush = flush;
  }

  get length(): number {
    return this.#length;
  }

  get isFull(): boolean {
    return this.#length >= this.#limit;
  }

  /** Bytes a string of `length` UTF-16 code units can take at most. */
  static mostBytes(length: number): number {
    return length * 3;
  }

  /** Whether `text` fits without a flush. */
  fits(text: string): boolean {
    return this.#length + ByteChunk.mostBytes(text.length) <= this.#bytes.length;
  }

  /** Whether `text` could fit in an empty chunk. */
  canHold(text: string): boolean {
    return ByteChunk.mostBytes(text.length) <= this.#bytes.length;
  }

  /** Appends `text` as UTF-8; call only when it `fits`. */
  text(text: string): void {
    this.#length += this.#bytes.write(text, this.#length);
  }

  /** The gathered bytes, emptying the chunk (which goes on in a new buffer: the bytes taken are the caller's). */
  take(): Uint8Array {
    const taken = this.#bytes.subarray(0, this.#length);
    this.#bytes = Buffer.allocUnsafe(this.#bytes.length);
    this.#length = 0;
    return taken;
  }

  /** Drops the gathered bytes. */
  clear(): void {
    this.#length = 0;
  }

  /** Makes room for `length` (at most MAX_RESERVE) more bytes: flushes when the chunk is full or they would not fit. */
  reserve(length: number): void {
    if (this.#length >= this.#limit || this.#length + length > this.#bytes.length) this.#flush();
  }

  line(head: Uint8Array, first: number, middle: Uint8Array, second: number, tail: Uint8Array): void {
    this.reserve(head.length + middle.length + tail.length + 32);
    const target = this.#bytes;
    let at = copyBytes(target, this.#length, head);
    at = writeDigits(target, at, first);
    at = copyBytes(target, at, middle);
    at = writeDigits(target, at, second);
    this.#length = copyBytes(target, at, tail);
  }
}

/** Copies `bytes` into `target` at `at` (a byte loop: faster than TypedArray#set for a few bytes); returns the end. */
function copyBytes(target: Uint8Array, at: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) target[at++] = bytes[i] as number;
  return at;
}

/** The ASCII digits of 00..99, two bytes each: one division per two digits. */
const DIGIT_PAIRS = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  DIGIT_PAIRS[2 * i] = 48 + Math.floor(i / 10);
  DIGIT_PAIRS[2 * i + 1] = 48 + (i % 10);
}

/** Digits of a whole number from 0 to 2^31 - 1. */
function decimalLength(value: number): number {
  if (value < 100000) return value < 100 ? (value < 10 ? 1 : 2) : value < 1000 ? 3 : value < 10000 ? 4 : 5;
  return value < 10000000 ? (value < 1000000 ? 6 : 7) : value < 100000000 ? 8 : value < 1000000000 ? 9 : 10;
}

/** Writes the decimal digits of the whole number `value` (0 to 2^53) at `at`; returns the end. */
export function writeDigits(target: Uint8Array, at: number, value: number): number {
  return value <= 0x7fffffff ? writeSmallDigits(target, at, value | 0) : writeLargeDigits(target, at, value);
}

/** 0 to 2^31 - 1: small-integer arithmetic, two digits per step. */
function writeSmallDigits(target: Uint8Array, at: number, value: number): number {
  const end = at + decimalLength(value);
  let i = end;
  let rest = value;
  while (rest >= 100) {
    const hundredth = (rest / 100) | 0;
    const pair = (rest - hundredth * 100) << 1;
    target[--i] = DIGIT_PAIRS[pair + 1] as number;
    target[--i] = DIGIT_PAIRS[pair] as number;
    rest = hundredth;
  }
  if (rest >= 10) {
    target[--i] = DIGIT_PAIRS[(rest << 1) + 1] as number;
    target[--i] = DIGIT_PAIRS[rest << 1] as number;
  } else {
    target[--i] = 48 + rest;
  }
  return end;
}

/** 2^31 to 2^53: doubles, one digit per step. */
function writeLargeDigits(target: Uint8Array, at: number, value: number): number {
  let length = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) length++;
  const end = at + length;
  let i = end;
  let rest = value;
  while (rest >= 10) {
    const tenth = Math.floor(rest / 10);
    target[--i] = 48 + (rest - tenth * 10); // the difference first: 48 + rest can round above 2^53
    rest = tenth;
  }
  target[--i] = 48 + rest;
  return end;
}
