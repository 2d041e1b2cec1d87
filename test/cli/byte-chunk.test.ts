import fc from 'fast-check';
import { ByteChunk, writeDigits } from '../../src/cli/byte-chunk.js';
import { OutputWriter } from '../../src/cli/writer.js';
import { simulateRun } from '../../src/model/run.js';
import type { Palette } from '../../src/observe/sink.js';
import { TextLog } from '../../src/observe/text-log.js';
import { runConfig } from '../model/run-config.js';

const decode = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

function digitsOf(value: number): string {
  const target = new Uint8Array(20);
  return decode(target.subarray(0, writeDigits(target, 0, value)));
}

/** A stream that keeps what it is given, strings and bytes alike, as text. */
function collector(): { stream: { write(chunk: string | Uint8Array): boolean }; text: () => string; chunks: number } {
  const parts: string[] = [];
  const sink = {
    chunks: 0,
    stream: {
      write(chunk: string | Uint8Array): boolean {
        sink.chunks++;
        parts.push(typeof chunk === 'string' ? chunk : decode(chunk));
        return true;
      },
    },
    text: () => parts.join(''),
  };
  return sink;
}

describe('writeDigits', () => {
  test.each([0, 7, 10, 11, 99, 100, 101, 999, 1000, 12345, 99999, 100000, 999999, 1000000, 9999999, 10000000, 123456789, 999999999, 1000000000, 2 ** 31 - 1, 2 ** 31, 2 ** 32 + 5, 2 ** 53 - 47, 2 ** 53 - 1, 2 ** 53])('writes %d as String() does', (value) => {
    expect(digitsOf(value)).toBe(String(value));
  });

  test('writes every whole number up to 2^53 as String() does, after what was written before', () => {
    fc.assert(
      fc.property(fc.nat({ max: 64 }), fc.maxSafeNat(), (at, value) => {
        const target = new Uint8Array(at + 20).fill(33);
        const end = writeDigits(target, at, value);
        expect(decode(target.subarray(at, end))).toBe(String(value));
        expect(target.subarray(0, at).every((byte) => byte === 33)).toBe(true);
      }),
    );
  });
});

describe('ByteChunk', () => {
  test('a line past the limit goes in whole; the next one flushes first', () => {
    const taken: string[] = [];
    const chunk: ByteChunk = new ByteChunk(16, () => taken.push(decode(chunk.take())));
    const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
    chunk.line(bytes('a='), 1, bytes(' b='), 22, bytes('\n'));
    expect(taken).toEqual([]);
    chunk.line(bytes('a='), 333, bytes(' b='), 4444, bytes('\n'));
    expect(taken).toEqual([]); // 22 bytes: past the limit of 16, within the room for one more line
    expect(chunk.isFull).toBe(true);
    chunk.line(bytes('a='), 5, bytes(' b='), 6, bytes('\n'));
    expect(taken).toEqual(['a=1 b=22\na=333 b=4444\n']);
    expect(decode(chunk.take())).toBe('a=5 b=6\n');
  });

  test('take hands over the bytes and goes on in a new buffer', () => {
    const chunk = new ByteChunk(64, () => {});
    chunk.text('héllo ');
    const first = chunk.take();
    chunk.text('again');
    expect(decode(first)).toBe('héllo ');
    expect(decode(chunk.take())).toBe('again');
  });
});

describe('the text log through a batch writer (bytes) and a line writer (strings)', () => {
  const wrapping: Palette = { worker: (index, text) => `\u001b[3${index + 1}m${text}\u001b[39m` };
  const notWrapping: Palette = { worker: (_index, text) => text.toUpperCase() };

  async function logThrough(mode: 'batch' | 'line', palette: Palette | undefined, limit = 1 << 16): Promise<{ text: string; chunks: number }> {
    const output = collector();
    const writer = new OutputWriter(output.stream, mode, limit);
    const config = runConfig({ items: 500, seed: 3, consumers: ['Fred', 'Zoë', 'George'] });
    await simulateRun(config, { observers: [new TextLog(writer, palette ? { palette } : {})] });
    writer.flush();
    return { text: output.text(), chunks: output.chunks };
  }

  test.each([
    ['plain', undefined],
    ['a colouring palette', wrapping],
    ['a palette that does not wrap lines (no byte path)', notWrapping],
  ] as const)('with %s, both print the same text', async (_name, palette) => {
    const batch = await logThrough('batch', palette);
    const line = await logThrough('line', palette);
    expect(batch.text).toBe(line.text);
    expect(line.text.toLowerCase()).toContain('got item: 499 (size');
    expect(batch.chunks).toBeLessThan(line.chunks);
  });

  test('a small limit sends many chunks and still the same text', async () => {
    const small = await logThrough('batch', wrapping, 100);
    expect(small.chunks).toBeGreaterThan(50);
    expect(small.text).toBe((await logThrough('line', wrapping)).text);
  });
});
