#!/usr/bin/env node
// Loads the compiled CLI (dist/, built by `npm install` through `prepare`).
// `qsim --version` alone is answered here, before any module loads: start-up is most of its cost.
const [first, ...rest] = process.argv.slice(2);
if ((first === '--version' || first === '-V') && rest.length === 0) {
  const { readFileSync } = await import('node:fs');
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  // As the CLI does: a reader that has gone (| head -c0) ends quietly; any other failed write is one line.
  process.stdout.on('error', (error) => {
    if (error.code === 'EPIPE') return;
    process.stderr.write(`qsim: cannot write to stdout: ${error.message}\n`);
    process.exitCode = 1;
  });
  process.stdout.write(`${version}\n`);
} else {
  const { main } = await import('../dist/cli/main.js');
  const code = await main(process.argv.slice(2));
  // A model's error outside any process may have set 1 already (model-host.ts catchStrayErrors): keep it.
  if (code !== 0 || !process.exitCode) process.exitCode = code;
}
