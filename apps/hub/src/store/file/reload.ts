/**
 * Reading the data dir back when the hub starts (DESIGN §4): finished jobs are listed from
 * their `job.json` alone; a job that was still live is settled from its log: it ends
 * `failed` with "hub restarted" unless its log already ended it.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isTerminal, isTerminalState, type StoredEvent } from '@sidecast/protocol';
import { EventLog, loadLog, newEpoch, type EventLogOptions } from '../../event-log/index.js';
import type { Logger } from '../../logger.js';
import { foldEvent } from '../fold-event.js';
import type { StoredJob } from '../job-store.js';
import { readJobFile, writeJobFile } from './job-file.js';

export const HUB_RESTARTED = 'hub restarted';

/** Every job in `jobsDir`, oldest first; unreadable ones are reported and left on disk. */
export async function reloadJobs(
  jobsDir: string,
  options: EventLogOptions,
  log: Logger,
): Promise<StoredJob[]> {
  await mkdir(jobsDir, { recursive: true });
  const jobs: StoredJob[] = [];
  for (const name of await readdir(jobsDir)) {
    const dir = join(jobsDir, name);
    const stored = await readJobFile(dir);
    if (typeof stored === 'string') {
      log('warning', `skipped ${dir}: ${stored}`);
      continue;
    }
    jobs.push(isTerminalState(stored.job.state) ? stored : await settle(dir, stored, options, log));
  }
  return jobs.sort((a, b) => a.job.createdAt - b.job.createdAt);
}

async function settle(
  dir: string,
  stored: StoredJob,
  options: EventLogOptions,
  log: Logger,
): Promise<StoredJob> {
  const { loaded, report } = await loadLog(join(dir, 'events.jsonl'), options);
  if (report.problem !== undefined)
    log(
      'warning',
      `job ${stored.job.id}: cut ${String(report.droppedBytes)} bytes off its log (${report.problem})`,
    );
  // Events the hub published but had not written are gone, and their seqs will be reused:
  // a new epoch tells every viewer holding a cursor into the old log to start over.
  const epoch = newEpoch();
  const eventLog = await EventLog.open(join(dir, 'events.jsonl'), epoch, loaded, options);
  let job = stored.job;
  for (const { event } of loaded.recent) job = foldEvent(job, event);
  const last: StoredEvent | undefined = loaded.recent[loaded.recent.length - 1]?.event;
  if (last === undefined || !isTerminal(last)) {
    const failed = {
      kind: 'status',
      ts: Date.now(),
      state: 'failed',
      reason: HUB_RESTARTED,
    } as const;
    job = foldEvent(job, eventLog.append(failed));
  }
  await eventLog.close();
  const settled = { ...stored, job, epoch };
  await writeJobFile(dir, settled);
  return settled;
}
