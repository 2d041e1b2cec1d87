import { EventEmitter } from 'node:events';
import { main } from '../../src/cli/main.js';
import { handleStopSignals, type SignalSource } from '../../src/cli/signals.js';
import { Simulation } from '../../src/core/simulation.js';
import type { RunConfig } from '../../src/model/config.js';
import type { RunObserver } from '../../src/model/events.js';
import type { Pipeline } from '../../src/model/pipeline.js';
import { buildStage, demoConfig } from '../model/run-config.js';
import { TextLog } from '../../src/observe/text-log.js';
import { capture } from './capture.js';

const signalSource = (): EventEmitter & SignalSource => new EventEmitter() as EventEmitter & SignalSource;

describe('handleStopSignals', () => {
  it('counts SIGINT and SIGTERM together and removes its handlers', () => {
    const source = signalSource();
    const heard: string[] = [];
    const remove = handleStopSignals(source, (signal, count) => heard.push(`${signal}#${count}`));
    source.emit('SIGTERM');
    source.emit('SIGINT');
    expect(heard).toEqual(['SIGTERM#1', 'SIGINT#2']);
    remove();
    expect(source.listenerCount('SIGINT') + source.listenerCount('SIGTERM')).toBe(0);
  });
});

describe('qsim run stopped by a signal (in-process, signalled at a known event)', () => {
  const args = ['--seed', '7', '--items', '200', '--interval', '0.1s', '--max-delay', '3s', '--speed', '1000000'];
  const config: RunConfig = demoConfig({ items: 200, interval: 0.1 });

  /** The model interrupted at the same event, through the library: what the CLI must print. */
  async function interruptedAtItem(id: number): Promise<string> {
    let text = '';
    const sim = new Simulation();
    const built: { stage?: Pipeline } = {};
    const trigger: RunObserver = { itemGot: (_t, _c, item) => void (item.id === id && built.stage?.interrupt()) };
    const stage = buildStage(sim, config, [new TextLog({ write: (t) => void (text += t) }), trigger]);
    built.stage = stage;
    await sim.run();
    expect(stage.finish().interrupted).toBe(true);
    return text;
  }

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: prints what the model interrupted at that event prints, exits %i, removes its handlers', async (signal, code) => {
    const signals = signalSource();
    let listenersDuringRun = 0;
    const run = capture({
      signals,
      onWrite: (chunk) => {
        if (!chunk.includes('Got item: 3 ')) return;
        listenersDuringRun = signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM');
        signals.emit(signal);
      },
    });
    expect(await main(['run', ...args], run.io)).toBe(code);
    expect(run.stdout()).toBe(await interruptedAtItem(3));
    expect(run.stdout()).toMatch(/Queue size is now [1-9]\d*\n$/);
    expect(listenersDuringRun).toBe(2);
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('with --debug: an interrupted run has no finding (the items left are expected)', async () => {
    const signals = signalSource();
    const run = capture({ signals, onWrite: (chunk) => void (chunk.includes('Got item: 3 ') && signals.emit('SIGINT')) });
    expect(await main(['run', ...args, '--debug'], run.io)).toBe(130);
    expect(run.stderr()).not.toContain('debug');
  });

  it('a second signal stops at once: no final line, exit code of that signal', async () => {
    const signals = signalSource();
    const run = capture({
      signals,
      onWrite: (chunk) => {
        if (!chunk.includes('Got item: 3 ')) return;
        signals.emit('SIGTERM');
        signals.emit('SIGINT');
      },
    });
    expect(await main(['run', ...args], run.io)).toBe(130);
    expect(run.stdout()).not.toContain('Queue size');
    expect(run.stdout()).not.toContain('Done');
  });
});
