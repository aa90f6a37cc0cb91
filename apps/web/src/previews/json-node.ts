/** What the JSON tree shows of a value: its children, and a one-line summary when folded. */
import type { JsonValue } from '@sidecast/protocol';

/** Children shown before "show more" in one node; a preview never draws a million rows. */
export const CHILDREN_SHOWN = 200;

export function childrenOf(value: JsonValue): [string, JsonValue][] | undefined {
  if (Array.isArray(value)) return value.map((item, index) => [String(index), item]);
  if (typeof value === 'object' && value !== null) return Object.entries(value);
  return undefined;
}

export function summaryOf(value: JsonValue): string {
  if (Array.isArray(value))
    return `[${String(value.length)} ${value.length === 1 ? 'item' : 'items'}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).length;
    return `{${String(keys)} ${keys === 1 ? 'key' : 'keys'}}`;
  }
  return JSON.stringify(value);
}
