/** Quotes user text for a one-line message, escaping every non-printable code point. */
export function quote(text: string): string {
  const escaped = text.replace(/[\p{C}\p{Zl}\p{Zp}"\\]/gu, (ch) => {
    if (ch === '"' || ch === '\\') return `\\${ch}`;
    const code = ch.codePointAt(0) ?? 0;
    return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`;
  });
  return `"${escaped}"`;
}
