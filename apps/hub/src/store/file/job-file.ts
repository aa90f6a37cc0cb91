/**
 * `jobs/<id>/job.json`: a job's record plus what the hub needs to reopen its log. Written
 * atomically (temp file, fsync, rename) so a crash leaves the old version or the new one.
 */
import { open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { StoredJob, check } from '@sidecast/protocol';

export const JobFile = StoredJob.extend({ version: z.literal(1) });
export type JobFile = z.infer<typeof JobFile>;

const NAME = 'job.json';

export async function writeJobFile(dir: string, stored: StoredJob): Promise<void> {
  const file: JobFile = { version: 1, ...stored };
  const target = join(dir, NAME);
  const temp = `${target}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(JSON.stringify(file) + '\n');
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(temp, target);
}

/** The job file in `dir`, or why it cannot be used. */
export async function readJobFile(dir: string): Promise<StoredJob | string> {
  let text: string;
  try {
    text = await readFile(join(dir, NAME), 'utf8');
  } catch (error) {
    return `cannot read ${NAME}: ${(error as Error).message}`;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `${NAME} is not JSON`;
  }
  const parsed = check(JobFile, value);
  if (!parsed.ok) return `${NAME} is not a job record: ${parsed.error.message}`;
  const { job, epoch, interactive } = parsed.value;
  return { job, epoch, interactive };
}
