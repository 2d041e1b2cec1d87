/**
 * Offered load ρ from the distributions' means, as queueing theory defines it:
 * the rate of work arriving at a stage / the rate its servers can do it,
 *     ρ = arrival rate × mean service time / (workers × concurrency).
 * Items arrive at Σ producers / mean interval over the sources. A stage whose
 * attempts fail with probability p and that retries r times makes
 * 1 + p + … + p^r attempts per item on average and passes on a fraction
 * 1 − p^(r+1) of them. A pipeline's ρ is its bottleneck's, the stage with the
 * highest; ρ ≥ 1 there means the queue grows without bound while items keep coming.
 *
 * A stage with ρ ≥ 1 passes on at most what its servers finish, 1/ρ of what
 * reaches it, so the stages below see that rate (an upper bound: a dropping
 * stage's servers idle now and then).
 *
 * A pipeline is overloaded when a stage with ρ ≥ 1 keeps every item (onFull
 * block, as every unbounded queue does): its queue, or the producers blocked
 * behind it, grows for as long as items come, so what a run measures there
 * depends on how long it runs. A stage that drops items when full sheds the
 * excess and settles.
 */
import { arrivalRate } from '../theory/arrivals.js';
import type { Scenario } from '../model/scenario.js';

export interface OfferedLoad {
  /** ρ of each stage; null when undefined (items arrive all at once: an interval of 0). */
  readonly stages: readonly (number | null)[];
  /** The highest stage ρ; null when any is undefined. */
  readonly bottleneck: number | null;
  /** A stage with ρ ≥ 1 keeps every item (see the module comment). */
  readonly overloaded: boolean;
}

export function offeredLoad(scenario: Scenario): OfferedLoad {
  let rate = arrivalRate(scenario.sources);
  const stages: (number | null)[] = [];
  let overloaded = false;
  for (const stage of scenario.stages) {
    let attempts = 0;
    for (let k = 0; k <= stage.retries; k++) attempts += stage.failure ** k;
    const work = stage.delay.mean === 0 ? 0 : (rate * attempts * stage.delay.mean) / (stage.workers.length * stage.concurrency);
    stages.push(Number.isFinite(work) ? work : null);
    if (Number.isFinite(work) && work >= 1) {
      if (stage.onFull === 'block') overloaded = true;
      rate /= work;
    }
    rate *= 1 - stage.failure ** (stage.retries + 1);
  }
  const bottleneck = stages.some((rho) => rho === null) ? null : Math.max(...(stages as number[]));
  return { stages, bottleneck, overloaded };
}

/** Worker slots of the whole pipeline: Σ workers × concurrency; a sweep's recommendation keeps this smallest. */
export function slots(scenario: Scenario): number {
  return scenario.stages.reduce((sum, stage) => sum + stage.workers.length * stage.concurrency, 0);
}
