#!/usr/bin/env node
// A committed entry point, so the bin exists before the first build; the CLI itself is
// built by `pnpm build` (which `pnpm start` runs).
import '../dist/cli/main.js';
