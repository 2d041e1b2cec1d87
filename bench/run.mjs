#!/usr/bin/env node
// qsim's benchmark suite: runs the CLI on fixed scenarios, several times each, and
// prints median wall time, items (or lines) per second and peak memory, beside a
// hand-written callback event loop and, where Debian's python3-simpy3 is
// installed, SimPy. Targets are checked here, never in tests.
//
//   npm run bench                 (BENCH_RUNS=5 npm run bench for more runs)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'qsim.js');
const rssReport = join(root, 'bench', 'rss-report.mjs');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const scratch = mkdtempSync(join(tmpdir(), 'qsim-bench-'));
const python = '/usr/bin/python3';

const MM4 = ['--consumers', '4', '--interval', 'exp(278ms)', '--delay', 'exp(1s)'];

/** Runs `argv` once; returns wall seconds, peak RSS bytes (Node processes only) and stdout. */
function once(argv, { node = true, stdout = 'pipe' } = {}) {
  const rssFile = join(scratch, `rss-${process.hrtime.bigint()}`);
  const command = node ? process.execPath : argv[0];
  const args = node ? ['--import', rssReport, ...argv] : argv.slice(1);
  const started = performance.now();
  const result = spawnSync(command, args, {
    env: { PATH: process.env.PATH, QSIM_BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', stdout === 'null' ? 'ignore' : 'pipe', 'pipe'],
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : undefined;
  return { seconds, rss, stdout: result.stdout ?? '' };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function measure(argv, options = {}) {
  const samples = Array.from({ length: options.runs ?? runs }, () => once(argv, options));
  const rssValues = samples.map((s) => s.rss ?? (options.rssFromStdout ? JSON.parse(s.stdout).maxRSS : undefined)).filter((v) => v !== undefined);
  return {
    seconds: median(samples.map((s) => s.seconds)),
    rss: rssValues.length ? Math.max(...rssValues) : undefined,
    stdout: samples[0].stdout,
  };
}

const rows = [];
const verdicts = [];
function row(name, result, count, unit = 'items/s') {
  const rate = count / result.seconds;
  rows.push([name, result.seconds.toFixed(3), count ? `${(rate / 1e6).toFixed(2)} M ${unit}` : '', result.rss ? `${(result.rss / 2 ** 20).toFixed(0)} MB` : '']);
  return rate;
}
function check(target, ok, detail) {
  verdicts.push(`${ok ? 'PASS' : 'FAIL'}  ${target}: ${detail}`);
}

console.log(`qsim benchmark: ${runs} runs per scenario (median), Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`);

// 1. M/M/4 at rho = 0.9, 1M items, statistics on.
const mm4 = measure([bin, 'run', '--instant', '--format', 'json', '--seed', '1', '--items', '1000000', ...MM4]);
const mm4Rate = row('M/M/4 rho=0.9, 1M items, --format json', mm4, 1e6);

// The hand-written callback loop of the same model, whole process.
const reference = measure([join(root, 'bench', 'reference', 'mm-c-callback.mjs'), '1000000', '4', '0.278', '1']);
const referenceRate = row('  reference: callback event loop, same model', reference, 1e6);
check('M/M/4 >= 0.8 x callback loop', mm4Rate >= 0.8 * referenceRate, `${(mm4Rate / referenceRate).toFixed(2)} x`);
// The floor for coroutines: the same model as bare generator processes and a minimal driver.
const generators = measure([join(root, 'bench', 'reference', 'mm-c-generators.mjs'), '1000000', '4', '0.278', '1']);
const generatorsRate = row('  reference: bare generator processes, same model', generators, 1e6);
verdicts.push(`INFO  bare generator processes vs callback loop: ${(generatorsRate / referenceRate).toFixed(2)} x; qsim vs them: ${(mm4Rate / generatorsRate).toFixed(2)} x`);
// What a target asks of the whole 1M-item process, beside what coroutines alone take (no pipeline, statistics, output or CLI).
const floor = `bare generator processes alone take ${generators.seconds.toFixed(3)} s`;
const budget = (target, seconds) => verdicts.push(`INFO  ${target} means the whole 1M-item run in ${seconds.toFixed(3)} s; ${floor}`);
budget('0.8 x the callback loop', reference.seconds / 0.8);

// 2. The overloaded demo: backlog grows to ~330,000 items.
const demo = measure([bin, 'run', '--instant', '--format', 'json', '--seed', '1', '--items', '1000000']);
const demoRate = row('overloaded demo (2 consumers, 0.5s, 0-3s), 1M items', demo, 1e6);
check('overloaded demo within 10% of M/M/4 rate', demoRate >= 0.9 * mm4Rate, `${(demoRate / mm4Rate).toFixed(2)} x`);

// SimPy, side by side, where installed.
const hasSimpy = spawnSync(python, ['-c', 'import simpy'], { stdio: 'ignore' }).status === 0;
if (hasSimpy) {
  const simpyScript = join(root, 'bench', 'reference', 'simpy_models.py');
  const simpyItems = 200000;
  const simpyMm4 = measure([python, simpyScript, 'mmc', String(simpyItems), '4', '0.278', '1'], { node: false, rssFromStdout: true });
  const simpyMm4Rate = row(`  SimPy M/M/4, ${simpyItems / 1000}k items`, simpyMm4, simpyItems);
  check('M/M/4 >= 15 x SimPy', mm4Rate >= 15 * simpyMm4Rate, `${(mm4Rate / simpyMm4Rate).toFixed(1)} x`);
  budget('15 x SimPy', 1e6 / (15 * simpyMm4Rate));
  const simpyDemo = measure([python, simpyScript, 'demo', String(simpyItems), '2', '0.5', '3'], { node: false, rssFromStdout: true });
  const simpyDemoRate = row(`  SimPy overloaded demo, ${simpyItems / 1000}k items`, simpyDemo, simpyItems);
  verdicts.push(`INFO  overloaded demo vs SimPy: ${(demoRate / simpyDemoRate).toFixed(1)} x`);
} else {
  verdicts.push('SKIP  SimPy ratio: python3-simpy3 is not installed (apt-get install python3-simpy3)');
}

// 3. Memory: 10M items M/M/4.
const big = measure([bin, 'run', '--instant', '--format', 'json', '--seed', '1', '--items', '10000000', ...MM4], { runs: 1 });
row('M/M/4, 10M items, --format json (memory)', big, 1e7);
check('10M items peak memory < 100 MB', big.rss < 100 * 2 ** 20, `${(big.rss / 2 ** 20).toFixed(0)} MB`);

// 4. Full text log to /dev/null.
const log = measure([bin, 'run', '--instant', '--seed', '1', '--items', '1000000', ...MM4], { stdout: 'null' });
const lines = 1e6 + 4 + 1; // got lines + done lines + final line
const lineRate = row('1M items, full text log to /dev/null', log, lines, 'lines/s');
check('text log >= 3 M lines/s', lineRate >= 3e6, `${(lineRate / 1e6).toFixed(2)} M lines/s`);
budget('3 M lines/s (with the log)', lines / 3e6);

// 5. Start-up.
const nodeBare = measure(['-e', '0'], { runs: Math.max(runs, 5) });
row('  node -e 0', nodeBare, 0);
const version = measure([bin, '--version'], { runs: Math.max(runs, 5) });
row('qsim --version', version, 0);
check('--version within 1.3 x node -e 0', version.seconds <= 1.3 * nodeBare.seconds, `${(version.seconds / nodeBare.seconds).toFixed(2)} x`);
const small = measure([bin, 'run', '--instant', '--seed', '1', '--items', '20'], { runs: Math.max(runs, 5) });
row('20-item --instant run', small, 0);
check('20-item instant run < 150 ms', small.seconds < 0.15, `${(small.seconds * 1000).toFixed(0)} ms`);

rmSync(scratch, { recursive: true, force: true });

const widths = [0, 1, 2, 3].map((i) => Math.max(...[['scenario', 'wall s', 'rate', 'peak RSS'], ...rows].map((r) => r[i].length)));
const format = (r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
console.log('');
console.log(format(['scenario', 'wall s', 'rate', 'peak RSS']));
for (const r of rows) console.log(format(r));
console.log('');
for (const v of verdicts) console.log(v);
