/**
 * Erlang's formulas for c identical servers fed by Poisson arrivals with
 * exponential service: M/M/c (Erlang C) and M/M/c/K (a finite waiting room).
 *
 * `a` is the offered traffic in erlangs, λ·E[S]; with c servers the offered
 * load per server is ρ = a / c. Factorials and powers are never formed: Erlang
 * B comes from its recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)), whose
 * terms stay in [0, 1], so c = 100000 servers is as accurate as c = 1.
 */

/** Erlang B: the probability that all c servers are busy in M/M/c/c (a loss system). */
export function erlangB(servers: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (a * b) / (k + a * b);
  return b;
}

/**
 * Erlang C: the probability that an arrival must wait in M/M/c, for a < c
 * (ρ < 1); 1 when a >= c (the queue has no steady state and everyone waits).
 */
export function erlangC(servers: number, a: number): number {
  if (a >= servers) return 1;
  const b = erlangB(servers, a);
  return (servers * b) / (servers - a * (1 - b));
}

export interface QueueFigures {
  /** Mean time an item waits in the queue before a server takes it, in seconds. */
  readonly meanWait: number;
  /** Time-average number of items waiting (not in service). */
  readonly meanQueueSize: number;
}

/**
 * M/M/c in steady state (ρ = λ/(cμ) < 1): Wq = C(c, a) / (cμ − λ), and by
 * Little's law Lq = λ·Wq. Returns undefined when ρ >= 1.
 */
export function mmc(arrivalRate: number, meanService: number, servers: number): QueueFigures | undefined {
  const a = arrivalRate * meanService;
  if (!(a < servers)) return undefined;
  if (a === 0) return { meanWait: 0, meanQueueSize: 0 };
  const meanWait = (erlangC(servers, a) * meanService) / (servers - a);
  return { meanWait, meanQueueSize: arrivalRate * meanWait };
}

export interface LossQueueFigures extends QueueFigures {
  /** Probability that an arriving item finds the system full and is turned away. */
  readonly blocking: number;
}

/** Waiting rooms above this are treated as unbounded by the caller: the sum below is a loop over them. */
export const MAX_WAITING_ROOM = 10_000_000;

/**
 * M/M/c/K with K = c + room: Poisson arrivals that find `room` items already
 * waiting are lost. Any ρ is allowed (the system is always stable). With the
 * state probabilities relative to state c, states 0..c sum to 1/B(c, a) and
 * state c+j is ρ^j; the sums run with a rescale so that ρ^room cannot
 * overflow. `meanWait` is the mean wait of the items that get in (Little's
 * law with the admitted rate λ(1 − blocking)). Returns undefined when room
 * exceeds MAX_WAITING_ROOM.
 */
export function mmck(arrivalRate: number, meanService: number, servers: number, room: number): LossQueueFigures | undefined {
  if (room > MAX_WAITING_ROOM) return undefined;
  const a = arrivalRate * meanService;
  if (a === 0) return { meanWait: 0, meanQueueSize: 0, blocking: 0 };
  const rho = a / servers;
  let total = 1 / erlangB(servers, a); // states 0..c
  let waiting = 0; // Σ j·ρ^j, j = 1..room
  let term = 1; // ρ^j
  for (let j = 1; j <= room; j++) {
    term *= rho;
    total += term;
    waiting += j * term;
    if (total > 1e250) {
      total *= 1e-250;
      waiting *= 1e-250;
      term *= 1e-250;
    }
  }
  const blocking = room === 0 ? 1 / total : term / total;
  const meanQueueSize = waiting / total;
  const admitted = arrivalRate * (1 - blocking);
  return { meanWait: admitted > 0 ? meanQueueSize / admitted : 0, meanQueueSize, blocking };
}
