import { spawn } from 'node:child_process';
import { BIN, cleanEnv, qsim } from '../helpers/cli.js';
import { schemaValidator } from '../helpers/schema.js';
import { startQsim } from './spawn.js';

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

describe('qsim run --model --format json/ndjson: a stopped run says so, as the built-in run does', () => {
  const validate = schemaValidator('model-summary.schema.json');

  /** Starts `qsim args`, sends SIGINT once `ready` matches the output, and parses the JSON summary it printed. */
  async function stoppedSummary(args: readonly string[], ready: RegExp, stream: 'stdout' | 'stderr'): Promise<{ code: number | null; summary: Record<string, unknown> }> {
    const running = startQsim(args);
    await running.waitFor(ready, stream);
    running.child.kill('SIGINT');
    const { code } = await running.exit;
    const lines = running.stdout().trim().split('\n');
    return { code, summary: JSON.parse(args.includes('ndjson') ? (lines.at(-1) as string) : running.stdout()) as Record<string, unknown> };
  }

  test('a paced json run stopped by Ctrl-C has "interrupted": true, and the schema requires the field', async () => {
    // Without --seed the seed notice on stderr comes just before the run starts.
    const { code, summary } = await stoppedSummary(['run', '--model', 'examples/models/demo.mjs', '--format', 'json'], /^qsim: seed \d+/, 'stderr');
    expect(code).toBe(130);
    expect(summary['interrupted']).toBe(true);
    expect(validate(summary)).toBe(true);
    const { interrupted: _interrupted, ...without } = summary;
    expect(validate(without)).toBe(false);
  }, 20_000);

  test('a long instant json run stopped by Ctrl-C has "interrupted": true', async () => {
    const { code, summary } = await stoppedSummary(['run', '--model', 'examples/models/demo.mjs', '--instant', '--items', '100000000', '--format', 'json'], /^qsim: seed \d+/, 'stderr');
    expect(code).toBe(130);
    expect(summary['interrupted']).toBe(true);
  }, 20_000);

  test('the ndjson summary line of a stopped run has "interrupted": true', async () => {
    const { code, summary } = await stoppedSummary(['run', '--model', 'examples/models/demo.mjs', '--seed', '1', '--format', 'ndjson'], /\n/, 'stdout');
    expect(code).toBe(130);
    expect(summary).toMatchObject({ type: 'summary', interrupted: true });
  }, 20_000);

  test('a run that ends by itself has "interrupted": false', () => {
    const result = qsim(['run', '--model', 'examples/models/demo.mjs', '--seed', '1', '--instant', '--format', 'json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ interrupted: false });
  });
});
