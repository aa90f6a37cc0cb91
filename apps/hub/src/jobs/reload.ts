/**
 * Reading the data dir back when the hub starts (DESIGN §4): finished jobs are listed from
 * their `job.json` alone; a job that was still live is settled from its log: it ends
 * `failed` with "hub restarted" unless its log already ended it.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isTerminal, type StoredEvent } from '@sidecast/protocol';
import { EventLog, loadLog, newEpoch, type EventLogOptions } from '../event-log/index.js';
import type { Logger } from '../logger.js';
import { JobEntry } from './job-entry.js';
import { readJobFile } from './job-file.js';

export const HUB_RESTARTED = 'hub restarted';

/** Every job in `jobsDir`, oldest first; unreadable ones are reported and left on disk. */
export async function reloadJobs(
  jobsDir: string,
  options: EventLogOptions,
  log: Logger,
): Promise<JobEntry[]> {
  await mkdir(jobsDir, { recursive: true });
  const entries: JobEntry[] = [];
  for (const name of await readdir(jobsDir)) {
    const dir = join(jobsDir, name);
    const file = await readJobFile(dir);
    if (typeof file === 'string') {
      log('warning', `skipped ${dir}: ${file}`);
      continue;
    }
    const entry = new JobEntry(dir, file.job, file.epoch, file.interactive);
    if (!entry.finished) await settle(entry, options, log);
    entries.push(entry);
  }
  return entries.sort((a, b) => a.createdAt - b.createdAt);
}

async function settle(entry: JobEntry, options: EventLogOptions, log: Logger): Promise<void> {
  const { loaded, report } = await loadLog(entry.logPath, options);
  if (report.problem !== undefined)
    log(
      'warning',
      `job ${entry.id}: cut ${String(report.droppedBytes)} bytes off its log (${report.problem})`,
    );
  // Events the hub published but had not written are gone, and their seqs will be reused:
  // a new epoch tells every viewer holding a cursor into the old log to start over.
  entry.epoch = newEpoch();
  const eventLog = await EventLog.open(entry.logPath, entry.epoch, loaded, options);
  for (const { event } of loaded.recent) entry.apply(event);
  const last: StoredEvent | undefined = loaded.recent[loaded.recent.length - 1]?.event;
  if (last === undefined || !isTerminal(last)) {
    entry.apply(
      eventLog.append({ kind: 'status', ts: Date.now(), state: 'failed', reason: HUB_RESTARTED }),
    );
  }
  await eventLog.close();
  entry.log = undefined;
  await entry.save(log);
}
