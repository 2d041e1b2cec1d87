/**
 * Terminal columns of the names in logs and tables. Printable ASCII takes one
 * column a character; other text needs Unicode's width tables (a CJK character
 * takes two columns, a combining mark none), which string-width knows but takes
 * about 30 ms to load: a small run's whole start-up budget. So the tables are
 * loaded only for runs whose names need them (prepareDisplayWidths, before the
 * run); until then a code point counts as one column.
 */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

let measure: ((text: string) => number) | undefined;

// eslint-disable-next-line no-control-regex -- "anything beyond ASCII" starts at the control characters
const BEYOND_ASCII = /[^\x00-\x7f]/;

/** Loads the width tables when any of `texts` (names, or a model file's source) has a character beyond ASCII. */
export async function prepareDisplayWidths(texts: Iterable<string>): Promise<void> {
  if (measure !== undefined) return;
  for (const text of texts) {
    if (BEYOND_ASCII.test(text)) {
      measure = (await import('../live/text-width.js')).textWidth;
      return;
    }
  }
}

/** Columns `text` takes on a terminal (see the module comment). */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  if (measure !== undefined) return measure(text);
  let width = 0;
  for (const _ of text) width++;
  return width;
}
