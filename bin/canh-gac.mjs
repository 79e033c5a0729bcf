#!/usr/bin/env node
// The `canh-gac` command: builds the CLI bundle if it is missing or stale (about a second), then runs it.
import { build } from '../scripts/build.mjs';

await build({ part: 'server', ifStale: true });
const { runCli } = await import('../dist/cli.js');
process.exitCode = await runCli(process.argv);
