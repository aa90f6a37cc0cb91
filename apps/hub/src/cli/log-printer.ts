/**
 * A job's events as terminal output, like `docker logs`: log lines on stdout as they come,
 * stderr lines and levels marked, everything else (status, artifacts, errors) on stderr, and
 * progress on one updating line when stdout is a terminal.
 */
import type { JobState, StoredEvent } from '@sidecast/protocol';
import { isTerminalState } from '@sidecast/protocol';

/** The part of a stream the printer writes to. */
export interface Output {
  write(text: string): unknown;
}

const CLEAR_LINE = '\r\x1b[2K';
const BAR_WIDTH = 24;
const DATA_PREVIEW_CHARS = 200;

export class LogPrinter {
  private progressLine = '';
  /** Whether a progress line is on the screen now, under the log. */
  private drawn = false;
  private finalState: JobState | undefined;

  constructor(
    private readonly stdout: Output,
    private readonly stderr: Output,
    /** Whether stdout is a terminal: only then is progress drawn. */
    private readonly tty: boolean,
  ) {}

  /** The job's terminal state, once its last event has been printed. */
  get outcome(): JobState | undefined {
    return this.finalState;
  }

  /** Print a batch with one write per stream (100,000 lines stay fast). */
  print(events: readonly StoredEvent[]): void {
    let out = '';
    let err = '';
    for (const event of events) {
      switch (event.kind) {
        case 'log':
          out += `${logPrefix(event.stream, event.level)}${event.text}\n`;
          break;
        case 'progress':
          this.progressLine = progressLine(event.current, event.total, event.message);
          break;
        case 'artifact':
          err += `[artifact] ${event.path} (${formatBytes(event.size)})\n`;
          break;
        case 'data':
          out += `[data ${event.name}] ${preview(event.data)}\n`;
          break;
        case 'input':
          out += `> ${typeof event.data === 'string' ? event.data : JSON.stringify(event.data)}\n`;
          break;
        case 'result':
          out += `[result] ${JSON.stringify(event.value)}\n`;
          break;
        case 'error':
          err += `[error] ${event.message}\n${event.traceback ?? ''}`;
          break;
        case 'status':
          if (isTerminalState(event.state)) this.finalState = event.state;
          err += `[${event.state}]${event.reason === undefined ? '' : ` ${event.reason}`}\n`;
          break;
      }
    }
    this.write(out, err);
  }

  /** Take the progress line off the screen. */
  finish(): void {
    if (this.drawn) this.stdout.write(CLEAR_LINE);
    this.drawn = false;
  }

  private write(out: string, err: string): void {
    if (this.drawn && (out !== '' || err !== '')) this.finish();
    if (out !== '') this.stdout.write(out);
    if (err !== '') this.stderr.write(err);
    if (this.tty && this.progressLine !== '' && this.finalState === undefined) {
      this.stdout.write(`${CLEAR_LINE}${this.progressLine}`);
      this.drawn = true;
    }
  }
}

function logPrefix(stream: string, level: string): string {
  if (stream === 'stderr') return '[stderr] ';
  return level === 'info' ? '' : `[${level}] `;
}

function progressLine(
  current: number,
  total: number | undefined,
  message: string | undefined,
): string {
  const note = message === undefined ? '' : ` ${message}`;
  if (total === undefined || total <= 0) return `… ${String(current)}${note}`;
  const fraction = Math.min(1, Math.max(0, current / total));
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = '#'.repeat(filled) + '-'.repeat(BAR_WIDTH - filled);
  return `[${bar}] ${String(Math.floor(fraction * 100))}% ${String(current)}/${String(total)}${note}`;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > DATA_PREVIEW_CHARS ? `${text.slice(0, DATA_PREVIEW_CHARS)}…` : text;
}

/** `1.5 KiB`, `12 B`. */
export function formatBytes(size: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${String(value)} B` : `${value.toFixed(1)} ${units[unit] ?? ''}`;
}
