#!/usr/bin/env node
// Times the README's 1M-item instant run, each variant in its own process, interleaved,
// and prints the median and minimum wall time and the median CPU time (user + system,
// through /usr/bin/time when it exists: steadier than wall time on a busy machine) per
// variant. Used to show that what a run did not ask for (--debug) costs it nothing measurable.
//   node bench/instant-run.mjs [runs] [label=path/to/bin/qsim.js ...] [-- extra qsim args]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const own = dash < 0 ? argv : argv.slice(0, dash);
const extra = dash < 0 ? [] : argv.slice(dash + 1);
const runs = Number(own.find((a) => /^\d+$/.test(a)) ?? 9);
const variants = own.filter((a) => a.includes('='));
const here = fileURLToPath(new URL('../bin/qsim.js', import.meta.url));
const targets = variants.length > 0 ? variants.map((v) => v.split('=')) : [['this tree', here]];
const args = ['run', '--instant', '--quiet', '--seed', '1', '--items', '1000000', '--consumers', '4', '--interval', '0.25s', '--max-delay', '1.5s', ...extra];

const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const wall = new Map(targets.map(([label]) => [label, []]));
const cpu = new Map(targets.map(([label]) => [label, []]));
for (let i = 0; i < runs; i++) {
  for (const [label, bin] of targets) {
    const command = timeBin ? [timeBin, ['-f', 'cpu %U %S', process.execPath, bin, ...args]] : [process.execPath, [bin, ...args]];
    const start = process.hrtime.bigint();
    const result = spawnSync(command[0], command[1], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${label} exited ${result.status}: ${result.stderr}`);
    wall.get(label).push(ms);
    const used = /cpu ([\d.]+) ([\d.]+)/.exec(result.stderr);
    if (used) cpu.get(label).push((Number(used[1]) + Number(used[2])) * 1000);
  }
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
for (const [label, list] of wall) {
  const cpuText = cpu.get(label).length > 0 ? `  cpu median ${median(cpu.get(label)).toFixed(0)} ms` : '';
  console.log(`${label.padEnd(12)} wall median ${median(list).toFixed(0)} ms  min ${Math.min(...list).toFixed(0)} ms${cpuText}  (${runs} runs)`);
}
