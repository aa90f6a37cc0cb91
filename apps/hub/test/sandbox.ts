/**
 * A folder standing in for the user's machine (a home, a temp dir and a working directory,
 * next to the data dir), so that a test can show a hub wrote nowhere but its data dir.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { BUNDLED_SIDECAR_PATH } from '../src/supervisor/options.js';
import type { SpawnHubOptions } from './hub-process.js';

type Snapshot = Map<string, string>;

export class Sandbox {
  private constructor(
    private readonly root: string,
    readonly dataDir: string,
    readonly spawnOptions: SpawnHubOptions,
    private readonly before: Snapshot,
  ) {}

  /**
   * Byte-compiles the sidecar package first, as installing it would: otherwise the first
   * sidecar of a fresh clone writes Python's `__pycache__` into it.
   */
  static async create(): Promise<Sandbox> {
    const root = await mkdtemp(join(tmpdir(), 'sidecast-sandbox-'));
    const [home, temp, work] = ['home', 'tmp', 'work'].map((name) => join(root, name)) as [
      string,
      string,
      string,
    ];
    await Promise.all([home, temp, work].map((dir) => mkdir(dir)));
    await promisify(execFile)('python3', ['-m', 'compileall', '-q', BUNDLED_SIDECAR_PATH]);
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('XDG_')),
    );
    const spawnOptions: SpawnHubOptions = {
      chaosJobs: false,
      cwd: work,
      // tsx, which runs the hub from source in tests, would otherwise cache in TMPDIR.
      env: { ...env, HOME: home, TMPDIR: temp, TSX_DISABLE_CACHE: '1' },
    };
    const dataDir = join(root, 'data');
    return new Sandbox(root, dataDir, spawnOptions, await snapshot(root, dataDir));
  }

  /** Every path outside the data dir that was added, removed or changed since `create`. */
  async changesOutsideDataDir(): Promise<string[]> {
    const after = await snapshot(this.root, this.dataDir);
    const changes: string[] = [];
    for (const [path, was] of this.before) {
      const now = after.get(path);
      if (now === undefined) changes.push(`removed ${path}`);
      else if (now !== was) changes.push(`changed ${path}`);
    }
    for (const path of after.keys()) if (!this.before.has(path)) changes.push(`added ${path}`);
    return changes;
  }

  async remove(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}

/** The sandbox without its data dir, and the sidecar package the hub runs. */
async function snapshot(root: string, dataDir: string): Promise<Snapshot> {
  const into: Snapshot = new Map();
  await walk(root, root, dataDir, into);
  await walk(BUNDLED_SIDECAR_PATH, BUNDLED_SIDECAR_PATH, undefined, into, 'python/');
  return into;
}

/** Size and modification time of every file and folder under `dir`, by relative path. */
async function walk(
  base: string,
  dir: string,
  skip: string | undefined,
  into: Snapshot,
  prefix = '',
): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (path === skip) continue;
    const { size, mtimeMs } = await stat(path);
    into.set(prefix + relative(base, path), `${String(size)} ${String(mtimeMs)}`);
    if (entry.isDirectory()) await walk(base, path, skip, into, prefix);
  }
}
