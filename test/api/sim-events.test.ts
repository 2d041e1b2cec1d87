import { ProcessFailedError } from '../../src/core/errors.js';
import { simWithLog } from './helpers.js';

describe('model events: wait, any-of, all-of', () => {
  test('p.wait returns the value an event succeeds with, at the instant it is triggered', async () => {
    const { sim, log } = simWithLog();
    const repaired = sim.event<string>('repaired');
    sim.process('machine', async (p) => p.log(`repaired by ${await p.wait(repaired)}`));
    sim.process('mechanic', async (p) => {
      await p.sleep(30);
      repaired.succeed('Ann');
    });
    await sim.run();
    expect(log.lines).toEqual(['30.000 machine: repaired by Ann']);
    expect(repaired.triggered && repaired.ok && repaired.value).toBe('Ann');
  });

  test('every process waiting on an event wakes, in the order they started to wait', async () => {
    const { sim, log } = simWithLog();
    const go = sim.event('go');
    for (const name of ['C', 'A', 'B']) sim.process(name, async (p) => (await p.wait(go), p.log('off')));
    sim.process('starter', async (p) => (await p.sleep(1), go.succeed()));
    await sim.run();
    expect(log.lines).toEqual(['1.000 C: off', '1.000 A: off', '1.000 B: off']);
  });

  test('anyOf returns the first event triggered', async () => {
    const { sim, log } = simWithLog();
    const served = sim.event('served');
    const reneged = sim.event('reneged');
    sim.process('customer', async (p) => {
      const first = await p.anyOf([served, reneged]);
      p.log(first === served ? 'served' : first === reneged ? 'reneged' : 'nothing');
    });
    sim.process('clerk', async (p) => (await p.sleep(4), served.succeed()));
    sim.process('clock', async (p) => (await p.sleep(2), reneged.succeed()));
    await sim.run();
    expect(log.lines).toEqual(['2.000 customer: reneged']);
  });

  test('anyOf with a timeout returns undefined when nothing is triggered in time, and the run ends when the processes do', async () => {
    const { sim, log } = simWithLog();
    const never = sim.event('never');
    const late = sim.event('late');
    sim.process('patient', async (p) => {
      const first = await p.anyOf([never, late], { timeout: 5 });
      p.log(first === undefined ? 'gave up' : `got ${first === late ? 'late' : 'never'}`);
    });
    sim.process('trigger', async (p) => (await p.sleep(7), late.succeed()));
    const { time } = await sim.run();
    expect(log.lines).toEqual(['5.000 patient: gave up']);
    expect(time).toBe(7);
  });

  test('anyOf with a timeout returns the event when it comes first, and the timeout left pending does not stretch the run', async () => {
    const { sim, log } = simWithLog();
    const ready = sim.event('ready');
    sim.process('patient', async (p) => {
      const first = await p.anyOf([ready], { timeout: 100 });
      p.log(first === ready ? 'ready' : 'gave up');
    });
    sim.process('trigger', async (p) => (await p.sleep(3), ready.succeed()));
    const { time } = await sim.run();
    expect(log.lines).toEqual(['3.000 patient: ready']);
    expect(time).toBe(3);
  });

  test('anyOf of an event already triggered returns at once; anyOf of nothing needs a timeout', async () => {
    const { sim, log } = simWithLog();
    const done = sim.event('done').succeed();
    const other = sim.event('other');
    sim.process('quick', async (p) => {
      p.log(`${(await p.anyOf([other, done])) === done} at once`);
      p.log(`${await p.anyOf([], { timeout: 2 })} after the timeout`);
      await p.anyOf([]);
    });
    await expect(sim.run()).rejects.toThrow(/needs at least one event or a timeout/);
    expect(log.lines).toEqual(['0.000 quick: true at once', '2.000 quick: undefined after the timeout']);
  });

  test('allOf returns the values in order once all are triggered', async () => {
    const { sim, log } = simWithLog();
    const a = sim.event<number>('a');
    const b = sim.event<string>('b');
    sim.process('assembler', async (p) => {
      const values = await p.allOf([a, b]);
      p.log(JSON.stringify(values));
    });
    sim.process('parts', async (p) => {
      await p.sleep(1);
      b.succeed('bolt');
      await p.sleep(2);
      a.succeed(7);
    });
    await sim.run();
    expect(log.lines).toEqual(['3.000 assembler: [7,"bolt"]']);
  });

  test('allOf with a timeout returns undefined when not all are triggered in time; allOf of nothing returns []', async () => {
    const { sim, log } = simWithLog();
    const a = sim.event('a');
    const b = sim.event('b');
    sim.process('assembler', async (p) => {
      p.log(JSON.stringify(await p.allOf([])));
      p.log(String(await p.allOf([a, b], { timeout: 4 })));
    });
    sim.process('parts', async (p) => (await p.sleep(1), a.succeed()));
    await sim.run();
    expect(log.lines).toEqual(['0.000 assembler: []', '4.000 assembler: undefined']);
  });

  test('a failed event throws its error at the waits on it', async () => {
    const { sim, log } = simWithLog();
    const delivery = sim.event('delivery');
    sim.process('buyer', async (p) => {
      try {
        await p.allOf([delivery, sim.event('never')]);
      } catch (error) {
        p.log(`failed: ${(error as Error).message}`);
      }
    });
    sim.process('shop', async (p) => (await p.sleep(2), delivery.fail(new Error('lost in the post'))));
    await sim.run();
    expect(log.lines).toEqual(['2.000 buyer: failed: lost in the post']);
    expect(() => delivery.value).toThrow(/has failed/);
  });

  test('an event triggers once', () => {
    const { sim } = simWithLog();
    const once = sim.event('once').succeed();
    expect(() => once.succeed()).toThrow(/already been triggered/);
    expect(() => sim.event('pending').value).toThrow(/not been triggered yet/);
  });

  test('sim.timeout succeeds after its delay; p.done succeeds when the body returns', async () => {
    const { sim, log } = simWithLog();
    const worker = sim.process('worker', async (p) => p.sleep(3), { log: false });
    sim.process('watcher', async (p) => {
      p.log(`timeout gave ${await p.wait(sim.timeout(1, 'tick'))}`);
      await p.wait(worker.done);
      p.log('worker done');
    });
    await sim.run();
    expect(log.lines).toEqual(['1.000 watcher: timeout gave tick', '3.000 watcher: worker done']);
  });

  test('an event error nobody catches fails the run naming the process', async () => {
    const { sim } = simWithLog();
    const bad = sim.event('bad');
    sim.process('victim', async (p) => void (await p.wait(bad)));
    sim.process('saboteur', async (p) => (await p.sleep(1), bad.fail(new Error('sabotage'))));
    const run = sim.run();
    await expect(run).rejects.toBeInstanceOf(ProcessFailedError);
    await expect(run).rejects.toThrow('process victim failed at t=1s: sabotage');
  });
});
