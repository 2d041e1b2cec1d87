/**
 * The live view's frame: a pure function of a snapshot and a screen size.
 * It returns exactly `rows` lines of exactly `columns` columns each (colour
 * codes aside), so the terminal never wraps or scrolls:
 *
 *   header        time, speed, seed, and running / PAUSED / finished
 *   scenario      the run's shape (when there is room)
 *   producers     produced / total as a bar, BLOCKED when the queue is full (built-in runs only)
 *   queue(s)      size as a bar against capacity (or the largest size seen), a sparkline of its history
 *   lanes         one per consumer in its colour: busy/idle/done, item, progress, processed, utilization;
 *                 for a model, one per process: busy/idle/blocked/done, what it waits on or its
 *                 sleep's progress, lines logged, utilization;
 *                 "+12 more: 9 busy, 3 idle" when they do not all fit
 *   log           the most recent log lines, filling the rows left
 *   footer        the keys
 */
import type { LaneSnapshot, LiveSnapshot, ProcessLaneSnapshot, ProcessLaneState, ProducersSnapshot, QueueSnapshot } from './snapshot.js';
import { fit, fitMiddle, printable, textWidth, truncate } from './text-width.js';

/** How the frame colours its parts; `plainStyle` colours nothing. */
export interface FrameStyle {
  /** A consumer's lane and log lines, by palette index (as in the log). */
  worker(index: number, text: string): string;
  /** Secondary text: the scenario line, separators, the footer. */
  dim(text: string): string;
  /** What needs attention: BLOCKED, PAUSED. */
  alert(text: string): string;
  /** The header. */
  strong(text: string): string;
}

const same = (text: string): string => text;
export const plainStyle: FrameStyle = { worker: (_index, text) => text, dim: same, alert: same, strong: same };

export interface FrameOptions {
  readonly columns: number;
  readonly rows: number;
  readonly style?: FrameStyle;
}

export const FOOTER_KEYS = 'space pause · +/- speed · q quit';
const FOOTER_KEYS_PAUSED = 'space resume · +/- speed · q quit';
/** A finished run takes no keys but q: pausing or a new speed would do nothing. */
const FOOTER_KEYS_FINISHED = 'q quit';
/** On a narrow screen the keys go from the least needed: the speed, then pausing; q quit stays. */
const FOOTERS = {
  running: [FOOTER_KEYS, 'space pause · q quit', FOOTER_KEYS_FINISHED],
  paused: [FOOTER_KEYS_PAUSED, 'space resume · q quit', FOOTER_KEYS_FINISHED],
  finished: [FOOTER_KEYS_FINISHED],
} as const;
const SPARKS = '▁▂▃▄▅▆▇█';
const FULL = '█';
const EMPTY = '░';
const RULE = '─';
/** Width of the "producers " / "queue     " labels. */
const LABEL = 10;
const MAX_BAR = 40;

/**
 * A line made of pieces, each styled on its own, cut and padded to an exact width. Text from outside (a
 * model's log lines) may hold escape sequences: they are written as '?', never sent to the terminal.
 */
class Line {
  readonly #pieces: { text: string; style: (text: string) => string }[] = [];

  add(text: string, style: (text: string) => string = same): this {
    if (text !== '') this.#pieces.push({ text, style });
    return this;
  }

  render(columns: number): string {
    let out = '';
    let left = columns;
    for (const { text, style } of this.#pieces) {
      if (left <= 0) break;
      const width = textWidth(text);
      const shown = width <= left ? printable(text) : truncate(text, left);
      out += style(shown);
      left -= width <= left ? width : textWidth(shown);
    }
    return out + ' '.repeat(Math.max(0, left));
  }
}

/** A bar of `width` cells, `value / of` of them full: at least one when not empty, never all unless full. */
export function bar(value: number, of: number, width: number): string {
  if (width <= 0) return '';
  const share = of > 0 ? Math.min(1, Math.max(0, value / of)) : 0;
  let full = Math.round(share * width);
  if (share > 0 && full === 0) full = 1;
  if (share < 1 && full === width) full = width - 1;
  return FULL.repeat(full) + EMPTY.repeat(width - full);
}

/** The last `width` samples as ▁..█ against `scale`: ▁ is empty, █ is `scale` or more. */
export function sparkline(samples: readonly number[], scale: number, width: number): string {
  if (width <= 0) return '';
  let out = '';
  const top = Math.max(1, scale);
  for (const value of samples.slice(Math.max(0, samples.length - width))) {
    const level = value <= 0 ? 0 : Math.min(7, Math.max(1, Math.ceil((value / top) * 7)));
    out += SPARKS[level] ?? '';
  }
  return out;
}

function formatTime(seconds: number): string {
  return `${seconds.toFixed(1)}s`;
}

export function formatSpeed(speed: number): string {
  // Whole speeds as they are (32768x, not 32770x); fractions to 4 significant digits (0.01563x for 1/64).
  return `${Number.isInteger(speed) ? speed : Number(speed.toPrecision(4))}x`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`.padStart(4);
}

/** The producers' and queues' bars share one width: 40% of what the labels leave, up to MAX_BAR. */
function barWidth(columns: number): number {
  const width = Math.min(MAX_BAR, Math.floor((columns - LABEL) * 0.4));
  return width >= 4 ? width : 0;
}

/**
 * The header: "qsim live  t=…  speed …  seed …" on the left and the state on the right. The state is
 * never cut while it fits (a paused run must say so): as the screen narrows, the title goes first, then
 * the seed, then the speed, then the time.
 */
function headerLine(s: LiveSnapshot, columns: number, style: FrameStyle): string {
  const { header } = s;
  const state = header.finished ? 'finished' : header.paused ? 'PAUSED' : 'running';
  const time = `t=${formatTime(header.time)}`;
  const speed = `speed ${formatSpeed(header.speed)}`;
  const seed = `seed ${header.seed}`;
  const lefts = [['qsim live', time, speed, seed], [time, speed, seed], [time, speed], [time], []].map((parts) => parts.join('  '));
  const left = lefts.find((text) => text === '' || textWidth(text) + 2 + state.length <= columns) ?? '';
  const gap = Math.max(0, columns - textWidth(left) - state.length);
  const line = new Line().add(left, style.strong).add(' '.repeat(gap));
  return line.add(state, header.paused && !header.finished ? style.alert : same).render(columns);
}

/**
 * "producers ███░░ 8/100 produced  BLOCKED: queue full": the state at the end is what needs seeing, so when
 * the line is too long the bar goes first (the queue's stays), then the word "produced", then the state's detail.
 */
function producersLine(p: ProducersSnapshot, columns: number, style: FrameStyle): string {
  // With --duration alone there is no total to count towards: no bar, just the count.
  const known = Number.isFinite(p.total);
  const short = known ? `${p.produced}/${p.total}` : String(p.produced);
  const long = `${short} produced`;
  const width = known ? barWidth(columns) : 0;
  const blocked = p.blocked > 0;
  const who = p.count === 1 ? '' : ` (${p.blocked} of ${p.count})`;
  const done = p.count > 0 && p.done === p.count;
  const [full, brief] = blocked ? [`BLOCKED: queue full${who}`, `BLOCKED${who}`] : done ? ['done', 'done'] : ['', ''];
  const choices = [
    { bar: width, count: long, state: full },
    { bar: width, count: short, state: full },
    { bar: 0, count: long, state: full },
    { bar: 0, count: short, state: full },
    { bar: 0, count: short, state: brief },
  ];
  const length = (c: { bar: number; count: string; state: string }): number =>
    LABEL + (c.bar > 0 ? c.bar + 1 : 0) + c.count.length + (c.state === '' ? 0 : 2 + c.state.length);
  const choice = choices.find((c) => length(c) <= columns) ?? { bar: 0, count: short, state: brief };
  const line = new Line().add('producers'.padEnd(LABEL));
  if (choice.bar > 0) line.add(bar(p.produced, p.total, choice.bar) + ' ');
  line.add(choice.count);
  if (choice.state !== '') line.add('  ').add(choice.state, blocked ? style.alert : style.dim);
  return line.render(columns);
}

/** A queue's size as the frame shows it: against its capacity, or with the largest size seen. */
function queueCount(q: QueueSnapshot): string {
  return Number.isFinite(q.capacity) ? `${q.size}/${q.capacity}` : `${q.size} (max ${q.maxSeen})`;
}

/**
 * "queue     ███░░ 4 (max 7)    ▁▂▃▅": on a narrow screen the largest size goes first, then the bar.
 * `countWidth` is the same for every queue, so their sparklines start in one column.
 */
function queueLine(q: QueueSnapshot, columns: number, countWidth: number): string {
  const bounded = Number.isFinite(q.capacity);
  const scale = bounded ? q.capacity : Math.max(1, q.maxSeen);
  const long = queueCount(q);
  const short = bounded ? long : String(q.size);
  let width = barWidth(columns);
  const fits = (count: string): boolean => LABEL + (width > 0 ? width + 1 : 0) + count.length <= columns;
  const count = fits(long) ? long : short;
  if (!fits(count)) width = 0;
  const line = new Line().add(fitMiddle(q.name, LABEL - 1) + ' ');
  if (width > 0) line.add(bar(q.size, scale, width) + ' ');
  const used = LABEL + (width > 0 ? width + 1 : 0) + countWidth + 1;
  const sparkWidth = Math.min(q.history.length, columns - used);
  line.add(sparkWidth >= 4 ? count.padEnd(countWidth) : count);
  if (sparkWidth >= 4) line.add(' ').add(sparkline(q.history, scale, sparkWidth));
  return line.render(columns);
}

interface LaneLayout {
  readonly name: number;
  readonly item: number;
  readonly processed: number;
  readonly bar: number;
  /** Narrow screens drop the utilization, then the processed count. */
  readonly utilization: boolean;
  readonly counts: boolean;
}

const UTILIZATION_WIDTH = '  util 100%'.length;
/** A progress bar narrower than this says little: the counts go first to make room for it. */
const MIN_LANE_BAR = 8;

function laneLayout(lanes: readonly { name: string }[], total: number, columns: number): LaneLayout {
  const name = laneNameWidth(lanes);
  const item = `#${Math.max(0, total - 1)}`.length;
  const processed = String(total).length;
  // " name busy #item " + [bar + " "] + "pct" + ["  N processed" + ["  util 100%"]]
  const essential = 1 + name + 1 + 4 + 1 + item + 1 + 4;
  const counts = 2 + processed + ' processed'.length;
  const choices = [
    { counts: true, utilization: true, extra: counts + UTILIZATION_WIDTH },
    { counts: true, utilization: false, extra: counts },
    { counts: false, utilization: false, extra: 0 },
  ];
  // The most detail that still leaves room for a useful bar; failing that, the most detail that fits.
  const choice =
    choices.find((c) => columns - essential - c.extra - 1 >= MIN_LANE_BAR) ??
    choices.find((c) => essential + c.extra <= columns) ??
    { counts: false, utilization: false, extra: 0 };
  const barCells = Math.min(30, columns - essential - choice.extra - 1);
  return { name, item, processed, bar: barCells >= 4 ? barCells : 0, utilization: choice.utilization, counts: choice.counts };
}

function laneLine(lane: LaneSnapshot, layout: LaneLayout, columns: number, style: FrameStyle): string {
  const state = lane.busy ? 'busy' : lane.done ? 'done' : 'idle';
  const item = lane.item === undefined ? '' : `#${lane.item}`;
  let text = ` ${fitMiddle(lane.name, layout.name)} ${state} ${item.padEnd(layout.item)} `;
  if (layout.bar > 0) text += `${bar(lane.busy ? lane.progress : 0, 1, layout.bar)} `;
  text += lane.busy ? percent(lane.progress) : '    ';
  if (layout.counts) text += `  ${String(lane.processed).padStart(layout.processed)} processed`;
  if (layout.utilization) text += `  util ${percent(lane.utilization)}`;
  const colour = (t: string): string => (lane.done ? style.dim(t) : style.worker(lane.colour, t));
  return new Line().add(text, colour).render(columns);
}

function laneNameWidth(lanes: readonly { name: string }[]): number {
  return Math.min(16, Math.max(4, ...lanes.map((l) => textWidth(l.name))));
}

interface ProcessLaneLayout {
  readonly name: number;
  /** Cells for what the process waits on, or its sleep's progress bar and percentage. */
  readonly middle: number;
  readonly lines: number;
  readonly utilization: boolean;
  readonly counts: boolean;
}

const PROCESS_STATE_WIDTH = 'blocked'.length;

/** As laneLayout: the most detail that leaves the middle (a bar and its percentage) useful. */
function processLaneLayout(lanes: readonly ProcessLaneSnapshot[], columns: number): ProcessLaneLayout {
  const name = laneNameWidth(lanes);
  const lines = Math.max(3, ...lanes.map((l) => String(l.lines).length));
  // " name state " + middle + ["  N lines" + ["  util 100%"]]
  const essential = 1 + name + 1 + PROCESS_STATE_WIDTH + 1;
  const counts = 2 + lines + ' lines'.length;
  const choices = [
    { counts: true, utilization: true, extra: counts + UTILIZATION_WIDTH },
    { counts: true, utilization: false, extra: counts },
    { counts: false, utilization: false, extra: 0 },
  ];
  const fits = (extra: number): number => columns - essential - extra;
  const choice = choices.find((c) => fits(c.extra) >= MIN_LANE_BAR + 5) ?? choices[2] ?? { counts: false, utilization: false, extra: 0 };
  return { name, middle: Math.max(0, Math.min(35, fits(choice.extra))), lines, utilization: choice.utilization, counts: choice.counts };
}

function processLaneLine(lane: ProcessLaneSnapshot, layout: ProcessLaneLayout, columns: number, style: FrameStyle): string {
  let text = ` ${fitMiddle(lane.name, layout.name)} ${lane.state.padEnd(PROCESS_STATE_WIDTH)} `;
  const sleeping = lane.state === 'busy' && lane.on !== '';
  // A sleep shows how far it has gone; any other wait says what it waits on.
  if (sleeping && layout.middle >= 4 + 5) text += `${bar(lane.progress, 1, layout.middle - 5)} ${percent(lane.progress)}`;
  else text += fit(lane.state === 'busy' || lane.state === 'done' ? '' : lane.on, layout.middle);
  if (layout.counts) text += `  ${String(lane.lines).padStart(layout.lines)} lines`;
  if (layout.utilization) text += `  util ${percent(lane.utilization)}`;
  const colour = (t: string): string => (lane.state === 'done' ? style.dim(t) : lane.colour >= 0 ? style.worker(lane.colour, t) : t);
  return new Line().add(text, colour).render(columns);
}

function laneState(lane: LaneSnapshot | ProcessLaneSnapshot): ProcessLaneState {
  if (lane.kind === 'process') return lane.state;
  return lane.busy ? 'busy' : lane.done ? 'done' : 'idle';
}

function lanesSummary(hidden: readonly (LaneSnapshot | ProcessLaneSnapshot)[], columns: number, style: FrameStyle): string {
  const count = (state: ProcessLaneState): number => hidden.filter((l) => laneState(l) === state).length;
  const [busy, idle, blocked, done] = [count('busy'), count('idle'), count('blocked'), count('done')];
  const parts = [`${busy} busy`, `${idle} idle`, ...(blocked > 0 ? [`${blocked} blocked`] : []), ...(done > 0 ? [`${done} done`] : [])];
  return new Line().add(` +${hidden.length} more: ${parts.join(', ')}`, style.dim).render(columns);
}

function rule(title: string, columns: number, style: FrameStyle): string {
  const head = `${RULE}${RULE} ${title} `;
  return new Line().add(head + RULE.repeat(Math.max(0, columns - textWidth(head))), style.dim).render(columns);
}

/** Renders the snapshot into exactly `rows` lines of exactly `columns` columns. */
export function renderFrame(s: LiveSnapshot, options: FrameOptions): string[] {
  const columns = Math.max(0, Math.floor(options.columns));
  const rows = Math.max(0, Math.floor(options.rows));
  const style = options.style ?? plainStyle;
  if (rows === 0 || columns === 0) return Array.from({ length: rows }, () => '');

  const blank = ' '.repeat(columns);
  const footers = FOOTERS[s.header.finished ? 'finished' : s.header.paused ? 'paused' : 'running'];
  const keys = footers.find((text) => textWidth(text) <= columns) ?? FOOTER_KEYS_FINISHED;
  const footer = new Line().add(keys, style.dim).render(columns);
  if (rows === 1) return [headerLine(s, columns, style)];

  // Top: in order of importance, as far as the rows allow (the footer keeps the last row).
  const top = [headerLine(s, columns, style)];
  const countWidth = Math.max(12, ...s.queues.map((q) => queueCount(q).length));
  const optional: string[] = [
    ...(s.producers ? [producersLine(s.producers, columns, style)] : []),
    ...s.queues.map((q) => queueLine(q, columns, countWidth)),
  ];
  const roomy = rows >= 16;
  if (roomy) optional.unshift(new Line().add(s.header.scenario, style.dim).render(columns));
  for (const line of optional) if (top.length < rows - 1) top.push(line);

  let left = rows - top.length - 1;
  const middle: string[] = [];
  if (roomy && left > 0) {
    middle.push(blank);
    left--;
  }
  // Lanes, keeping a few rows for the log when the screen is tall enough to spare them.
  const logReserve = left >= 10 ? 4 : 0;
  const laneRows = Math.min(s.lanes.length, Math.max(0, left - logReserve));
  if (laneRows > 0) {
    const shown = laneRows < s.lanes.length ? laneRows - 1 : laneRows;
    const visible = s.lanes.slice(0, shown);
    // Laid out from every lane, shown or summarised, so the columns hold still as lanes come and go.
    const consumers = s.lanes.filter((l): l is LaneSnapshot => l.kind !== 'process');
    const processes = s.lanes.filter((l): l is ProcessLaneSnapshot => l.kind === 'process');
    const layout = laneLayout(consumers, s.producers?.total ?? 0, columns);
    const processLayout = processLaneLayout(processes, columns);
    for (const lane of visible) {
      middle.push(lane.kind === 'process' ? processLaneLine(lane, processLayout, columns, style) : laneLine(lane, layout, columns, style));
    }
    if (shown < s.lanes.length) middle.push(lanesSummary(s.lanes.slice(shown), columns, style));
    left -= laneRows;
  }
  // The log tail fills what is left, newest at the bottom.
  if (left >= 2) {
    middle.push(rule('log', columns, style));
    left--;
    const tail = s.log.slice(Math.max(0, s.log.length - left));
    for (const entry of tail) {
      const colour = (t: string): string => (entry.colour >= 0 ? style.worker(entry.colour, t) : t);
      middle.push(new Line().add(entry.text, colour).render(columns));
    }
    left -= tail.length;
  }
  for (; left > 0; left--) middle.push(blank);
  return [...top, ...middle, footer];
}
