/**
 * One artifact download (DESIGN §6): decode the URL path once, refuse anything that is not a
 * plain relative path, then open the file **once** and judge what was opened: a regular file,
 * proven inside the job's artifacts folder. The caller streams from that same descriptor.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { artifactPathProblem } from '@sidecast/protocol';
import { HubError } from '../hub-error.js';
import { OPEN_FILE_FLAGS, jailPath, openedInside } from './jail.js';

export interface OpenedArtifact {
  /** The artifact's path as the job wrote it (`reports/summary.html`). */
  path: string;
  /** The open file; whoever takes it closes it. */
  handle: FileHandle;
  /** Its size when it was opened: exactly what is sent. */
  size: number;
}

/** Decode `encoded` (the URL path after `/artifacts/`) exactly once. */
export function decodeArtifactPath(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new HubError('bad_request', 'the artifact path is not valid percent-encoding');
  }
}

/** Why opening failed, as the error the client gets. */
function openFailure(path: string, error: NodeJS.ErrnoException): HubError {
  const code = error.code ?? 'error';
  if (code === 'ELOOP')
    return new HubError('bad_request', `artifact ${path} is a link; only regular files are served`);
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return new HubError('not_found', `no artifact ${path}`);
  return new HubError('not_found', `artifact ${path} cannot be read (${code})`);
}

/** Open artifact `path` of the job whose artifacts folder is `root`; throws 400 or 404. */
export async function openArtifact(root: string, path: string): Promise<OpenedArtifact> {
  const problem = artifactPathProblem(path);
  if (problem !== undefined) throw new HubError('bad_request', problem);
  const jail = await jailPath(root);
  if (jail === undefined) throw new HubError('not_found', `no artifact ${path}`);
  const file = join(jail, ...path.split('/'));
  let handle: FileHandle;
  try {
    handle = await open(file, OPEN_FILE_FLAGS);
  } catch (error) {
    throw openFailure(path, error as NodeJS.ErrnoException);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new HubError('not_found', `artifact ${path} is not a regular file`);
    if (!(await openedInside(jail, handle, file)))
      throw new HubError('bad_request', `artifact ${path} is outside the job's artifacts folder`);
    return { path, handle, size: info.size };
  } catch (error) {
    await handle.close();
    throw error instanceof HubError ? error : openFailure(path, error as NodeJS.ErrnoException);
  }
}
