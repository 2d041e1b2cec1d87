// Preloaded into a measured Node.js process (node --import): on exit, writes the
// process's peak resident memory (bytes) to the file named by QSIM_BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.QSIM_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
  });
}
