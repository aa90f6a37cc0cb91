/**
 * `<data dir>/hub.json`: where the hub of a data dir listens and its token, readable by the
 * same user only, so that `sidecast run` and `sidecast logs` find it the way Jupyter's
 * clients find a server through its runtime file.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

export const HUB_FILE = 'hub.json';

export const HubFile = z.object({
  /** The hub's origin, `http://127.0.0.1:8765`. */
  url: z.url(),
  token: z.string().min(1),
  pid: z.int().positive(),
  version: z.string(),
});
export type HubFile = z.infer<typeof HubFile>;

export async function writeHubFile(dataDir: string, file: HubFile): Promise<void> {
  await writeFile(join(dataDir, HUB_FILE), JSON.stringify(file, null, 2) + '\n', {
    mode: 0o600,
  });
}

/** Remove the file if it is still this process's (a second hub may have replaced it). */
export async function removeHubFile(dataDir: string): Promise<void> {
  const current = await readHubFile(dataDir).catch(() => undefined);
  if (current?.pid === process.pid) await rm(join(dataDir, HUB_FILE), { force: true });
}

/** The file's contents; throws when it is missing or not a hub file. */
export async function readHubFile(dataDir: string): Promise<HubFile> {
  const text = await readFile(join(dataDir, HUB_FILE), 'utf8');
  return HubFile.parse(JSON.parse(text));
}
