import { displayWidth, prepareDisplayWidths } from '../../src/observe/display-width.js';
import { centre } from '../../src/observe/text-log.js';
import { alignColumns } from '../../src/observe/text-table.js';

// The width tables are loaded once per process (jest gives each file its own module registry).
describe('display width', () => {
  test('ASCII needs no tables: one column a character', async () => {
    await prepareDisplayWidths(['Fred', 'George', 'producer-1', 'export default function (sim) {\n\tsim.process(\'a\', …);\n}'.replace('…', '() => {}')]);
    expect(displayWidth('George')).toBe(6);
    // Not loaded for ASCII names: a wide character still counts as one code point.
    expect(displayWidth('李雷')).toBe(2);
  });

  test('once a name needs them, wide characters take two columns and combining marks none', async () => {
    await prepareDisplayWidths(['Ann', '李雷']);
    expect(displayWidth('李雷')).toBe(4);
    expect(displayWidth('Zoe\u0308')).toBe(3);
    expect(centre('李雷', 6)).toBe(' 李雷 ');
    expect(centre('Ann', 6)).toBe(' Ann  ');
    const lines = alignColumns([['consumer', 'processed'], ['李雷', '1'], ['Ann', '2']], ['left', 'right']);
    expect(lines.map(displayWidth)).toEqual([lines[0]?.length, lines[0]?.length, lines[0]?.length]);
  });
});
