/**
 * Terminal columns of plain text. Wide glyphs (CJK, most emoji) take two
 * columns and combining marks none, so lengths in code units or code points
 * would overflow a line; string-width knows the Unicode width tables.
 * Ambiguous-width characters (the frame's block elements and middle dots)
 * count as one column, as every terminal outside CJK locales draws them.
 */
import stringWidth from 'string-width';

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
// Controls (an escape sequence would clear the screen or move the cursor mid-frame), bidi controls
// (they would reorder the rest of the row) and code points with no glyph: shown as '?'.
const UNPRINTABLE = /[\p{Cc}\p{Cs}\p{Co}\p{Cn}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;
export const ELLIPSIS = '…';

/** `text` as a frame may write it: what would act on the terminal rather than show is a '?'. */
export function printable(text: string): string {
  return ASCII_PRINTABLE.test(text) ? text : text.replace(UNPRINTABLE, '?');
}

export function textWidth(text: string): number {
  return ASCII_PRINTABLE.test(text) ? text.length : stringWidth(text.replace(UNPRINTABLE, '?'));
}

/** `text` cut to at most `columns` columns; when cut, it ends with an ellipsis. Never wider than `columns`. */
export function truncate(text: string, columns: number): string {
  if (columns <= 0) return '';
  const clean = text.replace(UNPRINTABLE, '?');
  if (ASCII_PRINTABLE.test(clean)) return clean.length <= columns ? clean : clean.slice(0, columns - 1) + ELLIPSIS;
  if (stringWidth(clean) <= columns) return clean;
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(clean)) {
    const width = stringWidth(segment);
    if (used + width > columns - 1) break;
    out += segment;
    used += width;
  }
  return out + ELLIPSIS;
}

/** `text` fitted to exactly `columns` columns: cut with an ellipsis, or padded with spaces. */
export function fit(text: string, columns: number): string {
  const cut = truncate(text, columns);
  return cut + ' '.repeat(Math.max(0, columns - textWidth(cut)));
}

/** The first of `clusters` that fit in `columns` columns. */
function leading(clusters: readonly string[], columns: number): string[] {
  const out: string[] = [];
  let used = 0;
  for (const cluster of clusters) {
    const width = textWidth(cluster);
    if (used + width > columns) break;
    out.push(cluster);
    used += width;
  }
  return out;
}

/**
 * `text` fitted to exactly `columns` columns, cut in the middle when too long, so names that differ only
 * at the end stay apart: transform/worker-1 in 16 columns is "transfo…worker-1".
 */
export function fitMiddle(text: string, columns: number): string {
  if (columns < 3 || textWidth(text) <= columns) return fit(text, columns);
  const clusters = [...graphemes.segment(text.replace(UNPRINTABLE, '?'))].map(({ segment }) => segment);
  // The end gets the larger half: it is where such names differ.
  const tail = leading([...clusters].reverse(), Math.ceil((columns - 1) / 2)).reverse().join('');
  const head = leading(clusters, columns - 1 - textWidth(tail)).join('');
  return fit(head + ELLIPSIS + tail, columns);
}
