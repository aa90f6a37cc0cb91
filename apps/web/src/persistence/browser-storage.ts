/**
 * The browser's `localStorage`, where the app keeps small things between visits (a form's
 * last params, the log's toggles). A page without one, or a full or disabled one, only
 * costs the convenience: reads give nothing, writes are dropped.
 */

/** The parts of `Storage` the app uses, so tests can pass their own. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** This page's `localStorage`, if it has one. */
export function browserStorage(): KeyValueStorage | undefined {
  return typeof localStorage === 'undefined' ? undefined : localStorage;
}

export function readStored(
  key: string,
  store: KeyValueStorage | undefined = browserStorage(),
): string | undefined {
  return store?.getItem(key) ?? undefined;
}

export function writeStored(
  key: string,
  value: string,
  store: KeyValueStorage | undefined = browserStorage(),
): void {
  try {
    store?.setItem(key, value);
  } catch {
    // A full or disabled storage only costs the convenience.
  }
}
