import { MAX_NAME_LENGTH, nameProblem } from '../../src/model/names.js';

describe('nameProblem', () => {
  test.each([
    ['an emoji ZWJ sequence', '\u{1f469}\u200d\u{1f4bb}'],
    ['a flag made of a ZWJ sequence with a variation selector', '\u{1f3f3}\ufe0f\u200d\u{1f308}'],
    ['a family of four (seven code points)', '\u{1f468}\u200d\u{1f469}\u200d\u{1f467}\u200d\u{1f466}'],
    ['an emoji with a skin tone', '\u{1f44d}\u{1f3fd}'],
    ['an emoji with a variation selector', '\u2764\ufe0f'],
    ['a flag tag sequence', '\u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}'],
    ['a letter with a combining accent', 'Zoe\u0308'],
    ['a conjunct held by a zero-width joiner', '\u0915\u094d\u200d\u0937'],
    ['a word with a zero-width non-joiner', '\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645'],
    ['wide characters', '\u540d\u524d'],
    [`${MAX_NAME_LENGTH} emoji sequences`, '\u{1f469}\u200d\u{1f4bb}'.repeat(MAX_NAME_LENGTH)],
  ])('accepts %s', (_what, name) => {
    expect(nameProblem(name)).toBeUndefined();
  });

  test.each([
    ['a control character', 'a\u001b[31m', 'a name has a non-printable character'],
    ['a bidi override', 'Ann\u202eB', 'a name has a non-printable character'],
    ['a bidi isolate', 'Ann\u2066B', 'a name has a non-printable character'],
    ['a zero-width space', 'An\u200bn', 'a name has a non-printable character'],
    ['a byte-order mark', 'An\ufeffn', 'a name has a non-printable character'],
    ['a soft hyphen', 'An\u00adn', 'a name has a non-printable character'],
    ['a tag character after a letter', 'A\u{e0041}', 'a name has a non-printable character'],
    ['a line separator', 'A\u2028B', 'a name has a non-printable character'],
    ['a lone surrogate', 'A\ud800', 'a name has a non-printable character'],
    ['a zero-width joiner at the start', '\u200dAnn', 'a name starts with a combining character'],
    ['a lone zero-width joiner', '\u200d', 'a name starts with a combining character'],
    ['a combining mark at the start', '\u0301Ann', 'a name starts with a combining character'],
    ['a variation selector at the start', '\ufe0fAnn', 'a name starts with a combining character'],
    [`${MAX_NAME_LENGTH + 1} emoji sequences`, '\u{1f469}\u200d\u{1f4bb}'.repeat(MAX_NAME_LENGTH + 1), 'a name is too long'],
    ['one character made of a thousand marks', `a${'\u0301'.repeat(1000)}`, 'a name is too long'],
    [`${MAX_NAME_LENGTH + 1} letters`, 'x'.repeat(MAX_NAME_LENGTH + 1), 'a name is too long'],
    ['a joiner that hides nothing but itself, after a letter', 'worker\u200d', 'a name has a non-printable character'],
    ['a joiner between two Latin letters (prints as "ab")', 'a\u200db', 'a name has a non-printable character'],
    ['a non-joiner between two Latin letters', 'x\u200cy', 'a name has a non-printable character'],
    ['a joiner at the end of an emoji', '\u{1f469}\u200d', 'a name has a non-printable character'],
    ['a very long text, refused before it is segmented', '\u00e9'.repeat(2_000_000), 'a name is too long'],
  ])('refuses %s', (_what, name, reason) => {
    expect(nameProblem(name)).toBe(reason);
  });
});
