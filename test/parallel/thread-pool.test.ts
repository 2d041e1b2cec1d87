import { jest } from '@jest/globals';
import { RunAborted, ThreadFailedError, ThreadPool } from '../../src/parallel/thread-pool.js';

// The worker runs compiled code (npm test builds first); jest's sandbox cannot host a thread.
const workerUrl = new URL('../fixtures/request-worker.mjs', import.meta.url);

interface Request {
  readonly value?: number;
  readonly wait?: number;
  readonly print?: string;
  readonly fail?: string;
  readonly exit?: number;
  readonly spin?: true;
}
interface Answer {
  readonly value: number;
  readonly threadId: number;
}

async function withPool<T>(options: Partial<ConstructorParameters<typeof ThreadPool<Request, Answer>>[0]>, body: (pool: ThreadPool<Request, Answer>) => Promise<T>): Promise<T> {
  const pool = new ThreadPool<Request, Answer>({ jobs: 1, workerUrl, ...options });
  try {
    return await body(pool);
  } finally {
    await pool.close();
  }
}

const settled = (promise: Promise<unknown>): Promise<unknown> => promise.catch((error: unknown) => error);

describe('ThreadPool', () => {
  test('a request is answered on a worker thread, which later requests reuse', async () => {
    await withPool({}, async (pool) => {
      const first = await pool.run({ value: 1 });
      const second = await pool.run({ value: 2 });
      expect(first.value).toBe(1);
      expect(first.threadId).toBeGreaterThan(0);
      expect(second.threadId).toBe(first.threadId);
    });
  });

  test('with a local lane, one request at a time runs in this thread and the others on workers', async () => {
    const local = jest.fn(async (request: Request): Promise<Answer> => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      return { value: request.value ?? 0, threadId: 0 };
    });
    await withPool({ jobs: 2, local }, async (pool) => {
      const answers = await Promise.all([pool.run({ value: 1 }), pool.run({ value: 2 })]);
      expect(local).toHaveBeenCalledTimes(1);
      expect(answers.map((answer) => answer.value)).toEqual([1, 2]);
      expect(answers[0]?.threadId).toBe(0);
      expect(answers[1]?.threadId).toBeGreaterThan(0);
    });
  });

  test('a failure on a worker rejects with its message (after the prefix), lines and exit code', async () => {
    await withPool({ failurePrefix: () => 'the run with seed 3 failed: ' }, async (pool) => {
      const failure = await settled(pool.run({ fail: 'not today' }));
      expect(failure).toBeInstanceOf(ThreadFailedError);
      expect((failure as ThreadFailedError).message).toBe('the run with seed 3 failed: not today');
      expect((failure as ThreadFailedError).lines()).toEqual(['the run with seed 3 failed: not today']);
      expect((failure as ThreadFailedError).exitCode).toBe(2);
      expect((failure as ThreadFailedError).code).toBe('refused');
      expect((await pool.run({ value: 4 })).value).toBe(4);
    });
  });

  test("what a worker prints reaches onConsole before the request's answer", async () => {
    const heard: string[] = [];
    await withPool({ onConsole: (text) => heard.push(text) }, async (pool) => {
      const answer = pool.run({ value: 5, print: 'hello\n' }).then((a) => heard.push(`answer ${a.value}`));
      await answer;
      expect(heard).toEqual(['hello\n', 'answer 5']);
    });
  });

  test('aborting a request in progress terminates its thread and rejects with RunAborted; the pool goes on with a new thread', async () => {
    await withPool({}, async (pool) => {
      const before = await pool.run({ value: 0 });
      const stop = new AbortController();
      const spinning = settled(pool.run({ spin: true }, stop.signal));
      setTimeout(() => stop.abort(), 100);
      expect(await spinning).toBeInstanceOf(RunAborted);
      const after = await pool.run({ value: 6 });
      expect(after.value).toBe(6);
      expect(after.threadId).not.toBe(before.threadId);
    });
  });

  test('a request whose signal has already aborted never starts', async () => {
    const local = jest.fn(async (): Promise<Answer> => ({ value: 0, threadId: 0 }));
    await withPool({ local }, async (pool) => {
      const stop = new AbortController();
      stop.abort();
      expect(await settled(pool.run({ value: 1 }, stop.signal))).toBeInstanceOf(RunAborted);
      expect(local).not.toHaveBeenCalled();
    });
  });

  test('a worker that exits during a request rejects it with the exit code, and the next request gets a new thread', async () => {
    await withPool({}, async (pool) => {
      const failure = await settled(pool.run({ exit: 7 }));
      expect((failure as Error).message).toBe('a worker thread exited with code 7 during a run');
      expect((await pool.run({ value: 8 })).value).toBe(8);
    });
  });

  test('close() rejects the request in progress and those still waiting for a lane', async () => {
    const pool = new ThreadPool<Request, Answer>({ jobs: 1, workerUrl });
    const running = settled(pool.run({ spin: true }));
    const waiting = settled(pool.run({ value: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await pool.close();
    expect(((await running) as Error).message).toBe('the thread pool was closed during the run');
    expect(await waiting).toMatchObject({ name: 'AbortError' });
    expect(((await settled(pool.run({ value: 2 }))) as Error).message).toBe('the thread pool is closed');
  });

  test('jobs must be a whole number >= 1', () => {
    expect(() => new ThreadPool({ jobs: 0, workerUrl })).toThrow(RangeError);
    expect(() => new ThreadPool({ jobs: 1.5, workerUrl })).toThrow(RangeError);
  });
});
