import { loadScenario } from '../scenario/load.js';
import type { CliIo } from './io.js';
import { fileName, SCENARIO_FILE } from './values.js';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `qsim validate FILE`: a one-line summary and exit 0, or every problem on its own line and exit 2. */
export function validateCommand(file: string, io: CliIo): number {
  const scenario = loadScenario(fileName('validate', file, SCENARIO_FILE));
  const sources = scenario.sources.map((s) => {
    const limits = [s.items !== Infinity ? plural(s.items, 'item') : '', s.duration !== Infinity ? `${s.duration}s` : '']
      .filter(Boolean)
      .join(' or ');
    return `${s.name} (${limits})`;
  });
  const stages = scenario.stages.map((s) => `${s.name} (${plural(s.workers.length, 'worker')})`);
  io.stdout.write(
    `${file}: valid: ${plural(scenario.sources.length, 'source')}: ${sources.join(', ')}; ` +
      `${plural(scenario.stages.length, 'stage')}: ${stages.join(' → ')}\n`,
  );
  return 0;
}
