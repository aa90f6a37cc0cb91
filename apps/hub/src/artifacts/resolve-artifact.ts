/**
 * The traversal defences of DESIGN §6 for one artifact request: decode the URL path once,
 * refuse anything that is not a plain relative path, and require the real path (symlinks
 * resolved) to be a regular file inside the job's artifacts folder.
 */
import { realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { artifactPathProblem } from '@sidecast/protocol';
import { HubError } from '../hub-error.js';

export interface ResolvedArtifact {
  /** The artifact's path as the job wrote it (`reports/summary.html`). */
  path: string;
  /** Where it is on disk, symlinks resolved. */
  file: string;
  size: number;
  modifiedAt: number;
}

/** Decode `encoded` (the URL path after `/artifacts/`) exactly once. */
export function decodeArtifactPath(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new HubError('bad_request', 'the artifact path is not valid percent-encoding');
  }
}

/** Whether `file` is `root` itself or lies under it (both real paths). */
export function isInside(root: string, file: string): boolean {
  return file === root || file.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** Find artifact `path` of the job whose artifacts are in `root`; throws 400 or 404. */
export async function resolveArtifact(root: string, path: string): Promise<ResolvedArtifact> {
  const problem = artifactPathProblem(path);
  if (problem !== undefined) throw new HubError('bad_request', problem);
  let realRoot: string;
  let file: string;
  try {
    realRoot = await realpath(root);
    file = await realpath(join(realRoot, ...path.split('/')));
  } catch {
    throw new HubError('not_found', `no artifact ${path}`);
  }
  if (!isInside(realRoot, file))
    throw new HubError('bad_request', `artifact ${path} points outside the job's artifacts folder`);
  const info = await stat(file);
  if (!info.isFile()) throw new HubError('not_found', `artifact ${path} is not a file`);
  return { path, file, size: info.size, modifiedAt: info.mtimeMs };
}
