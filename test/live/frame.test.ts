import fc from 'fast-check';
import { chalkFrameStyle } from '../../src/cli/chalk-styles.js';
import { bar, formatSpeed, renderFrame, sparkline, type FrameStyle } from '../../src/live/frame.js';
import type { LiveSnapshot } from '../../src/live/snapshot.js';
import { textWidth } from '../../src/live/text-width.js';
import { DEMO, snapshotAt, stripSgr } from '../helpers/live.js';
import { golden } from '../helpers/golden.js';

function expectExactSize(lines: readonly string[], columns: number, rows: number): void {
  expect(lines).toHaveLength(rows);
  for (const line of lines) expect(textWidth(stripSgr(line))).toBe(columns);
}

/** Marks styled text visibly, to check which parts get which style. */
const markingStyle: FrameStyle = {
  worker: (index, text) => `<${index}>${text}</>`,
  dim: (text) => text,
  alert: (text) => `<!>${text}</!>`,
  strong: (text) => text,
};

describe('renderFrame', () => {
  test('the demo at seed 1, t = 7.5 s, in 80 x 24 (golden)', async () => {
    const lines = renderFrame(await snapshotAt(DEMO, 7.5), { columns: 80, rows: 24 });
    expectExactSize(lines, 80, 24);
    golden('live-demo-seed-1-t7.5-80x24.txt', lines);
  });

  test('the demo at seed 1, t = 7.5 s, in 120 x 40 (golden)', async () => {
    const lines = renderFrame(await snapshotAt(DEMO, 7.5), { columns: 120, rows: 40 });
    expectExactSize(lines, 120, 40);
    golden('live-demo-seed-1-t7.5-120x40.txt', lines);
  });

  test('paused: the header says so and the footer offers to resume', async () => {
    const lines = renderFrame(await snapshotAt(DEMO, 7.5, { paused: true, speed: 0.5 }), { columns: 80, rows: 24, style: markingStyle });
    expect(lines[0]).toMatch(/^qsim live {2}t=7\.5s {2}speed 0\.5x {2}seed 1 +<!>PAUSED<\/!>$/);
    expect(lines.at(-1)).toMatch(/^space resume · \+\/- speed · q quit +$/);
  });

  test('paused, then finished (q while paused): it says finished and offers no resume', async () => {
    const paused = await snapshotAt(DEMO, 7.5, { paused: true, speed: 0.5 });
    const finished = { ...paused, header: { ...paused.header, finished: true } };
    const lines = renderFrame(finished, { columns: 80, rows: 24, style: markingStyle });
    expect(lines[0]).toMatch(/ finished$/);
    expect(lines.at(-1)).toMatch(/^q quit +$/);
  });

  test('with --duration alone the producers line counts without a total or a bar', async () => {
    const snapshot = await snapshotAt(DEMO, 7.5);
    const open = { ...snapshot, producers: { ...snapshot.producers, total: Infinity } } as LiveSnapshot;
    const line = renderFrame(open, { columns: 80, rows: 24 }).find((row) => row.startsWith('producers'));
    expect(line).toMatch(/^producers +\d+ produced/);
    expect(line).not.toContain('Infinity');
  });

  test('speeds: whole ones exactly, fractions to 4 digits', () => {
    expect([formatSpeed(32768), formatSpeed(1), formatSpeed(1 / 64), formatSpeed(0.5)]).toEqual(['32768x', '1x', '0.01563x', '0.5x']);
  });

  test('every size from 0 x 0 to 60 x 30 fits exactly, in colour too', async () => {
    const snapshots: LiveSnapshot[] = [
      await snapshotAt(DEMO, 7.5),
      await snapshotAt({ ...DEMO, consumers: Array.from({ length: 40 }, (_, i) => `worker-${i}`), capacity: 3, interval: 0.05 }, 2),
      await snapshotAt({ ...DEMO, consumers: ['日本語の名前', '🙂', 'e\u0301', '\u{1f469}\u200d\u{1f4bb}', '\u{1f3f3}\ufe0f\u200d\u{1f308}', '\u{1f44d}\u{1f3fd}'] }, 4),
    ];
    const styles = [undefined, chalkFrameStyle()];
    for (const snapshot of snapshots) {
      for (const style of styles) {
        for (let columns = 0; columns <= 60; columns += columns < 12 ? 1 : 7) {
          for (let rows = 0; rows <= 30; rows += rows < 12 ? 1 : 6) {
            expectExactSize(renderFrame(snapshot, { columns, rows, ...(style ? { style } : {}) }), columns, rows);
          }
        }
      }
    }
  });

  test('40 x 10 still shows the queue, both lanes and some log', async () => {
    const lines = renderFrame(await snapshotAt(DEMO, 7.5), { columns: 40, rows: 10 });
    expect(lines.some((l) => l.startsWith('queue '))).toBe(true);
    expect(lines.some((l) => l.startsWith(' Fred '))).toBe(true);
    expect(lines.some((l) => l.startsWith(' George '))).toBe(true);
    expect(lines.some((l) => l.startsWith('[George] Got item: '))).toBe(true);
  });

  test('lanes that do not fit are summarised, with counts that add up', async () => {
    const config = { ...DEMO, consumers: Array.from({ length: 30 }, (_, i) => `c${i}`), interval: 0.05, items: 200 };
    const snapshot = await snapshotAt(config, 3);
    const lines = renderFrame(snapshot, { columns: 80, rows: 24 });
    const lanes = lines.filter((l) => /^ c\d+ /.test(l));
    const summary = lines.find((l) => l.startsWith(' +'));
    const match = /^ \+(\d+) more: (\d+) busy, (\d+) idle/.exec(summary ?? '');
    expect(match).not.toBeNull();
    const hidden = snapshot.lanes.slice(lanes.length);
    expect(Number(match?.[1])).toBe(hidden.length);
    expect(Number(match?.[2])).toBe(hidden.filter((l) => l.busy).length);
    expect(Number(match?.[3])).toBe(hidden.filter((l) => !l.busy && !l.done).length);
    expect(lanes.length + hidden.length).toBe(30);
  });

  test('a full bounded queue shows its producer BLOCKED, and the bar against capacity', async () => {
    const snapshot = await snapshotAt({ ...DEMO, capacity: 2, interval: 0.1, items: 50 }, 5);
    expect(snapshot.producers.blocked).toBe(1);
    const lines = renderFrame(snapshot, { columns: 80, rows: 24, style: markingStyle });
    expect(lines.find((l) => l.startsWith('producers '))).toContain('<!>BLOCKED: queue full</!>');
    expect(lines.find((l) => l.startsWith('queue '))).toMatch(/^queue {5}█{28} 2\/2 /);
  });

  test('BLOCKED stays on the producers line at every width from 36 columns, the bar and the word "produced" going first', async () => {
    const snapshot = await snapshotAt({ ...DEMO, capacity: 2, interval: 0.1, items: 100 }, 5);
    expect(snapshot.producers.blocked).toBe(1);
    for (let columns = 36; columns <= 160; columns++) {
      const line = renderFrame(snapshot, { columns, rows: 24, style: markingStyle }).find((l) => l.startsWith('producers '));
      expect(line).toMatch(/ {2}<!>BLOCKED(: queue full)?<\/!> *$/);
    }
    const at40 = renderFrame(snapshot, { columns: 40, rows: 24 }).find((l) => l.startsWith('producers '));
    expect(at40).toBe('producers 10/100  BLOCKED: queue full   ');
  });

  test('done stays on the producers line at 40 columns', async () => {
    const snapshot = await snapshotAt(DEMO, 11);
    const line = renderFrame(snapshot, { columns: 40, rows: 24 }).find((l) => l.startsWith('producers '));
    expect(line).toMatch(/^producers █+░* 20\/20 {2}done *$/);
  });

  test('q quit stays in the footer at every width from 6 columns: the speed keys go first, then pausing', async () => {
    const running = await snapshotAt(DEMO, 7.5);
    const paused = await snapshotAt(DEMO, 7.5, { paused: true });
    for (let columns = 6; columns <= 100; columns++) {
      for (const snapshot of [running, paused]) expect(renderFrame(snapshot, { columns, rows: 24 }).at(-1)).toMatch(/q quit *$/);
    }
    expect(renderFrame(running, { columns: 30, rows: 24 }).at(-1)).toBe('space pause · q quit          ');
    expect(renderFrame(paused, { columns: 30, rows: 24 }).at(-1)).toBe('space resume · q quit         ');
  });

  test('on a narrow screen the queue shows its size whole, leaving out the largest size seen, and never a cut padding', async () => {
    const snapshot = await snapshotAt(DEMO, 7.5);
    expect(renderFrame(snapshot, { columns: 30, rows: 24 }).find((l) => l.startsWith('queue '))).toBe('queue     ████████ 4 (max 4)  ');
    expect(renderFrame(snapshot, { columns: 20, rows: 24 }).find((l) => l.startsWith('queue '))).toBe('queue     ████ 4    ');
    for (let columns = 16; columns <= 100; columns++) {
      expect(renderFrame(snapshot, { columns, rows: 24 }).find((l) => l.startsWith('queue '))).not.toContain('…');
    }
  });

  test("the queues' sparklines start in one column, however wide their counts", async () => {
    const snapshot = await snapshotAt(DEMO, 7.5);
    const [queue] = snapshot.queues;
    if (queue === undefined) throw new Error('the demo has a queue');
    const queues = [
      { ...queue, name: 'parse', size: 0, maxSeen: 14 },
      { ...queue, name: 'transform', size: 175, maxSeen: 179 },
    ];
    const lines = renderFrame({ ...snapshot, queues }, { columns: 80, rows: 24 }).filter((l) => /^(parse|transform) /.test(l));
    expect(lines).toHaveLength(2);
    const sparks = lines.map((l) => textWidth(l.slice(0, /[▁▂▃▄▅▆▇█]+ *$/.exec(l)?.index)));
    expect(sparks[0]).toBe(sparks[1]);
  });

  test("escape sequences and bidi controls in a model's log lines are shown as '?', never sent to the terminal", async () => {
    const snapshot = await snapshotAt(DEMO, 7.5);
    const log = [{ text: '\u001b[2J\u001b[Hcleared \u202eflipped', colour: -1 }];
    const lines = renderFrame({ ...snapshot, log }, { columns: 80, rows: 24 });
    expect(lines.join('')).not.toContain('\u001b');
    expect(lines.join('')).not.toContain('\u202e');
    expect(lines).toContain('?[2J?[Hcleared ?flipped'.padEnd(80));
  });

  test('lanes and log lines are in their worker colour', async () => {
    const lines = renderFrame(await snapshotAt(DEMO, 7.5), { columns: 80, rows: 24, style: markingStyle });
    expect(lines.find((l) => l.includes(' Fred '))).toMatch(/^<0> Fred .*<\/> *$/);
    expect(lines.find((l) => l.includes(' George '))).toMatch(/^<1> George .*<\/> *$/);
    expect(lines.find((l) => l.includes('[George] Got item: '))).toMatch(/^<1>\[George\] Got item: \d+ \(size \d+\)<\/> *$/);
  });

  test('long names are cut in the middle, so workers and queues whose names differ at the end stay apart', async () => {
    const snapshot = await snapshotAt({ ...DEMO, consumers: ['transform/worker-1', 'transform/worker-2'] }, 4);
    const named = { ...snapshot, queues: snapshot.queues.map((q) => ({ ...q, name: 'enrichment-b' })) };
    const lines = renderFrame(named, { columns: 80, rows: 24 });
    expect(lines.filter((l) => / transfo…worker-[12] /.test(l))).toHaveLength(2);
    expect(lines.some((l) => l.startsWith('enri…nt-b '))).toBe(true);
  });

  test('emoji sequences (ZWJ, variation selector, skin tone) take two columns: the lanes line up after them', async () => {
    const names = ['\u{1f469}\u200d\u{1f4bb}', '\u{1f3f3}\ufe0f\u200d\u{1f308}', '\u{1f44d}\u{1f3fd}', 'Ann'];
    const lines = renderFrame(await snapshotAt({ ...DEMO, consumers: names }, 4), { columns: 80, rows: 24 });
    const lanes = names.map((name) => lines.find((l) => l.startsWith(` ${name} `)) ?? '');
    const stateColumns = lanes.map((lane) => textWidth(lane.slice(0, /(busy|idle|done)/.exec(lane)?.index)));
    expect(stateColumns).toEqual([6, 6, 6, 6]);
  });

  test('wide names are cut by columns, not by characters', async () => {
    const snapshot = await snapshotAt({ ...DEMO, consumers: ['名前名前名前名前名前名前', 'B'] }, 2);
    const lines = renderFrame(snapshot, { columns: 30, rows: 12 });
    expectExactSize(lines, 30, 12);
    expect(lines.find((l) => l.startsWith(' 名前'))).toMatch(/^ 名前名…名前名前 /);
  });
});

describe('the header at every width', () => {
  const STATES = ['running', 'PAUSED', 'finished'] as const;
  // The frame's header for a snapshot with these header fields, and nothing else to show.
  function header(state: (typeof STATES)[number], fields: { time: number; speed: number; seed: number }, columns: number): string {
    const snapshot: LiveSnapshot = {
      header: { scenario: '', ...fields, paused: state === 'PAUSED', finished: state === 'finished' },
      queues: [],
      lanes: [],
      log: [],
    };
    return stripSgr(renderFrame(snapshot, { columns, rows: 2, style: chalkFrameStyle() })[0] ?? '');
  }
  // What the left side may show, as the screen narrows: whole parts, dropped from the front of this list first.
  const lefts = (f: { time: number; speed: number; seed: number }): string[] => {
    const [time, speed, seed] = [`t=${f.time.toFixed(1)}s`, `speed ${formatSpeed(f.speed)}`, `seed ${f.seed}`];
    return [`qsim live  ${time}  ${speed}  ${seed}`, `${time}  ${speed}  ${seed}`, `${time}  ${speed}`, time, ''];
  };

  test('from 8 columns (the longest state) up, the state shows whole at the right and the rest in whole parts', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STATES),
        fc.record({
          time: fc.double({ min: 0, max: 1e9, noNaN: true }),
          speed: fc.constantFrom(1 / 64, 0.5, 1, 2, 1024, 1_000_000),
          seed: fc.oneof(fc.integer({ min: 0, max: 9 }), fc.maxSafeInteger()),
        }),
        fc.integer({ min: 8, max: 200 }),
        (state, fields, columns) => {
          const line = header(state, fields, columns);
          expect(textWidth(line)).toBe(columns);
          expect(line.endsWith(` ${state}`) || line === state).toBe(true);
          const left = line.slice(0, line.length - state.length).trimEnd();
          expect(lefts(fields)).toContain(left);
          // Nothing was dropped that would have fitted.
          const wider = lefts(fields).find((text) => text === left || text.length + 2 + state.length <= columns);
          expect(wider).toBe(left);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('the demo at every width from 8 to 160 columns says PAUSED when paused', async () => {
    const snapshot = await snapshotAt(DEMO, 7.5, { paused: true });
    for (let columns = 8; columns <= 160; columns++) {
      expect(stripSgr(renderFrame(snapshot, { columns, rows: 24 })[0] ?? '')).toMatch(/(^| )PAUSED$/);
    }
  });

  test('at 40 columns the title goes first: time, speed and seed stay beside the state', async () => {
    const lines = renderFrame(await snapshotAt(DEMO, 7.5), { columns: 40, rows: 10 });
    expect(lines[0]).toBe('t=7.5s  speed 1x  seed 1         running');
  });

  test('narrower than the state, the state is cut rather than the time shown alone', () => {
    const line = header('finished', { time: 1, speed: 1, seed: 1 }, 5);
    expect(line).toBe('fini…');
  });
});

describe('bars and sparklines', () => {
  test('a bar fills its share, at least one cell when not empty, never all unless full', () => {
    expect(bar(0, 10, 10)).toBe('░░░░░░░░░░');
    expect(bar(5, 10, 10)).toBe('█████░░░░░');
    expect(bar(0.01, 10, 10)).toBe('█░░░░░░░░░');
    expect(bar(9.99, 10, 10)).toBe('█████████░');
    expect(bar(10, 10, 10)).toBe('██████████');
    expect(bar(0, 0, 4)).toBe('░░░░');
    expect(bar(1, 1, 0)).toBe('');
  });

  test('a sparkline shows the last samples against a scale: empty is the floor, full the top', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7], 7, 8)).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([9, 0, 7, 14], 7, 3)).toBe('▁██');
    expect(sparkline([0.1], 100, 5)).toBe('▂');
    expect(sparkline([1, 2], 4, 0)).toBe('');
  });
});
