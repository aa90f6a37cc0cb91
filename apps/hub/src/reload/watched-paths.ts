/**
 * What `--reload` watches for a list of `--jobs` targets: a file's folder (its `.py`
 * neighbours, which it may import), or the package a module name starts with, found under
 * the working directory as Python finds it there (`my_pkg/` or `my_pkg.py`).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface WatchedPaths {
  /** Folders watched for `.py` changes, each to `depth` levels below it (`undefined`: all). */
  folders: { path: string; depth: number | undefined }[];
  /** Targets whose source could not be found (a module in site-packages): not watched. */
  unwatched: string[];
}

/** Whether a `--jobs` target names a file rather than a module (as the sidecar decides). */
export function isFileTarget(target: string): boolean {
  return target.endsWith('.py') || target.includes('/') || target.includes('\\');
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

export function watchedPaths(targets: readonly string[], cwd: string): WatchedPaths {
  const folders = new Map<string, number | undefined>();
  const unwatched: string[] = [];
  const add = (path: string, depth: number | undefined): void => {
    const known = folders.get(path);
    const deeper = known === undefined || depth === undefined ? undefined : Math.max(known, depth);
    folders.set(path, folders.has(path) ? deeper : depth);
  };
  for (const target of targets) {
    if (isFileTarget(target)) {
      // A file that is missing now may be created: its folder is watched all the same.
      add(dirname(resolve(cwd, target)), 0);
      continue;
    }
    const top = target.split('.')[0] ?? target;
    const packageDir = resolve(cwd, top);
    if (isDirectory(packageDir)) add(packageDir, undefined);
    else if (existsSync(`${packageDir}.py`)) add(cwd, 0);
    else unwatched.push(target);
  }
  return { folders: [...folders].map(([path, depth]) => ({ path, depth })), unwatched };
}
