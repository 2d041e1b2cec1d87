import type { ModelFunction } from '../../src/api/model.js';
import { renderFrame } from '../../src/live/frame.js';
import { textWidth } from '../../src/live/text-width.js';
import { modelOptions, modelSnapshotAt } from '../helpers/model-live.js';
import { golden } from '../helpers/golden.js';

function expectExactSize(lines: readonly string[], columns: number, rows: number): void {
  expect(lines).toHaveLength(rows);
  for (const line of lines) expect(textWidth(line)).toBe(columns);
}

describe('renderFrame for a model run', () => {
  // A .mjs model: jest cannot load TypeScript models (tsx registers loader hooks, which jest refuses).
  test('examples/models/rate-control.mjs at seed 1, t = 12 s, in 80 x 24 (golden)', async () => {
    const { snapshot } = await modelSnapshotAt('examples/models/rate-control.mjs', modelOptions(1, { items: 200 }), 12, { historyStep: 0.5 });
    const lines = renderFrame(snapshot, { columns: 80, rows: 24 });
    expectExactSize(lines, 80, 24);
    golden('live-model-rate-control-seed-1-t12-80x24.txt', lines);
  });

  test('examples/models/demo.mjs at seed 1, t = 7.5 s, in 80 x 24 (golden): no producers line, the producer is a lane', async () => {
    const { snapshot } = await modelSnapshotAt('examples/models/demo.mjs', modelOptions(1), 7.5, { historyStep: 0.5 });
    const lines = renderFrame(snapshot, { columns: 80, rows: 24 });
    expectExactSize(lines, 80, 24);
    expect(lines.some((l) => l.startsWith('producers '))).toBe(false);
    expect(lines.some((l) => l.startsWith(' producer-1 busy '))).toBe(true);
    golden('live-model-demo-seed-1-t7.5-80x24.txt', lines);
  });

  test('processes that do not fit are summarised, blocked ones counted', async () => {
    // 12 slow workers take from a queue of 2 that 12 makers fill and then block on.
    const crowd: ModelFunction = (sim) => {
      const q = sim.queue<number>({ name: 'q', capacity: 2 });
      for (let i = 0; i < 12; i++) {
        sim.process(`worker-${i}`, async (p) => {
          for (let n = 0; n < 5; n++) {
            await q.get();
            await p.sleep(10);
          }
        });
      }
      for (let i = 0; i < 12; i++) sim.process(`maker-${i}`, async () => { for (let n = 0; n < 5; n++) await q.put(n); }, { log: false });
    };
    const { snapshot } = await modelSnapshotAt(crowd, modelOptions(1), 1);
    const lines = renderFrame(snapshot, { columns: 80, rows: 24 });
    expectExactSize(lines, 80, 24);
    const shown = lines.filter((l) => /^ (maker|worker)-\d+ /.test(l));
    const summary = lines.find((l) => l.startsWith(' +'));
    const hidden = snapshot.lanes.length - shown.length;
    expect(hidden).toBeGreaterThan(0);
    const states = snapshot.lanes.slice(shown.length).map((l) => (l.kind === 'process' ? l.state : ''));
    const count = (state: string): number => states.filter((s) => s === state).length;
    expect(count('blocked')).toBeGreaterThan(0);
    expect(summary?.trimEnd()).toBe(` +${hidden} more: ${count('busy')} busy, ${count('idle')} idle, ${count('blocked')} blocked`);
    expect(count('busy') + count('idle') + count('blocked')).toBe(hidden);
    const tall = renderFrame(snapshot, { columns: 80, rows: 40 });
    expect(tall.filter((l) => /^ maker-\d+ +blocked put into queue q \(full\) +0 lines {2}util {3}0% +$/.test(l))).not.toHaveLength(0);
  });

  test('narrow screens keep the lane line exact, dropping utilization then the line count', async () => {
    const { snapshot } = await modelSnapshotAt('examples/models/demo.mjs', modelOptions(1), 7.5);
    for (const columns of [20, 30, 40, 50, 60, 70]) {
      const lines = renderFrame(snapshot, { columns, rows: 24 });
      expectExactSize(lines, columns, 24);
    }
    const at50 = renderFrame(snapshot, { columns: 50, rows: 24 }).find((l) => l.startsWith(' Fred '));
    expect(at50).not.toContain('util');
  });
});
