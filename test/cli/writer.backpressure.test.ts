import { EventEmitter } from 'node:events';
import { drainAwareTimers, OutputWriter, type WritableText } from '../../src/cli/writer.js';

/** A stream that takes `room` characters, then asks the writer to wait until drain() is called. */
class SlowStream extends EventEmitter implements WritableText {
  written = '';
  pending = 0;
  constructor(readonly room: number) {
    super();
  }
  write(chunk: string): boolean {
    this.written += chunk;
    this.pending += chunk.length;
    return this.pending < this.room;
  }
  drain(): void {
    this.pending = 0;
    this.emit('drain');
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('OutputWriter backpressure', () => {
  test('the engine’s yield waits while the stream is backed up, and resumes on drain', async () => {
    const stream = new SlowStream(10);
    const writer = new OutputWriter(stream, 'batch', 4);
    const timers = drainAwareTimers(writer);
    writer.write('0123456789abc'); // past the batch limit: flushed, and past the stream's room
    let resumed = false;
    timers.setImmediate(() => {
      resumed = true;
    });
    await tick();
    await tick();
    expect(resumed).toBe(false);
    stream.drain();
    await tick();
    await tick();
    expect(resumed).toBe(true);
    expect(stream.written).toBe('0123456789abc');
  });

  test('while the stream keeps up, the yield is a plain setImmediate', async () => {
    const stream = new SlowStream(1000);
    const writer = new OutputWriter(stream, 'line');
    writer.write('a line\n');
    let resumed = false;
    drainAwareTimers(writer).setImmediate(() => {
      resumed = true;
    });
    await tick();
    expect(resumed).toBe(true);
  });

  test('a stream without once() is never waited for', async () => {
    const written: string[] = [];
    const writer = new OutputWriter({ write: (chunk) => written.push(String(chunk)) < 0 }, 'line');
    writer.write('x');
    let resumed = false;
    drainAwareTimers(writer).setImmediate(() => {
      resumed = true;
    });
    await tick();
    expect(resumed).toBe(true);
  });
});
