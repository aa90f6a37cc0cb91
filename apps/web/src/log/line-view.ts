/**
 * Which lines the log shows, in order: with a filter query, the lines containing it
 * (case-insensitive), folded or not; without one, every line but those inside a folded group.
 * `::endgroup::` lines are never shown: their group's header says all they would. Lines are
 * looked at incrementally, so a live job costs one check per new line.
 */
import type { LogLine } from '../job-view/timeline.js';
import { groupMarker, type FoldState } from './groups.js';

export class LineView {
  private query = '';
  private lines: readonly LogLine[] | undefined;
  private foldingVersion = -1;
  private scanned = 0;
  /** The `::group::` line number of the group the scan is inside. */
  private group: number | undefined;
  /** Indexes into the lines, in order. */
  private shown: number[] = [];

  /** How many of the first `count` lines are shown for `query` and the folding. */
  update(lines: readonly LogLine[], count: number, query: string, folding: FoldState): number {
    const normalized = query.trim().toLowerCase();
    if (
      normalized !== this.query ||
      lines !== this.lines ||
      count < this.scanned ||
      folding.version !== this.foldingVersion
    ) {
      this.query = normalized;
      this.lines = lines;
      this.foldingVersion = folding.version;
      this.scanned = 0;
      this.group = undefined;
      this.shown = [];
    }
    for (; this.scanned < count; this.scanned += 1) {
      const line = lines[this.scanned];
      if (line !== undefined && this.shows(line, folding)) this.shown.push(this.scanned);
    }
    return this.shown.length;
  }

  /** The `index`th line shown by the last `update`. */
  lineAt(lines: readonly LogLine[], index: number): LogLine | undefined {
    const at = this.shown[index];
    return at === undefined ? undefined : lines[at];
  }

  /** Where the line at `lineIndex` is among the shown ones, or -1 if it is not shown. */
  shownIndexOf(lineIndex: number): number {
    let low = 0;
    let high = this.shown.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const at = this.shown[middle] ?? 0;
      if (at === lineIndex) return middle;
      if (at < lineIndex) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  private shows(line: LogLine, folding: FoldState): boolean {
    const marker = groupMarker(line.text);
    if (marker?.kind === 'start') this.group = line.number;
    else if (marker?.kind === 'end') {
      this.group = undefined;
      return false;
    }
    if (this.query !== '') return line.text.toLowerCase().includes(this.query);
    return marker !== undefined || this.group === undefined || folding.isOpen(this.group);
  }
}
