#!/usr/bin/env node
// Loads the compiled CLI (dist/, built by `npm install` through `prepare`).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
