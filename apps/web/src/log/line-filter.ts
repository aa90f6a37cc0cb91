/**
 * The log's text filter: which lines contain the query (case-insensitive). Matches are
 * found incrementally, so a live job with a filter on costs one check per new line.
 */
import type { LogLine } from '../job-view/timeline.js';

export class LineFilter {
  /** The query of the last `update`, normalized; empty shows every line. */
  private query = '';
  private lines: readonly LogLine[] | undefined;
  private scanned = 0;
  /** Indexes into the lines, in order. */
  private matches: number[] = [];

  /** How many of the first `count` lines the view shows for `query` (all when it is empty). */
  update(lines: readonly LogLine[], count: number, query: string): number {
    const normalized = query.trim().toLowerCase();
    if (normalized === '') {
      this.query = '';
      return count;
    }
    if (normalized !== this.query || lines !== this.lines || count < this.scanned) {
      this.query = normalized;
      this.lines = lines;
      this.scanned = 0;
      this.matches = [];
    }
    for (; this.scanned < count; this.scanned += 1) {
      if (lines[this.scanned]?.text.toLowerCase().includes(normalized))
        this.matches.push(this.scanned);
    }
    return this.matches.length;
  }

  /** The `index`th line shown for the query of the last `update`. */
  lineAt(lines: readonly LogLine[], index: number): LogLine | undefined {
    if (this.query === '') return lines[index];
    const at = this.matches[index];
    return at === undefined ? undefined : lines[at];
  }
}
