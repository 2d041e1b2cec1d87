import { spawn } from 'node:child_process';
import { BIN, cleanEnv } from '../helpers/cli.js';

/** Starts a paced model run, sends `signal` once the first log line is out, and collects what it printed. */
function interruptedModelRun(signal: NodeJS.Signals): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'run', '--model', 'examples/models/demo.mjs', '--seed', '1', '--speed', '1'], {
      env: cleanEnv(),
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!sent && stdout.includes('\n')) {
        sent = true;
        child.kill(signal);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('qsim run --model: stopping', () => {
  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s stops the model where it stands, prints the final line and exits %i', async (signal, code) => {
    const result = await interruptedModelRun(signal);
    expect(result.status).toBe(code);
    expect(result.stdout).toMatch(/\nQueue size is now \d+\n$/);
    expect(result.stderr).toBe(`qsim: ${signal}: stopped the model where it stood\n`);
  }, 20_000);
});
