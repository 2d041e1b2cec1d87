/**
 * The grid of a sweep: every combination of the --vary values. Points are
 * numbered in row-major order, the first --vary varying slowest, as nested
 * loops in the order the options were given:
 *   --vary a=1..2 --vary b=x|y   →   0: a=1 b=x, 1: a=1 b=y, 2: a=2 b=x, 3: a=2 b=y
 */

export interface Axis {
  readonly name: string;
  readonly values: readonly string[];
}

/** The number of points of the grid over `axes` (1 with no axes: the base model alone). */
export function gridSize(axes: readonly Axis[]): number {
  return axes.reduce((size, axis) => size * axis.values.length, 1);
}

/** The values of point `index`, one per axis. */
export function pointValues(axes: readonly Axis[], index: number): string[] {
  const values: string[] = new Array<string>(axes.length);
  let rest = index;
  for (let a = axes.length - 1; a >= 0; a--) {
    const axis = axes[a] as Axis;
    values[a] = axis.values[rest % axis.values.length] as string;
    rest = Math.floor(rest / axis.values.length);
  }
  return values;
}

/** Every point's values, in index order. */
export function expandGrid(axes: readonly Axis[]): string[][] {
  return Array.from({ length: gridSize(axes) }, (_, index) => pointValues(axes, index));
}

/** `consumers=4 concurrency=2`: a point as people write it. */
export function describePoint(axes: readonly Axis[], values: readonly string[]): string {
  return axes.map((axis, a) => `${axis.name}=${values[a] ?? ''}`).join(' ');
}
