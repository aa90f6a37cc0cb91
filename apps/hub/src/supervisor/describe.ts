/** Sentences about what a worker did, for logs, `lastError` and failed jobs' reasons. */
import type { SidecarExit } from '@sidecast/protocol';

const QUOTED_CHARS = 120;

/**
 * "worker 2 (pid 4242) exited with code 1" plus its last stderr lines, if any; `who` is
 * the subject ("worker 2 (pid 4242)").
 */
export function describeExit(who: string, exit: SidecarExit, stderr: readonly string[]): string {
  const how =
    exit.signal === null
      ? `${who} exited with code ${String(exit.code)}`
      : `${who} was killed by ${exit.signal}`;
  const tail = stderr.filter((line) => line.trim() !== '');
  return tail.length === 0 ? how : `${how}; its last stderr lines:\n${tail.join('\n')}`;
}

/** Why the interpreter could not be started, with what to do about the common causes. */
export function describeSpawnError(python: string, error: NodeJS.ErrnoException): string {
  const advice =
    error.code === 'ENOENT'
      ? 'no such program; install Python 3.9 or later, or pass its path with --python'
      : error.code === 'EACCES'
        ? 'not executable; pass the path of a Python 3.9 or later with --python'
        : error.message;
  return `could not start ${python}: ${advice} (${error.code ?? 'spawn error'})`;
}

/** A rejected stdout line, quoted short enough for a log line. */
export function describeLine(text: string, problem: string): string {
  const quoted = text.length > QUOTED_CHARS ? `${text.slice(0, QUOTED_CHARS)}…` : text;
  return `a line that is not a protocol message (${problem}): ${JSON.stringify(quoted)}`;
}
