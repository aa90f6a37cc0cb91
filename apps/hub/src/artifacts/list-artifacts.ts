/**
 * The files a job wrote, for `GET /api/jobs/:id/artifacts`: regular files only, found by a
 * walk that never follows a link out of the artifacts folder.
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { artifactPathProblem, type ArtifactInfo } from '@sidecast/protocol';
import { contentTypeOf } from './content-type.js';
import { isInside } from './resolve-artifact.js';

/** Every artifact under `root`, sorted by path; a missing folder has none. */
export async function listArtifacts(root: string): Promise<ArtifactInfo[]> {
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return [];
  }
  const artifacts: ArtifactInfo[] = [];
  await walk(realRoot, realRoot, '', artifacts);
  return artifacts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function walk(
  realRoot: string,
  dir: string,
  prefix: string,
  into: ArtifactInfo[],
): Promise<void> {
  for (const name of await readdir(dir)) {
    const path = prefix === '' ? name : `${prefix}/${name}`;
    if (artifactPathProblem(path) !== undefined) continue;
    const full = join(dir, name);
    const link = await lstat(full);
    if (link.isDirectory()) {
      await walk(realRoot, full, path, into);
      continue;
    }
    let target = link;
    if (link.isSymbolicLink()) {
      const real = await realpath(full).catch(() => undefined);
      if (real === undefined || !isInside(realRoot, real)) continue;
      target = await stat(real);
    }
    if (!target.isFile()) continue;
    into.push({
      path,
      size: target.size,
      contentType: contentTypeOf(path),
      modifiedAt: target.mtimeMs,
    });
  }
}
