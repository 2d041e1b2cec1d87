import type { DebugMonitor, Finding } from '../core/debug-monitor.js';
import type { WritableText } from './writer.js';

/** One finding as a line: `qsim: debug: <message> [<kind>, t=<time>s]`. */
export function findingLine(finding: Finding): string {
  return `qsim: debug: ${finding.message} [${finding.kind}, t=${finding.time}s]\n`;
}

/**
 * Ends the monitor's checks and writes each finding as one line on `stderr`,
 * then a count of those not kept. Returns how many findings there were in all.
 */
export function reportFindings(monitor: DebugMonitor, runFailed: boolean, stderr: WritableText): number {
  const findings = monitor.finish({ runFailed });
  for (const finding of findings) stderr.write(findingLine(finding));
  let omitted = 0;
  for (const [kind, count] of monitor.omitted) {
    omitted += count;
    stderr.write(`qsim: debug: ${count} more ${kind} finding${count === 1 ? '' : 's'} not shown\n`);
  }
  return findings.length + omitted;
}
