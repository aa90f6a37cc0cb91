/**
 * Collapsible groups in the log, written as GitHub Actions writes them: a `::group::name`
 * line starts one, `::endgroup::` ends it. Groups do not nest: a new `::group::` ends the
 * one before, as on GitHub.
 */
import type { LogLine } from '../job-view/timeline.js';

const GROUP_START = '::group::';
const GROUP_END = '::endgroup::';

/** What a log line means for grouping. */
export type GroupMarker = { kind: 'start'; name: string } | { kind: 'end' } | undefined;

export function groupMarker(text: string): GroupMarker {
  if (text.startsWith(GROUP_START)) {
    return { kind: 'start', name: text.slice(GROUP_START.length).trim() || 'Group' };
  }
  if (text.trim() === GROUP_END) return { kind: 'end' };
  return undefined;
}

/** What a view needs to know of the folding. */
export interface FoldState {
  /** Changes whenever a group opens or folds. */
  readonly version: number;
  isOpen(header: number): boolean;
}

/**
 * Which groups the reader opened, by the line number of their `::group::` line. Every group
 * starts folded, as on GitHub, so a long setup step does not push the interesting part away.
 */
export class Folding implements FoldState {
  private readonly opened = new Set<number>();
  /** Changes with every toggle, so views know to recompute what they show. */
  version = 0;

  isOpen(header: number): boolean {
    return this.opened.has(header);
  }

  toggle(header: number): void {
    this.setOpen(header, !this.opened.has(header));
  }

  open(header: number): void {
    this.setOpen(header, true);
  }

  private setOpen(header: number, open: boolean): void {
    if (open === this.opened.has(header)) return;
    if (open) this.opened.add(header);
    else this.opened.delete(header);
    this.version += 1;
  }
}

/**
 * The line number of the `::group::` line whose folded body holds the line at `index`, if
 * any; a marker line is in no body (a header is shown folded or not).
 */
export function groupHeaderAt(lines: readonly LogLine[], index: number): number | undefined {
  const own = lines[index];
  if (own === undefined || groupMarker(own.text) !== undefined) return undefined;
  for (let at = index - 1; at >= 0; at -= 1) {
    const line = lines[at];
    const marker = line === undefined ? undefined : groupMarker(line.text);
    if (marker?.kind === 'start') return line?.number;
    if (marker?.kind === 'end') return undefined;
  }
  return undefined;
}
