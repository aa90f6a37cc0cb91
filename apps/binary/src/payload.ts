/**
 * What the executable carries besides the hub: the built web app and `sidecast.pyz`, as SEA
 * assets named in a manifest. Python can only run a file, and the hub serves the app from a
 * folder, so both are unpacked once per build into the user's cache and reused after.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The asset listing every other one; `hash` names the build's content. */
export const MANIFEST_KEY = 'manifest.json';
/** Asset keys under this prefix are the web app's files. */
export const WEB_PREFIX = 'web/';
export const PYZ_KEY = 'sidecast.pyz';
/** Written last into an unpacked folder: without it the folder is a partial unpack. */
const COMPLETE_MARKER = '.complete';

export interface Manifest {
  /** Hex digest of every asset's key and bytes: a different build unpacks elsewhere. */
  hash: string;
  /** Every asset key but the manifest's own. */
  keys: string[];
}

/** The SEA's assets (`node:sea`'s `getAsset`), or any stand-in with the same shape. */
export type AssetReader = (key: string) => ArrayBuffer;

export interface UnpackedPayload {
  folder: string;
  webRoot: string;
  sidecarPath: string;
}

export class PayloadError extends Error {
  override readonly name = 'PayloadError';
  readonly code = 'payload_unpack_failed';
}

/**
 * The payload unpacked under `cacheRoot/<hash>`, unpacking it first unless a complete copy is
 * there. Two executables starting at once both end with the same complete folder.
 */
export async function unpackPayload(
  read: AssetReader,
  cacheRoot: string,
): Promise<UnpackedPayload> {
  const manifest = JSON.parse(Buffer.from(read(MANIFEST_KEY)).toString('utf8')) as Manifest;
  const folder = join(cacheRoot, manifest.hash);
  const unpacked = {
    folder,
    webRoot: join(folder, 'web'),
    sidecarPath: join(folder, PYZ_KEY),
  };
  const complete = (): boolean => existsSync(join(folder, COMPLETE_MARKER));
  if (complete()) return unpacked;
  try {
    await mkdir(cacheRoot, { recursive: true, mode: 0o700 });
    const staging = await mkdtemp(join(cacheRoot, `.${manifest.hash}-`));
    for (const key of manifest.keys) {
      const target = join(staging, key);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, Buffer.from(read(key)));
    }
    await writeFile(join(staging, COMPLETE_MARKER), '');
    // A start that finished meanwhile may already serve from its copy: never replace it.
    if (complete()) {
      await rm(staging, { recursive: true, force: true });
      return unpacked;
    }
    await rm(folder, { recursive: true, force: true }); // a partial copy, from a crash
    await rename(staging, folder).catch(async (error: unknown) => {
      await rm(staging, { recursive: true, force: true });
      if (!complete()) throw error;
    });
  } catch (error) {
    throw new PayloadError(
      `could not unpack the web app and the sidecar into ${cacheRoot}: ${(error as Error).message}`,
    );
  }
  return unpacked;
}
