import { Sim } from '../../src/api/sim.js';
import { ModelFinalLineLog, ModelTextLog } from '../../src/observe/model-log.js';
import type { Palette } from '../../src/observe/sink.js';

class Sink {
  text = '';
  write(text: string): void {
    this.text += text;
  }
}

/** Marks each line with its colour index instead of escape codes. */
const markingPalette: Palette = { worker: (index, text) => `<${index}>${text}` };

describe('model text log', () => {
  test('the name column fits the longest name that may log; { log: false } processes take no colour and no width', async () => {
    const sink = new Sink();
    const sim = new Sim({ observers: [new ModelTextLog(sink, { palette: markingPalette })] });
    sim.process('a-very-long-silent-producer', async () => {}, { log: false });
    sim.process('Ann', async (p) => p.log('hello'));
    sim.process('Bartholomew', async (p) => {
      p.log('two\nlines');
      await p.sleep(1);
      // Created during the run: same column width; a longer name gets a wider tag of its own.
      sim.process('Cy', async (c) => c.log('late'));
      sim.process('Dorothea-the-late', async (d) => d.log('later'));
    });
    await sim.run();
    expect(sink.text).toBe(
      [
        '<0>[    Ann    ] hello',
        '<1>[Bartholomew] two',
        '<1>[Bartholomew] lines',
        '<2>[    Cy     ] late',
        '<3>[Dorothea-the-late] later',
        'Queue size is now 0',
        '',
      ].join('\n'),
    );
  });

  test('the column is at least 6 wide, as in qsim run; --timestamps prefixes every line', async () => {
    const sink = new Sink();
    const sim = new Sim({ observers: [new ModelTextLog(sink, { timestamps: true })] });
    const q = sim.queue<number>({ name: 'q' });
    q.putNowait(1);
    sim.process('Al', async (p) => (await p.sleep(1.5), p.log('x')));
    await sim.run();
    expect(sink.text).toBe('t=  1.500s [  Al  ] x\nt=  1.500s Queue size is now 1\n');
  });

  test('--quiet keeps only the final line, with the items left in all queues', async () => {
    const sink = new Sink();
    const sim = new Sim({ observers: [new ModelFinalLineLog(sink)] });
    sim.queue<number>({ name: 'a' }).putNowait(1);
    sim.queue<number>({ name: 'b' }).putNowait(2);
    sim.process('Al', async (p) => p.log('x'));
    await sim.run();
    expect(sink.text).toBe('Queue size is now 2\n');
  });
});
