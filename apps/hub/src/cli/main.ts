#!/usr/bin/env node
/** The `sidecast` command, run from this repository (the web app and `python/` beside it). */
import { runCli } from './run.js';

await runCli(process.argv.slice(2), process.env);
