/**
 * A job's log output against its cap: lines are stored until the job has stored `cap`
 * characters of log text, then dropped and counted, and the log is told where the cut is
 * and, before the job ends, how much was cut.
 */
import type { JobEvent } from '@sidecast/protocol';

/** What to do with a log line: store it; store it and say the cap is reached; drop it. */
export type OutputVerdict = 'store' | 'store-and-cut' | 'drop';

export class OutputCap {
  private chars = 0;
  private droppedLines = 0;
  private droppedChars = 0;

  constructor(private readonly cap: number) {}

  /** Count a log line of `text` against the cap. */
  admit(text: string): OutputVerdict {
    if (this.chars >= this.cap) {
      this.droppedLines += 1;
      this.droppedChars += text.length;
      return 'drop';
    }
    this.chars += text.length;
    return this.chars >= this.cap ? 'store-and-cut' : 'store';
  }

  /** The notice that follows the line that reached the cap. */
  cutNotice(): JobEvent {
    return notice(
      `this job's log reached its cap of ${mebibytes(this.cap)}; later lines are dropped`,
    );
  }

  /** The notice that goes before the job's end, if anything was dropped. */
  droppedNotice(): JobEvent | undefined {
    if (this.droppedLines === 0) return undefined;
    return notice(
      `${String(this.droppedLines)} lines (${mebibytes(this.droppedChars)}) over the cap were dropped`,
    );
  }
}

function notice(text: string): JobEvent {
  return { kind: 'log', ts: Date.now(), stream: 'log', level: 'warning', text };
}

function mebibytes(chars: number): string {
  return `${(chars / 2 ** 20).toFixed(1)} MiB`;
}
