/**
 * `pnpm bench`: every scenario against a real hub (the built CLI, its own process, a fresh
 * data dir) and its real sidecar, with viewers in a separate process. Prints a table of
 * medians against the targets and writes every run to `bench/out/latest.json`.
 * `BENCH_ONLY=fan-out,replay` runs some scenarios; see `measure.ts` for the other settings.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { meets, SETTINGS, type Row } from './measure.js';
import { cluster } from './scenarios/cluster.js';
import { fanOut } from './scenarios/fan-out.js';
import { flood } from './scenarios/flood.js';
import { forwarder } from './scenarios/forwarder.js';
import { latency } from './scenarios/latency.js';
import { jobStart, parallel } from './scenarios/pool.js';
import { replay } from './scenarios/replay.js';
import { stall } from './scenarios/stall.js';
import { startup } from './scenarios/startup.js';
import { formatTable } from './table.js';

const SCENARIOS: Record<string, () => Promise<Row[]>> = {
  'fan-out': fanOut,
  forwarder,
  latency,
  replay,
  stall,
  flood,
  startup,
  parallel,
  'job-start': jobStart,
  cluster,
};

const OUT_DIR = fileURLToPath(new URL('../out/', import.meta.url));

const only = process.env.BENCH_ONLY?.split(',');
const unknown = only?.filter((name) => !(name in SCENARIOS)) ?? [];
if (unknown.length > 0) {
  console.error(
    `unknown scenario(s): ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`,
  );
  process.exit(2);
}

const machine = `${String(cpus().length)} × ${cpus()[0]?.model.trim() ?? '?'}, ${String(Math.round(totalmem() / 2 ** 30))} GiB, Node ${process.version}, ${process.platform}`;
console.log(`Sidecast benchmark: medians of ${String(SETTINGS.runs)} runs on ${machine}\n`);

const rows: Row[] = [];
for (const [name, scenario] of Object.entries(SCENARIOS)) {
  if (only !== undefined && !only.includes(name)) continue;
  process.stdout.write(`running ${name}…\n`);
  rows.push(...(await scenario()));
}

console.log(`\n${formatTable(rows)}`);
await mkdir(OUT_DIR, { recursive: true });
const result = { at: new Date().toISOString(), machine, settings: SETTINGS, rows };
await writeFile(`${OUT_DIR}latest.json`, JSON.stringify(result, null, 2) + '\n');
console.log(`\nwritten to bench/out/latest.json`);
const missed = rows.filter((each) => !meets(each));
if (missed.length > 0) console.log(`missed targets: ${String(missed.length)}`);
