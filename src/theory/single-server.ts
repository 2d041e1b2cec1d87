/**
 * Exact mean waits of single-server queues beyond M/M/1.
 *
 * M/G/1, Poisson arrivals and any service distribution (Pollaczek–Khinchine):
 *   Wq = λ·E[S²] / (2(1 − ρ)),  E[S²] = Var[S] + E[S]²,  ρ = λ·E[S].
 *
 * G/M/1, renewal arrivals with interarrival time A and exponential service at
 * rate μ: an arrival finds the server busy with probability σ, the root in
 * (0, 1) of σ = A*(μ(1 − σ)), where A*(s) = E[e^(−sA)] is the Laplace–Stieltjes
 * transform of A; then Wq = σ / (μ(1 − σ)). For D/M/1 (A constant, D),
 * A*(s) = e^(−sD) and σ = exp(−μD(1 − σ)).
 */
import type { QueueFigures } from './erlang.js';

/** M/G/1 by Pollaczek–Khinchine; undefined when ρ >= 1. */
export function mg1(arrivalRate: number, meanService: number, serviceVariance: number): QueueFigures | undefined {
  const rho = arrivalRate * meanService;
  if (!(rho < 1)) return undefined;
  const secondMoment = serviceVariance + meanService * meanService;
  const meanWait = (arrivalRate * secondMoment) / (2 * (1 - rho));
  return { meanWait, meanQueueSize: arrivalRate * meanWait };
}

/** The Laplace–Stieltjes transform s ↦ E[e^(−sA)] of an interarrival time A, for s >= 0. */
export type Transform = (s: number) => number;

/**
 * The root σ in (0, 1) of σ = A*(μ(1 − σ)) for a G/M/1 queue with ρ =
 * 1/(μ·E[A]) < 1. f(σ) = A*(μ(1 − σ)) − σ is convex with f(0) = A*(μ) > 0,
 * f(1) = 0 and f'(1) = μ·E[A] − 1 > 0, so f is negative just below 1 and has
 * exactly one root in (0, 1); bisection on a bracket [0, u] with f(u) < 0
 * finds it to full double precision whatever ρ is (fixed-point iteration
 * slows to a crawl as ρ → 1).
 */
export function gm1Sigma(transform: Transform, serviceRate: number): number {
  const f = (sigma: number): number => transform(serviceRate * (1 - sigma)) - sigma;
  let low = 0;
  let gap = 0.5;
  let high = 1 - gap;
  // Move the upper end towards 1 until f < 0 there (f > 0 between 0 and the root).
  while (f(high) >= 0) {
    low = high;
    gap /= 2;
    high = 1 - gap;
    if (gap < 1e-300) return 1;
  }
  for (let i = 0; i < 200 && high - low > Number.EPSILON * high; i++) {
    const mid = (low + high) / 2;
    if (f(mid) > 0) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** G/M/1 in steady state; undefined when ρ = 1/(μ·E[A]) >= 1. */
export function gm1(transform: Transform, meanInterarrival: number, meanService: number): QueueFigures | undefined {
  const arrivalRate = 1 / meanInterarrival;
  if (!(arrivalRate * meanService < 1)) return undefined;
  if (meanService === 0) return { meanWait: 0, meanQueueSize: 0 };
  const serviceRate = 1 / meanService;
  const sigma = gm1Sigma(transform, serviceRate);
  const meanWait = sigma / (serviceRate * (1 - sigma));
  return { meanWait, meanQueueSize: arrivalRate * meanWait };
}
