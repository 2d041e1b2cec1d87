/** Plain-text tables with aligned columns, for the --stats summary. */
import { displayWidth } from './display-width.js';

export type Align = 'left' | 'right';

/** Terminal columns taken by `text` (see display-width.ts: prepare them for names that are not ASCII). */
export const textWidth = displayWidth;

/**
 * Lays out `rows` (the first is usually a header) with each column as wide as
 * its widest cell, measured by `width` (terminal columns), and `gap` spaces
 * between columns; trailing spaces are trimmed.
 */
export function alignColumns(
  rows: readonly (readonly string[])[],
  align: readonly Align[],
  indent = '  ',
  gap = '   ',
  width: (text: string) => number = textWidth,
): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, width(cell));
    });
  }
  const pad = (cell: string, i: number): string => {
    const fill = ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(cell)));
    return (align[i] ?? 'left') === 'left' ? cell + fill : fill + cell;
  };
  return rows.map((row) => (indent + row.map(pad).join(gap)).trimEnd());
}
