/** The built `sidecast` command as a child process, for what only a real process can show. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readReadyLine } from './ready-line.js';

/** `apps/hub/dist/cli/main.js`, found through the package's own entry point. */
export const SIDECAST_MAIN = join(
  dirname(fileURLToPath(import.meta.resolve('@sidecast/hub'))),
  'cli',
  'main.js',
);

export interface HubProcess {
  child: ChildProcess;
  origin: string;
  token: string;
  exited: Promise<unknown>;
}

/** Start `sidecast --ready-json --port 0` with `args` and read its ready line. */
export async function spawnHub(args: string[]): Promise<HubProcess> {
  const child = spawn(process.execPath, [SIDECAST_MAIN, '--ready-json', '--port', '0', ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  const ready = await readReadyLine(child);
  return { child, origin: `http://127.0.0.1:${String(ready.port)}`, token: ready.token, exited };
}
