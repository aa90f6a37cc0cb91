/**
 * The files a job wrote, for `GET /api/jobs/:id/artifacts`: the regular files a download
 * would serve. Every folder is opened once (never through a link, never waiting on a FIFO)
 * and read through that descriptor, so a job swapping its folder meanwhile cannot make the
 * listing show what is outside, nor make it block or fail.
 */
import { lstat, open, readdir, type FileHandle } from 'node:fs/promises';
import { artifactPathProblem, type ArtifactInfo } from '@sidecast/protocol';
import { contentTypeOf } from './content-type.js';
import { OPEN_DIR_FLAGS, entriesOf, jailPath, openedInside } from './jail.js';

/** How deep folders are walked; deeper ones are left out. */
const MAX_DEPTH = 32;

/** Every artifact under `root`, sorted by path; a missing folder has none. */
export async function listArtifacts(root: string): Promise<ArtifactInfo[]> {
  const jail = await jailPath(root);
  if (jail === undefined) return [];
  const artifacts: ArtifactInfo[] = [];
  await walk(jail, jail, '', 0, artifacts);
  return artifacts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function walk(
  jail: string,
  dir: string,
  prefix: string,
  depth: number,
  into: ArtifactInfo[],
): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(dir, OPEN_DIR_FLAGS);
  } catch {
    return; // gone, or swapped for a link or a file since it was seen
  }
  try {
    if (!(await openedInside(jail, handle, dir))) return;
    const entries = entriesOf(handle, dir);
    for (const name of await readdir(entries)) {
      const path = prefix === '' ? name : `${prefix}/${name}`;
      if (artifactPathProblem(path) !== undefined) continue;
      const info = await lstat(`${entries}/${name}`).catch(() => undefined);
      if (info?.isDirectory() === true && depth < MAX_DEPTH) {
        await walk(jail, `${entries}/${name}`, path, depth + 1, into);
      } else if (info?.isFile() === true) {
        into.push({
          path,
          size: info.size,
          contentType: contentTypeOf(path),
          modifiedAt: info.mtimeMs,
        });
      }
    }
  } catch {
    // The folder changed under the walk: list what was seen.
  } finally {
    await handle.close();
  }
}
