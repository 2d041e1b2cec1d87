/**
 * Strict JSON syntax for `.json` scenario files. The YAML reader, which reads
 * every scenario file, also takes what JSON forbids (trailing commas, comments,
 * single quotes), so a .json file is first checked with JSON.parse; valid JSON
 * then goes on through the YAML reader, which knows where each value is written.
 */

/** A syntax error in strict JSON as one line, `FILE:LINE:COL: JSON syntax error: …`; undefined when `text` is valid JSON. */
export function jsonSyntaxProblem(text: string, fileName: string): string | undefined {
  // A byte order mark is not JSON, but editors write one and JSON readers may skip it (RFC 8259, 8.1); YAML skips it too.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    JSON.parse(body);
    return undefined;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const offset = errorOffset(error.message, body);
    const where = offset === undefined ? fileName : `${fileName}:${linePosition(body, offset)}`;
    return `${where}: JSON syntax error: ${reason(error.message)}`;
  }
}

/** Where JSON.parse stopped: its message says "at position N" for most errors, not for an unexpected token. */
function errorOffset(message: string, text: string): number | undefined {
  const position = / at position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  if (message.startsWith('Unexpected end of JSON input')) return text.length;
  const offset = jsonErrorOffset(text);
  // The scanner stops where a value starts to go wrong (`tru}`); the message names the character that did (`}`).
  const token = /^Unexpected token '([^]+?)', /.exec(message)?.[1];
  const at = offset !== undefined && token !== undefined ? text.indexOf(token, offset) : -1;
  return at >= 0 ? at : offset;
}

/** `LINE:COL` (both from 1) of `offset`, counting \r\n, \n and \r as line breaks, as editors do. */
function linePosition(text: string, offset: number): string {
  const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
  return `${lines.length}:${(lines.at(-1)?.length ?? 0) + 1}`;
}

/** JSON.parse's message without its position (given as LINE:COL) or the quoted source around it (which may span lines). */
function reason(message: string): string {
  return message
    .replace(/ (?:in JSON )?at position \d+.*$/s, '')
    .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '')
    // The unexpected character itself may be a control character or a line break; escaped as quote() does.
    .replace(/[\p{C}\p{Zl}\p{Zp}]/gu, (c) => {
      const code = c.codePointAt(0) ?? 0;
      return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`;
    });
}

const SPACE = /[ \t\n\r]*/y;
const SCALAR = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/** A position in text being scanned. */
interface Cursor {
  readonly text: string;
  at: number;
}

/**
 * The offset where strict JSON syntax first fails in `text`, or undefined when
 * it does not: for JSON.parse's messages that give no position. Like JSON.parse
 * it keeps its own stack of open brackets instead of recursing, so deep nesting
 * cannot overflow the call stack.
 */
export function jsonErrorOffset(text: string): number | undefined {
  const cursor: Cursor = { text, at: 0 };
  const closers: string[] = [];
  for (;;) {
    const start = valueStart(cursor, closers);
    if (start === 'error') return cursor.at;
    if (start === 'opened') continue; // its first value is due
    const next = afterValue(cursor, closers);
    if (next !== 'value') return next === 'end' ? undefined : cursor.at;
  }
}

/**
 * Reads a whole value (a scalar, an empty {} or []), or opens a longer array or
 * object (with its first key), whose closer goes on `closers`.
 */
function valueStart(cursor: Cursor, closers: string[]): 'whole' | 'opened' | 'error' {
  skipSpace(cursor);
  const open = cursor.text[cursor.at];
  if (open !== '{' && open !== '[') return string(cursor) || match(cursor, SCALAR) ? 'whole' : 'error';
  const close = open === '{' ? '}' : ']';
  cursor.at++;
  skipSpace(cursor);
  if (cursor.text[cursor.at] === close) {
    cursor.at++;
    return 'whole';
  }
  closers.push(close);
  return open === '[' || key(cursor) ? 'opened' : 'error';
}

/** After a value: closes what ends there, then finds a comma (and key) before the next value, the end of the text, or an error. */
function afterValue(cursor: Cursor, closers: string[]): 'value' | 'end' | 'error' {
  for (;;) {
    skipSpace(cursor);
    const close = closers.at(-1);
    const next = cursor.text[cursor.at];
    if (close === undefined) return next === undefined ? 'end' : 'error';
    if (next !== close && next !== ',') return 'error';
    cursor.at++;
    if (next === ',') return close === ']' || key(cursor) ? 'value' : 'error';
    closers.pop();
  }
}

function key(cursor: Cursor): boolean {
  skipSpace(cursor);
  if (!string(cursor)) return false;
  skipSpace(cursor);
  if (cursor.text[cursor.at] !== ':') return false;
  cursor.at++;
  return true;
}

/** A string, scanned by hand: a regular expression over a long string could exhaust the regex backtracking stack. */
function string(cursor: Cursor): boolean {
  const { text } = cursor;
  if (text[cursor.at] !== '"') return false;
  cursor.at++;
  while (cursor.at < text.length) {
    const code = text.charCodeAt(cursor.at);
    if (code === 0x22) {
      cursor.at++;
      return true;
    }
    if (code < 0x20) return false; // a raw control character
    if (code !== 0x5c) cursor.at++;
    else if (!match(cursor, ESCAPE)) return false;
  }
  return false;
}

function skipSpace(cursor: Cursor): void {
  match(cursor, SPACE);
}

function match(cursor: Cursor, pattern: RegExp): boolean {
  pattern.lastIndex = cursor.at;
  if (!pattern.test(cursor.text)) return false;
  cursor.at = pattern.lastIndex;
  return true;
}
