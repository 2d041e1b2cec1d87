import { readFileSync } from 'node:fs';
import { qsim } from '../helpers/cli.js';

const DEMO = 'examples/models/demo.mjs';
const TWO_QUEUES = 'test/fixtures/models/two-queues.mjs';
const fixture = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

/** The lines of the first chart in `text`, from below its title to its time axis's title. */
function chartBody(text: string): string[] {
  const lines = text.split('\n');
  const title = lines.findIndex((line) => line.endsWith('max per time slice'));
  const end = lines.findIndex((line, i) => i > title && line.trim() === 'simulated time (s)');
  expect(title).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(title);
  return lines.slice(title + 1, end + 1);
}

describe('qsim run --model FILE --chart', () => {
  test('the demo at --seed 1: one chart for its queue, then a bar per process (golden, 80 columns when not a terminal)', () => {
    const result = qsim(['run', '--instant', '--model', DEMO, '--seed', '1', '--quiet', '--chart']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(fixture('model-chart-demo-seed-1.txt'));
    expect(result.stdout.split('\n').every((line) => line.length <= 79)).toBe(true);
  });

  test('the demo reproduces the built-in run, so its queue chart is the built-in chart line for line', () => {
    const model = qsim(['run', '--instant', '--model', DEMO, '--seed', '1', '--quiet', '--chart']).stdout;
    const builtIn = qsim(['run', '--instant', '--seed', '1', '--quiet', '--chart']).stdout;
    expect(chartBody(model).length).toBeGreaterThan(5);
    expect(chartBody(model)).toEqual(chartBody(builtIn));
    // The consumers' share of the run in p.sleep is their utilization in the built-in run.
    expect(model).toMatch(/^ {2}Fred +█+ +100\.0%$/m);
    expect(model).toMatch(/^ {2}George +█+·+ +90\.8%$/m);
    expect(builtIn).toMatch(/^ {2}George +█+·+ +90\.8%$/m);
  });

  test('a model with several queues gets one chart per queue, a queue made during the run included', () => {
    const result = qsim(['run', '--instant', '--model', TWO_QUEUES, '--seed', '1', '--quiet', '--chart']);
    expect(result.status).toBe(0);
    const titles = result.stdout.split('\n').filter((line) => line.endsWith('max per time slice'));
    expect(titles).toEqual([
      'queue "inbox": size (items), max per time slice',
      'queue "outbox": size (items), max per time slice',
      'queue "spare": size (items), max per time slice',
    ]);
    // inbox starts with 4 items and loses one a second.
    expect(result.stdout).toMatch(/^ {2}4 ┤─+╮$/m);
    expect(result.stdout).toMatch(/^ {2}mover +█+ +100\.0%$/m);
    expect(result.stdout).toMatch(/^ {2}sink +█+·+ +37\.5%$/m);
  });

  test('coloured only when colour is on', () => {
    const args = ['run', '--instant', '--model', DEMO, '--seed', '1', '--quiet', '--chart'];
    expect(qsim([...args, '--color']).stdout).toContain('\u001b[');
    expect(qsim(args).stdout).not.toContain('\u001b[');
    expect(qsim(args, { FORCE_COLOR: '1' }).stdout).toContain('\u001b[');
    expect(qsim([...args, '--color'], { NO_COLOR: '1' }).stdout).toContain('\u001b[');
  });

  test.each([
    [['--format', 'json'], 'qsim: --chart adds text to the log, so it cannot be used with --format json (use --format text)\n'],
    [['--format', 'ndjson'], 'qsim: --chart adds text to the log, so it cannot be used with --format ndjson (use --format text)\n'],
    [['--live'], 'qsim: --chart cannot be used with --live: the live view draws the whole screen\n'],
  ])('--chart %j is refused as for a built-in run: exit 2, one line, nothing on stdout', (args, message) => {
    const model = qsim(['run', '--model', DEMO, '--chart', ...args]);
    expect(model.stderr).toBe(message);
    expect(model.stdout).toBe('');
    expect(model.status).toBe(2);
    expect(qsim(['run', '--chart', ...args]).stderr).toBe(message);
  });
});
