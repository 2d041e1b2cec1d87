import { describePoint, expandGrid, gridSize, pointValues } from '../../src/sweep/grid.js';

const axes = [
  { name: 'consumers', values: ['1', '2', '3'] },
  { name: 'concurrency', values: ['1', '2'] },
];

describe('the grid of --vary values', () => {
  test('the first --vary varies slowest, like nested loops in option order', () => {
    expect(expandGrid(axes)).toEqual([
      ['1', '1'],
      ['1', '2'],
      ['2', '1'],
      ['2', '2'],
      ['3', '1'],
      ['3', '2'],
    ]);
  });

  test('the size is the product of the axes', () => {
    expect(gridSize(axes)).toBe(6);
    expect(gridSize([...axes, { name: 'items', values: ['10', '20', '30', '40'] }])).toBe(24);
  });

  test('a point index maps to its values without expanding the grid', () => {
    expect(pointValues(axes, 3)).toEqual(['2', '2']);
    expect(pointValues(axes, 4)).toEqual(['3', '1']);
  });

  test('a point is described as NAME=VALUE pairs', () => {
    expect(describePoint(axes, ['2', '1'])).toBe('consumers=2 concurrency=1');
  });
});
