import { DebugMonitor, type FindingKind } from '../../src/core/debug-monitor.js';
import { DebugQueue, QueueAudit } from '../../src/core/debug-queue.js';
import { DebugSimulation } from '../../src/core/debug-simulation.js';
import { WallClockPacing } from '../../src/core/pacing.js';
import { CLOSED } from '../../src/core/queue.js';
import type { Timers } from '../../src/core/timers.js';

const kinds = (monitor: DebugMonitor): FindingKind[] => monitor.findings.map((f) => f.kind);

describe('DebugSimulation', () => {
  it('reports an event scheduled in the past and virtual time going backwards', async () => {
    const monitor = new DebugMonitor();
    const sim = new DebugSimulation({ monitor });
    sim.process('time-traveller', async (p) => {
      await p.sleep(5);
      // A broken primitive: it puts the process's wake-up 3 s before now.
      p.time = p.now - 3;
      sim.enqueue(p);
      await p.suspend('sleeping', 'a broken sleep');
    });
    await sim.run();
    expect(monitor.finish()).toEqual([
      {
        kind: 'scheduled-in-the-past',
        time: 5,
        message: 'an event was scheduled at t=2s, before the current time t=5s: virtual time would go backwards',
      },
      {
        kind: 'time-went-backwards',
        time: 2,
        message: 'virtual time went backwards from t=5s to t=2s (seen by process time-traveller)',
      },
    ]);
  });

  it('reports a process step and a callback that block the event loop over the limit, naming them', async () => {
    let wall = 0;
    const monitor = new DebugMonitor({ wallClock: () => wall });
    const sim = new DebugSimulation({ monitor });
    sim.process('busy', async (p) => {
      await p.sleep(1);
      wall += 150; // a step that computes for 150 ms of wall time
      await p.sleep(1);
    });
    sim.process('brisk', async (p) => {
      await p.sleep(1);
      wall += 60; // under the limit
      await p.sleep(1);
    });
    sim.schedule(3, () => {
      wall += 200;
    });
    await sim.run();
    expect(monitor.finish().map((f) => [f.kind, f.time, f.message])).toEqual([
      ['blocked-event-loop', 1, 'process busy blocked the event loop for 150 ms (limit 100 ms) without waiting on the engine'],
      ['blocked-event-loop', 3, 'a scheduled callback blocked the event loop for 200 ms (limit 100 ms) without waiting on the engine'],
    ]);
  });

  it('does not charge the wall time the engine spends idle (paced) to the process woken from outside', async () => {
    let wall = 0;
    const pending = new Map<number, () => void>();
    let nextId = 1;
    const timers: Timers = {
      setTimeout: (callback) => {
        pending.set(nextId, callback);
        return nextId++;
      },
      clearTimeout: (handle) => void pending.delete(handle as number),
      setImmediate: (callback) => setImmediate(callback),
      setInterval: () => 0,
      clearInterval: () => {},
    };
    const monitor = new DebugMonitor({ wallClock: () => wall });
    const sim = new DebugSimulation({ monitor, pacing: new WallClockPacing({ speed: 1, now: () => wall }), timers });
    const keeper = sim.process('keeper', async (p) => {
      await p.sleep(3600);
    });
    const done = sim.run();
    await Promise.resolve();
    wall += 5000; // five idle seconds, waiting for the keeper's timer
    keeper.interrupt(); // a wake from outside: its step starts now, not 5 s ago
    await done;
    expect(monitor.finish()).toEqual([]);
  });

  it('reports the processes still pending when the run ended, and what each waits on', async () => {
    const monitor = new DebugMonitor();
    const sim = new DebugSimulation({ monitor });
    const queue = new DebugQueue<number>({ monitor, name: 'jobs' });
    sim.process('waiter', async (p) => {
      await queue.get(p);
    });
    sim.process('sleeper', async (p) => {
      await p.sleep(50);
    });
    sim.process('stopper', async (p) => {
      await p.sleep(1);
      sim.stop(); // a broken worker ends the run while others still wait
    });
    await sim.run();
    expect(monitor.finish().map((f) => f.message)).toEqual([
      'process waiter was still pending when the run ended: it waits on get from jobs',
      'process sleeper was still pending when the run ended: it sleeps until t=50s',
      // The run ended inside the stopper's step, before it reached its end.
      'process stopper was still pending when the run ended: it is still running',
    ]);
  });

  it('skips the end-of-run checks after a failed run: the error already explains what is left', async () => {
    const monitor = new DebugMonitor();
    const sim = new DebugSimulation({ monitor });
    const queue = new DebugQueue<number>({ monitor, name: 'jobs' });
    sim.process('waiter', async (p) => {
      await queue.get(p);
    });
    await expect(sim.run()).rejects.toThrow('deadlock');
    expect(monitor.finish({ runFailed: true })).toEqual([]);
  });
});

describe('DebugQueue', () => {
  it('reports taskDone() called more times than items were got', async () => {
    const monitor = new DebugMonitor();
    const sim = new DebugSimulation({ monitor });
    const queue = new DebugQueue<number>({ monitor, name: 'jobs' });
    for (let n = 1; n <= 3; n++) queue.putNowait(n);
    sim.process('double-counter', async (p) => {
      await queue.get(p);
      queue.taskDone();
      queue.taskDone(); // one item got, two marked done
      await queue.get(p);
      queue.taskDone();
    });
    await sim.run();
    expect(monitor.finish().map((f) => [f.kind, f.message])).toEqual([
      ['task-done-excess', 'taskDone() was called on jobs 2 times, but only 1 items were got'],
      ['task-done-excess', 'taskDone() was called on jobs 3 times, but only 2 items were got'],
      ['item-never-got', '1 item was put into jobs but never got: item 3'],
    ]);
  });

  it('reports items got but never marked done, and items never got', async () => {
    const monitor = new DebugMonitor();
    const sim = new DebugSimulation({ monitor });
    const queue = new DebugQueue<{ id: number }>({ monitor, name: 'jobs', describe: (item) => `job ${item.id}` });
    for (let id = 0; id < 4; id++) queue.putNowait({ id });
    sim.process('forgetful', async (p) => {
      await queue.get(p); // never calls taskDone, and stops after one item
    });
    await sim.run();
    expect(monitor.finish().map((f) => [f.kind, f.message])).toEqual([
      ['task-done-missing', '1 item got from jobs never marked done with taskDone() (1 got, 0 done)'],
      ['item-never-got', '3 items were put into jobs but never got: job 1, job 2, job 3'],
    ]);
  });

  it('does not report the items left in a queue closed at once', async () => {
    const monitor = new DebugMonitor();
    const sim = new DebugSimulation({ monitor });
    const queue = new DebugQueue<number>({ monitor, name: 'jobs' });
    for (let n = 0; n < 3; n++) queue.putNowait(n);
    sim.process('consumer', async (p) => {
      const first = await queue.get(p);
      queue.taskDone();
      queue.shutdown({ immediate: true });
      expect([first, await queue.get(p)]).toEqual([0, CLOSED]);
    });
    await sim.run();
    expect(monitor.finish()).toEqual([]);
  });

  it('finds nothing in a correct busy exchange: hand-overs, a full queue and waiting putters', async () => {
    const monitor = new DebugMonitor();
    const sim = new DebugSimulation({ monitor });
    const queue = new DebugQueue<number>({ monitor, name: 'jobs', capacity: 2 });
    for (let w = 0; w < 3; w++) {
      sim.process(`putter-${w}`, async (p) => {
        for (let n = 0; n < 20; n++) {
          await queue.put(p, w * 100 + n);
          if (n % 3 === w) await p.sleep(0.5);
        }
      });
      sim.process(`getter-${w}`, async (p) => {
        for (let n = 0; n < 20; n++) {
          await queue.get(p);
          await p.sleep(0.1 * (w + 1));
          queue.taskDone();
        }
      });
    }
    await sim.run();
    expect(monitor.finish()).toEqual([]);
    expect(queue.size).toBe(0);
  });
});

describe('QueueAudit', () => {
  // The queue itself cannot be driven into these states: the audit guards its implementation.
  it('reports a size outside [0, capacity] and a size change no single operation explains', () => {
    const monitor = new DebugMonitor();
    const audit = new QueueAudit<string>(monitor, 'jobs', 2);
    audit.entered('a', 1);
    audit.entered('b', 2);
    audit.entered('c', 3); // above capacity
    audit.entered('d', 7); // a jump
    audit.leaving();
    audit.left('a', 2); // expected 6
    expect(kinds(monitor)).toEqual(['queue-size', 'queue-size', 'queue-size', 'queue-size']);
    expect(monitor.findings.map((f) => f.message)).toEqual([
      'jobs holds 3 items, outside [0, 2]',
      'jobs went from 3 to 7 items when item d entered',
      'jobs holds 7 items, outside [0, 2]',
      'jobs went from 6 to 2 items when item a left',
    ]);
  });

  it('reports an item that leaves more times than it entered', () => {
    const monitor = new DebugMonitor();
    const audit = new QueueAudit<string>(monitor, 'jobs', Infinity);
    audit.entered('a', 1);
    audit.leaving();
    audit.left('a', 0);
    audit.entered('b', 1);
    audit.leaving();
    audit.left('a', 0);
    expect(monitor.findings.map((f) => [f.kind, f.message])).toEqual([
      ['item-got-twice', 'item a was got from jobs more times than it was put'],
    ]);
  });

  it('keeps ten findings per kind and counts the rest', () => {
    const monitor = new DebugMonitor();
    const audit = new QueueAudit<number>(monitor, 'jobs', Infinity);
    for (let n = 0; n < 25; n++) audit.taskDone();
    expect(monitor.findings).toHaveLength(10);
    expect(monitor.omitted).toEqual(new Map([['task-done-excess', 15]]));
  });
});
