/**
 * The built executable copied alone into an empty temp folder, started as a desktop shell
 * starts it: no node_modules above it, no NODE_PATH, a HOME of its own (where it unpacks).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readReadyLine, type ReadyLine } from '@sidecast/test-support';

export const BUILT = fileURLToPath(new URL('../../../dist/bin/sidecast', import.meta.url));

export interface LoneFolder {
  folder: string;
  executable: string;
  /** The environment a shell would give it: PATH (for python3) and a HOME in the folder. */
  env: NodeJS.ProcessEnv;
  remove(): Promise<void>;
}

function nodeModulesAbove(folder: string): string | undefined {
  for (let at = folder; ; at = dirname(at)) {
    if (existsSync(join(at, 'node_modules'))) return join(at, 'node_modules');
    if (dirname(at) === at) return undefined;
  }
}

export async function loneFolder(): Promise<LoneFolder> {
  const folder = await mkdtemp(join(tmpdir(), 'sidecast-lone-'));
  const found = nodeModulesAbove(folder);
  if (found !== undefined) throw new Error(`${found} is above the test folder ${folder}`);
  const executable = join(folder, 'sidecast');
  await copyFile(BUILT, executable);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', HOME: join(folder, 'home') };
  return {
    folder,
    executable,
    env,
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}

export interface StartedExecutable {
  child: ChildProcessWithoutNullStreams;
  ready: ReadyLine;
}

/** Start `./sidecast --port 0 --ready-json --data-dir data …extra` and read its ready line. */
export async function startExecutable(
  lone: LoneFolder,
  extra: readonly string[] = [],
): Promise<StartedExecutable> {
  const child = spawn(
    lone.executable,
    ['--port', '0', '--ready-json', '--data-dir', 'data', ...extra],
    { cwd: lone.folder, env: lone.env },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = await readReadyLine(child, () => stderr);
  return { child, ready };
}
