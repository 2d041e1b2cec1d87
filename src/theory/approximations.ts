/**
 * Approximations for G/G/c queues, where no exact closed form exists. Both
 * scale the M/M/c wait by the variability of arrivals and service, measured
 * by squared coefficients of variation (variance / mean², 1 for exponential,
 * 0 for constant):
 *
 *   Kingman (c = 1):        Wq ≈ (ca² + cs²)/2 · ρ/(1 − ρ) · E[S]
 *   Allen–Cunneen (c > 1):  Wq ≈ (ca² + cs²)/2 · Wq(M/M/c)
 *
 * (Allen–Cunneen with c = 1 is Kingman's formula.) They are exact for M/M/c
 * and for M/G/1, good at high load, and can be off by tens of percent at low
 * load or with very variable arrivals; callers must label them approximations.
 */
import { mmc, type QueueFigures } from './erlang.js';

/** Allen–Cunneen (Kingman when servers = 1); undefined when ρ >= 1. */
export function allenCunneen(
  arrivalRate: number,
  meanService: number,
  servers: number,
  arrivalScv: number,
  serviceScv: number,
): QueueFigures | undefined {
  const markovian = mmc(arrivalRate, meanService, servers);
  if (markovian === undefined) return undefined;
  const meanWait = ((arrivalScv + serviceScv) / 2) * markovian.meanWait;
  return { meanWait, meanQueueSize: arrivalRate * meanWait };
}

/**
 * Variability of the departures of a G/G/c stage, the arrivals of the next
 * stage, by Whitt's linking equation (the Queueing Network Analyzer, 1983):
 *   cd² = 1 + (1 − ρ²)(ca² − 1) + ρ²(cs² − 1)/√c.
 * An approximation; the departures of a stable M/M/c are exactly Poisson (1).
 */
export function departureScv(rho: number, servers: number, arrivalScv: number, serviceScv: number): number {
  const load = Math.min(rho, 1);
  return 1 + (1 - load * load) * (arrivalScv - 1) + (load * load * (serviceScv - 1)) / Math.sqrt(servers);
}
