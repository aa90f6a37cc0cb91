/**
 * How a job's result is best shown: a list of flat objects as a table (the columns are
 * every key, in first-seen order), a flat object as a key/value list, anything else as
 * JSON. Flat means every value is a string, number, boolean or null.
 */
import type { JsonValue } from '@sidecast/protocol';

type Scalar = string | number | boolean | null;

export type ResultShape =
  | { kind: 'table'; columns: string[]; rows: Record<string, Scalar>[] }
  | { kind: 'fields'; entries: [string, Scalar][] }
  | { kind: 'json' };

const isScalar = (value: unknown): value is Scalar =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);

const isFlatObject = (value: unknown): value is Record<string, Scalar> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every(isScalar);

export function resultShape(result: JsonValue | undefined): ResultShape {
  if (Array.isArray(result) && result.length > 0 && result.every(isFlatObject)) {
    const columns: string[] = [];
    for (const row of result)
      for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
    return { kind: 'table', columns, rows: result };
  }
  if (isFlatObject(result) && Object.keys(result).length > 0)
    return { kind: 'fields', entries: Object.entries(result) };
  return { kind: 'json' };
}

/** A cell as text: strings as they are, the rest as JSON, a missing key empty. */
export function cellText(value: Scalar | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
