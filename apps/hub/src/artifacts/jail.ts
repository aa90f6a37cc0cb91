/**
 * A job's artifacts folder as a jail: the folder the hub created (never a link the job put in
 * its place), and the proof that a file or folder the hub has *opened* lies inside it.
 *
 * The proof is about the open descriptor, not about a path looked up again later, so a job
 * that swaps files, folders and links in its folder while the hub reads cannot win a race.
 * On Linux `/proc/self/fd/N` names what descriptor N really is; elsewhere the opened file's
 * device and inode must be those of a fresh lookup whose real path is inside.
 */
import { constants, lstat, readlink, realpath, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';

/** Open for reading without following a final link and without waiting on a FIFO. */
export const OPEN_FILE_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
/** The same for a folder, which must be one. */
export const OPEN_DIR_FLAGS = OPEN_FILE_FLAGS | constants.O_DIRECTORY;

const PROC_FD = process.platform === 'linux' ? '/proc/self/fd' : undefined;

/** Whether `file` is `root` itself or lies under it (both real paths). */
export function isInside(root: string, file: string): boolean {
  return file === root || file.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * The real path of the artifacts folder `root`, or `undefined` when there is none (not yet
 * created, or replaced by something that is not a plain folder).
 */
export async function jailPath(root: string): Promise<string | undefined> {
  try {
    const jail = join(await realpath(dirname(root)), basename(root));
    return (await lstat(jail)).isDirectory() ? jail : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the opened `handle` (reached as `path`) is inside `jail`. */
export async function openedInside(
  jail: string,
  handle: FileHandle,
  path: string,
): Promise<boolean> {
  if (PROC_FD !== undefined) {
    const opened = await readlink(`${PROC_FD}/${String(handle.fd)}`).catch(() => undefined);
    if (opened !== undefined) return isInside(jail, opened);
  }
  try {
    const [held, real] = await Promise.all([handle.stat(), realpath(path)]);
    const found = await stat(real);
    return isInside(jail, real) && found.dev === held.dev && found.ino === held.ino;
  } catch {
    return false;
  }
}

/**
 * A path that reaches entries *of the opened folder* `handle` (reached as `path`): on Linux
 * through its descriptor, so later lookups cannot be redirected by a swap; elsewhere the path.
 */
export function entriesOf(handle: FileHandle, path: string): string {
  return PROC_FD === undefined ? path : `${PROC_FD}/${String(handle.fd)}`;
}
