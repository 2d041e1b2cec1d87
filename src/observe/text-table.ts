/** Plain-text tables with aligned columns, for the --stats summary. */
import { displayWidth } from './display-width.js';

export type Align = 'left' | 'right';

/** Terminal columns taken by `text` (see display-width.ts: prepare them for names that are not ASCII). */
export const textWidth = displayWidth;

function pad(text: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - textWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}

/**
 * Lays out `rows` (the first is usually a header) with each column as wide as
 * its widest cell and `gap` spaces between columns; trailing spaces are trimmed.
 */
export function alignColumns(rows: readonly (readonly string[])[], align: readonly Align[], indent = '  ', gap = '   '): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, textWidth(cell));
    });
  }
  return rows.map((row) => (indent + row.map((cell, i) => pad(cell, widths[i] ?? 0, align[i] ?? 'left')).join(gap)).trimEnd());
}
