/**
 * Find in the log, as a browser's Ctrl+F does: every line holding the text (case-
 * insensitive), a current match that Enter and Shift+Enter move through, wrapping around,
 * and the pieces of a line's text to draw with the matches marked.
 */
import type { LogLine } from '../job-view/timeline.js';

/** The indexes (of the `count` lines `lineAt` gives) of the lines that contain `query`. */
export function findLines(
  count: number,
  lineAt: (index: number) => LogLine | undefined,
  query: string,
): number[] {
  const needle = query.toLowerCase();
  if (needle === '') return [];
  const found: number[] = [];
  for (let index = 0; index < count; index++)
    if (lineAt(index)?.text.toLowerCase().includes(needle) === true) found.push(index);
  return found;
}

/** The match after (`step` 1) or before (`step` -1) `current`, wrapping; 0 with none yet. */
export function stepMatch(current: number | undefined, total: number, step: 1 | -1): number {
  if (total === 0) return 0;
  if (current === undefined) return step === 1 ? 0 : total - 1;
  return (current + step + total) % total;
}

export interface Piece {
  text: string;
  match: boolean;
}

/** `text` cut where `query` occurs (case-insensitive), each piece marked as a match or not. */
export function highlight(text: string, query: string): Piece[] {
  const needle = query.toLowerCase();
  if (needle === '') return [{ text, match: false }];
  const haystack = text.toLowerCase();
  const pieces: Piece[] = [];
  let from = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, from)) {
    if (at > from) pieces.push({ text: text.slice(from, at), match: false });
    pieces.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < text.length) pieces.push({ text: text.slice(from), match: false });
  return pieces;
}
