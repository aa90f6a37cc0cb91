/**
 * Loading a job's `events.jsonl` when the hub starts: every line is checked once, here, and
 * a torn or corrupt tail (a crash mid-write) is cut off so that appends continue from the
 * last good event with no gap in seq.
 */
import { open, truncate } from 'node:fs/promises';
import { parseStoredEvent, type StoredEvent } from '@sidecast/protocol';
import type { EventLogOptions, LoadedLog } from './event-log.js';
import type { LoggedEvent } from './logged-event.js';
import { scanLines } from './scan-lines.js';
import { SparseIndex } from './sparse-index.js';

/** What loading found beyond the events: bytes it had to cut off, and why. */
export interface LoadReport {
  droppedBytes: number;
  problem?: string;
}

function parseLine(text: string, expectedSeq: number): StoredEvent | string {
  const parsed = parseStoredEvent(text);
  if (!parsed.ok) return `a line is not a stored event: ${parsed.error.message}`;
  if (parsed.value.seq !== expectedSeq) {
    return `seq ${String(parsed.value.seq)} follows ${String(expectedSeq - 1)}`;
  }
  return parsed.value;
}

/** Read and check the log at `path` (a missing file is an empty log). */
export async function loadLog(
  path: string,
  options: Pick<EventLogOptions, 'ringSize' | 'indexEvery'>,
  /** The index to fill (one a log opened unchecked already reads with), else a new one. */
  index = new SparseIndex(options.indexEvery),
): Promise<{ loaded: LoadedLog; report: LoadReport }> {
  const recent: LoggedEvent[] = [];
  let head = 0;
  let good = 0;
  let problem: string | undefined;
  let size = 0;
  const handle = await open(path, 'a+');
  try {
    size = (await handle.stat()).size;
    await scanLines(handle, 0, (chunk, lineStart, lineEnd, offset) => {
      const line = chunk.toString('utf8', lineStart, lineEnd);
      const event = parseLine(line, head + 1);
      if (typeof event === 'string') {
        problem = event;
        return false;
      }
      index.note(event.seq, offset);
      recent.push({ seq: event.seq, event, line });
      if (recent.length >= 2 * options.ringSize) recent.splice(0, recent.length - options.ringSize);
      head = event.seq;
      good = offset + (lineEnd - lineStart) + 1;
      return true;
    });
  } finally {
    await handle.close();
  }
  if (good < size) {
    problem ??= 'the last line is incomplete';
    await truncate(path, good);
  }
  const report: LoadReport = { droppedBytes: size - good };
  if (problem !== undefined) report.problem = problem;
  const ring = recent.slice(-options.ringSize);
  return { loaded: { recent: ring, head, index, size: good }, report };
}
