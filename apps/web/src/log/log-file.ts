/** The log as a text file to download: one line per event, stderr and levels marked. */
import type { LogLine } from '../job-view/timeline.js';

/** `[stderr]` and non-info levels are marked, as the terminal viewer marks them. */
export function logLineText(line: LogLine): string {
  const marks = [
    ...(line.stream === 'stderr' ? ['[stderr]'] : []),
    ...(line.level === 'info' ? [] : [`[${line.level}]`]),
  ];
  return marks.length === 0 ? line.text : `${marks.join(' ')} ${line.text}`;
}

export function logFile(lines: readonly LogLine[]): Blob {
  const parts: string[] = [];
  for (const line of lines) parts.push(logLineText(line), '\n');
  return new Blob(parts, { type: 'text/plain;charset=utf-8' });
}
