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
  test.each([0, 7, 10, 99, 100, 12345, 2 ** 31 - 1, 2 ** 31, 2 ** 32 + 5, 2 ** 53 - 47, 2 ** 53 - 1, 2 ** 53])('writes %d as String() does', (value) => {
    expect(digitsOf(value)).toBe(String(value));
  });
});

describe('ByteChunk', () => {
  test('reserve flushes once the chunk is past its limit, and never splits what was reserved', () => {
    let flushes = 0;
    const chunk: ByteChunk = new ByteChunk(8, () => {
      flushes++;
      chunk.take();
    });
    chunk.reserve(6);
    chunk.append(new TextEncoder().encode('abcdef'));
    expect(flushes).toBe(0);
    chunk.reserve(6);
    chunk.append(new TextEncoder().encode('ghijkl'));
    expect(flushes).toBe(0); // 12 bytes: past the limit of 8, within the room for one more line
    expect(chunk.isFull).toBe(true);
    chunk.reserve(1);
    expect(flushes).toBe(1);
  });

  test('take hands over the bytes and goes on in a new buffer', () => {
    const chunk = new ByteChunk(64, () => {});
    chunk.text('héllo ');
    chunk.digits(42);
    const first = chunk.take();
    chunk.text('again');
    expect(decode(first)).toBe('héllo 42');
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
