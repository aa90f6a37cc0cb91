#!/usr/bin/env node
// `pnpm sidecast …` from the repository root: builds the hub if its sources changed (turbo
// makes that a no-op otherwise; its output goes to stderr, so `pnpm -s sidecast run …`
// prints only the job id on stdout), then runs the CLI with the arguments given.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const build = spawnSync(
  'pnpm',
  ['exec', 'turbo', 'run', 'build', '--filter=@sidecast/hub...', '--output-logs=errors-only'],
  { cwd: root, stdio: ['ignore', 2, 2], shell: process.platform === 'win32' },
);
if (build.status !== 0) process.exit(build.status ?? 1);
await import('../apps/hub/dist/cli/main.js');
