/** Plain-text tables with aligned columns, for the --stats summary. */

export type Align = 'left' | 'right';

/** Terminal columns taken by `text` (code points; qsim's names are printable). */
export function textWidth(text: string): number {
  let width = 0;
  for (const _ of text) width++;
  return width;
}

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
