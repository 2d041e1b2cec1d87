import { Document, isSeq } from 'yaml';
import { formatDistribution } from '../model/distribution.js';
import type { Scenario } from '../model/scenario.js';

/**
 * The scenario as a YAML file that loads back to the same pipeline: defaults are
 * left out, durations and distributions print in their exact canonical text, so
 * running the file with the same seed prints the same bytes as the command.
 */
export function formatScenario(scenario: Scenario, seed: number | undefined): string {
  const sources = scenario.sources.map((s) => ({
    name: s.name,
    ...(s.producers !== 1 ? { producers: s.producers } : {}),
    ...(s.items !== Infinity ? { items: s.items } : {}),
    ...(s.duration !== Infinity ? { duration: formatDistribution({ kind: 'const', value: s.duration }) } : {}),
    interval: formatDistribution(s.interval.spec),
  }));
  const stages = scenario.stages.map((s) => ({
    name: s.name,
    workers: [...s.workers],
    ...(s.concurrency !== 1 ? { concurrency: s.concurrency } : {}),
    delay: formatDistribution(s.delay.spec),
    ...(s.capacity !== Infinity ? { capacity: s.capacity } : {}),
    ...(s.onFull !== 'block' ? { onFull: s.onFull } : {}),
    ...(s.failure !== 0 ? { failure: s.failure } : {}),
    ...(s.retries !== 0 ? { retries: s.retries } : {}),
    ...(s.backoff.mean !== 0 ? { backoff: formatDistribution(s.backoff.spec) } : {}),
  }));
  const doc = new Document({ ...(seed !== undefined ? { seed } : {}), sources, stages });
  scenario.stages.forEach((_, i) => {
    const workers = doc.getIn(['stages', i, 'workers'], true);
    if (isSeq(workers)) workers.flow = true;
  });
  return doc.toString({ lineWidth: 0 });
}
