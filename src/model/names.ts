/** Names of workers, sources and stages: shown in log lines, so printable and short. */
export const MAX_NAME_LENGTH = 64;
/** Code points a name may hold: an emoji sequence is several (👨‍👩‍👧‍👦 is seven) but one character. */
const MAX_NAME_CODE_POINTS = 8 * MAX_NAME_LENGTH;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
// Control, surrogate, private-use and unassigned code points, line and paragraph separators: they would
// corrupt the terminal or break the log's lines wherever they stand.
const UNPRINTABLE = /[\p{Cc}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u;
// Format characters: bidi controls, zero-width spaces and the like move or hide text, and are refused;
// the joiners and emoji tags are not (see JOINERS).
const FORMAT = /\p{Cf}/u;
// Format characters that join what stands before them into one character: the zero-width joiner of emoji
// sequences (👩‍💻, 🏳️‍🌈) and of Indic scripts, the non-joiner of Persian, and the tags of flag sequences
// (🏴󠁧󠁢󠁳󠁣󠁴󠁿), which belong to an emoji.
const JOINERS = /^(?:\u200c|\u200d|[\u{e0020}-\u{e007f}])$/u;
const TAG = /^[\u{e0020}-\u{e007f}]$/u;
const EMOJI = /^\p{Extended_Pictographic}$/u;
// A mark or a joiner has nothing to combine with at the start of a name.
const COMBINING = /^(?:\p{M}|\u200c|\u200d|[\u{e0020}-\u{e007f}])$/u;
const ZWJ = '\u200d';
const ZWNJ = '\u200c';
// The viramas of Indic scripts, after which a joiner or non-joiner chooses a conjunct's form.
const VIRAMA = /^[\u094d\u09cd\u0a4d\u0acd\u0b4d\u0bcd\u0c4d\u0ccd\u0d4d\u0dca\u1039\u17d2]$/u;
const ARABIC = /^\p{Script=Arabic}$/u;

/**
 * Whether the joiner `point`, after `before` in a character that starts with
 * `first`, does what it is for, rather than hide text ("a\u200db" prints as
 * "ab"): a zero-width joiner inside an emoji sequence or after a virama, a
 * non-joiner after a virama or an Arabic-script letter (Persian), a tag in an
 * emoji's flag sequence; never at the end of a name.
 */
function joins(point: string, before: string, first: string, last: boolean): boolean {
  if (TAG.test(point)) return EMOJI.test(first);
  if (last) return false;
  if (point === ZWJ) return EMOJI.test(first) || VIRAMA.test(before);
  if (point === ZWNJ) return VIRAMA.test(before) || ARABIC.test(before);
  return false;
}

let graphemes: Intl.Segmenter | undefined;

class NotPrintable extends Error {}

/** The characters of `name` as people count them (grapheme clusters), or why it is not printable. */
function characters(name: string): string[] | string {
  try {
    return clustersOf(name);
  } catch (error) {
    if (error instanceof NotPrintable) return 'a name has a non-printable character';
    throw error;
  }
}

function clustersOf(name: string): string[] | string {
  if (UNPRINTABLE.test(name)) return 'a name has a non-printable character';
  if (COMBINING.test(String.fromCodePoint(name.codePointAt(0) ?? 0))) return 'a name starts with a combining character';
  graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  const clusters = [...graphemes.segment(name)].map(({ segment }) => segment);
  clusters.forEach((cluster, c) => {
    const points = [...cluster];
    const first = points[0] ?? '';
    if (FORMAT.test(first)) throw new NotPrintable();
    points.forEach((point, i) => {
      if (i === 0 || !FORMAT.test(point)) return;
      const last = c === clusters.length - 1 && i === points.length - 1;
      if (!JOINERS.test(point) || !joins(point, points[i - 1] ?? '', first, last)) throw new NotPrintable();
    });
  });
  return clusters;
}

/**
 * Why `name` cannot be used, or undefined when it can. Printable means what a terminal shows as it is:
 * letters, marks on them, emoji sequences joined by a zero-width joiner, with variation selectors and
 * skin tones; never control characters, bidi overrides, zero-width spaces, or a mark with nothing before it.
 * Its length counts characters as people do: 👩‍💻 is one.
 */
export function nameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'a name is empty';
  let length = name.length;
  if (!PRINTABLE_ASCII.test(name)) {
    // Before the characters are counted: segmenting costs more than linear time in a long text.
    if (name.length > 2 * MAX_NAME_CODE_POINTS || [...name].length > MAX_NAME_CODE_POINTS) return 'a name is too long';
    const chars = characters(name);
    if (typeof chars === 'string') return chars;
    length = chars.length;
  }
  if (length > MAX_NAME_LENGTH) return 'a name is too long';
  if (name !== name.trim()) return 'a name has spaces around it';
  return undefined;
}

// A decimal number as people write one: 2, 2.0, -3, +4, .5, 1e1.
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const WHOLE = /^\d+$/;

/**
 * Text that reads as a number but is not written as a whole count (2.5, 2.0,
 * -3, 1e1): where a count or names are accepted (--consumers), such text is a
 * mistaken count, never meant as a name.
 */
export function notAWholeCount(text: string): boolean {
  const trimmed = text.trim();
  return NUMBER.test(trimmed) && !WHOLE.test(trimmed);
}

/**
 * The producers' names, as the log and the summary show them: producer-1…n
 * for a single source, else the source's name (source-1…n when it has several).
 */
export function producerNames(sources: readonly { readonly name: string; readonly producers: number }[]): string[] {
  return sources.flatMap((source) =>
    Array.from({ length: source.producers }, (_, j) => {
      if (sources.length === 1) return `producer-${j + 1}`;
      return source.producers === 1 ? source.name : `${source.name}-${j + 1}`;
    }),
  );
}

/**
 * A consumer of a single-stage pipeline whose name is also a producer's, if
 * any: log lines and trace events name workers, so the two would be one.
 */
export function consumerNamedAsProducer(
  sources: readonly { readonly name: string; readonly producers: number }[],
  consumers: readonly string[],
): string | undefined {
  const producers = new Set(producerNames(sources));
  return consumers.find((name) => producers.has(name));
}

/** Where a name shown twice comes from: a source's producers, or a stage's workers. */
export type NamedBy = { readonly source: number } | { readonly stage: number };

/**
 * The first worker name a pipeline would show twice, and what shows it the
 * second time: producers are named as producerNames says, consumers by their
 * name with one stage and stage/name with several. Log lines and trace events
 * name workers, so every one needs its own.
 */
export function repeatedWorkerName(scenario: {
  readonly sources: readonly { readonly name: string; readonly producers: number }[];
  readonly stages: readonly { readonly name: string; readonly workers: readonly string[] }[];
}): { readonly name: string; readonly by: NamedBy } | undefined {
  const seen = new Set<string>();
  const producers = producerNames(scenario.sources);
  let next = 0;
  for (const [source, { producers: count }] of scenario.sources.entries()) {
    for (let j = 0; j < count; j++, next++) {
      const name = producers[next] as string;
      if (seen.has(name)) return { name, by: { source } };
      seen.add(name);
    }
  }
  const several = scenario.stages.length > 1;
  for (const [stage, { name: stageName, workers }] of scenario.stages.entries()) {
    for (const worker of workers) {
      const name = several ? `${stageName}/${worker}` : worker;
      if (seen.has(name)) return { name, by: { stage } };
      seen.add(name);
    }
  }
  return undefined;
}

/** Every name a run shows (sources, stages, workers), for measuring their widths before the run. */
export function scenarioNames(scenario: {
  readonly sources: readonly { readonly name: string }[];
  readonly stages: readonly { readonly name: string; readonly workers: readonly string[] }[];
}): string[] {
  return [...scenario.sources.map((source) => source.name), ...scenario.stages.flatMap((stage) => [stage.name, ...stage.workers])];
}
