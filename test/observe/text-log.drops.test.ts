import { simulateRun } from '../../src/model/run.js';
import type { TextSink } from '../../src/observe/sink.js';
import { TextLog } from '../../src/observe/text-log.js';
import { runConfig } from '../model/run-config.js';

class Lines implements TextSink {
  text = '';
  write(text: string): void {
    this.text += text;
  }
}

async function logOf(overrides: Parameters<typeof runConfig>[0]): Promise<string[]> {
  const sink = new Lines();
  await simulateRun(runConfig(overrides), { observers: [new TextLog(sink)] });
  return sink.text.split('\n').filter((line) => line !== '');
}

describe('TextLog with drops', () => {
  test('logs each drop with the producer\'s name, in a name field wide enough for producers from the first line', async () => {
    const lines = await logOf({ items: 6, interval: '0', delay: '1s', capacity: 2, onFull: 'drop-newest' });
    expect(lines).toEqual([
      '[   Fred   ] Got item: 0 (size 0)',
      '[  George  ] Got item: 1 (size 0)',
      '[producer-1] Dropped item: 4 (size 2)',
      '[producer-1] Dropped item: 5 (size 2)',
      '[   Fred   ] Got item: 2 (size 1)',
      '[  George  ] Got item: 3 (size 0)',
      '[   Fred   ] Done',
      '[  George  ] Done',
      'Queue size is now 0',
    ]);
  });

  test('drop-oldest logs the item pushed out of the front of the queue', async () => {
    const lines = await logOf({ items: 6, interval: '0', delay: '1s', capacity: 2, onFull: 'drop-oldest' });
    expect(lines.filter((line) => line.includes('Dropped'))).toEqual([
      '[producer-1] Dropped item: 2 (size 2)',
      '[producer-1] Dropped item: 3 (size 2)',
    ]);
    expect(lines.filter((line) => line.includes('Got')).map((line) => line.replace(/^\[[^\]]*\] /, ''))).toEqual([
      'Got item: 0 (size 0)',
      'Got item: 1 (size 0)',
      'Got item: 4 (size 1)',
      'Got item: 5 (size 0)',
    ]);
  });

  test('with the block policy the name field counts consumers only, as in the demo', async () => {
    const lines = await logOf({ items: 2, capacity: 1 });
    expect(lines[0]).toMatch(/^\[ Fred \] |^\[George\] /);
  });

  test('a drop policy widens the field even when nothing is dropped, so the layout does not depend on the run', async () => {
    const lines = await logOf({ items: 1, capacity: 5, onFull: 'drop-oldest' });
    expect(lines[0]).toBe('[   Fred   ] Got item: 0 (size 0)');
  });
});
