import { QsimError } from '../core/errors.js';

/** A scenario file that cannot be read or is not valid: every problem on its own line, exit code 2. */
export class ScenarioError extends QsimError {
  readonly exitCode = 2;
  readonly code = 'scenario';

  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }

  override lines(): readonly string[] {
    return this.problems;
  }
}
