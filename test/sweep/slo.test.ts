import { meets, parseSlo, type Slo } from '../../src/sweep/slo.js';

function slo(text: string): Slo {
  const parsed = parseSlo(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.slo;
}

function reason(text: string): string {
  const parsed = parseSlo(text);
  if (parsed.ok) throw new Error(`${text} parsed`);
  return parsed.reason;
}

describe('--slo expressions', () => {
  test.each([
    ['wait.p95<2s', 'wait.p95', '<', 2, 'wait.p95<2s'],
    ['system.mean <= 1s', 'system.mean', '<=', 1, 'system.mean<=1s'],
    ['wait.p99<250ms', 'wait.p99', '<', 0.25, 'wait.p99<250ms'],
    ['wait.max<3', 'wait.max', '<', 3, 'wait.max<3s'],
    ['queue.max<100', 'queue.max', '<', 100, 'queue.max<100'],
    ['utilization<0.85', 'utilization', '<', 0.85, 'utilization<0.85'],
    ['utilization<85%', 'utilization', '<', 0.85, 'utilization<0.85'],
    ['utilization<=1', 'utilization', '<=', 1, 'utilization<=1'],
    ['utilization<100%', 'utilization', '<', 1, 'utilization<1'],
    ['deadLettered==0', 'deadLettered', '==', 0, 'deadLettered==0'],
    ['dropped==0', 'dropped', '==', 0, 'dropped==0'],
    ['throughput>=3.9', 'throughput', '>=', 3.9, 'throughput>=3.9'],
    ['throughput > 1', 'throughput', '>', 1, 'throughput>1'],
  ])('%j reads as %s %s %d', (text, metric, operator, bound, canonical) => {
    expect(slo(text)).toMatchObject({ metric: { name: metric }, operator, bound, text: canonical });
  });

  test.each([
    ['', /empty/],
    ['wait.p95', /no comparison/],
    ['<2s', /no metric before "<"/],
    ['wait.p96<2s', /unknown metric "wait.p96"/],
    ['Utilization<0.8', /unknown metric "Utilization"; did you mean utilization\?/],
    ['wait.p95=2s', /unknown operator "="; did you mean ==\?/],
    ['wait.p95=<2s', /did you mean <=\?/],
    ['wait.p95!=2s', /unknown operator "!="/],
    ['wait.p95<', /no value after "<"/],
    ['wait.p95<soon', /"soon" is not a duration \(wait.p95 is in seconds/],
    ['wait.p95<2x', /^"2x": unknown unit "x"; known: ms, s, m, h$/],
    ['wait.p95<1e3', /^"1e3": written without an exponent, please$/],
    ['throughput>1e3', /^"1e3": written without an exponent, please$/],
    ['utilization<0x1', /^"0x1": written in decimal digits, please$/],
    ['queue.max<2s', /queue.max is not a duration: compare it with a plain number/],
    ['queue.max<lots', /"lots" is not a number/],
    ['dropped<5%', /only utilization takes a percentage/],
    ['utilization<85', /utilization is a fraction from 0 to 1: write "85" as 0.85 or 85%/],
    ['utilization<1.5', /write "1.5" as 0.015 or 1.5%/],
    ['utilization<185%', /utilization is at most 100%, got "185%"/],
    ['utilization<-0.1', /utilization is never negative, got "-0.1"/],
    ['queue.max<-1', /queue.max is never negative, got "-1"/],
    ['0<wait.p95<2s', /unknown metric "0"/],
    ['wait.p95<2s<3s', /one comparison per --slo/],
  ])('%j is rejected: %s', (text, pattern) => {
    expect(reason(text)).toMatch(pattern);
  });
});

describe('a point meets an SLO', () => {
  test('with one replication, when its figure satisfies the comparison', () => {
    expect(meets(slo('wait.p95<2s'), { mean: 1.99, halfWidth: null })).toBe(true);
    expect(meets(slo('wait.p95<2s'), { mean: 2, halfWidth: null })).toBe(false);
    expect(meets(slo('wait.p95<=2s'), { mean: 2, halfWidth: null })).toBe(true);
    expect(meets(slo('throughput>3'), { mean: 3.5, halfWidth: null })).toBe(true);
    expect(meets(slo('dropped==0'), { mean: 0, halfWidth: null })).toBe(true);
    expect(meets(slo('dropped==0'), { mean: 1, halfWidth: null })).toBe(false);
  });

  test('with replications, only when the pessimistic end of the 95% CI does', () => {
    // An upper bound is judged at mean + half-width, a lower bound at mean − half-width.
    expect(meets(slo('wait.p95<2s'), { mean: 1.8, halfWidth: 0.1 })).toBe(true);
    expect(meets(slo('wait.p95<2s'), { mean: 1.8, halfWidth: 0.3 })).toBe(false);
    expect(meets(slo('throughput>=3'), { mean: 3.2, halfWidth: 0.1 })).toBe(true);
    expect(meets(slo('throughput>=3'), { mean: 3.2, halfWidth: 0.3 })).toBe(false);
    // == holds only when every replication gave the value (no interval).
    expect(meets(slo('dropped==0'), { mean: 0, halfWidth: 0 })).toBe(true);
    expect(meets(slo('dropped==0'), { mean: 0.2, halfWidth: 0.4 })).toBe(false);
  });

  test('a figure the run could not measure meets nothing', () => {
    expect(meets(slo('wait.p95<2s'), { mean: null, halfWidth: null })).toBe(false);
    expect(meets(slo('throughput>0'), { mean: null, halfWidth: null })).toBe(false);
  });
});
