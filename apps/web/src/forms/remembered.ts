/**
 * The params last sent for each job type, kept in this browser, so a form opens with what
 * was used last time (like a shell's history), not the defaults again.
 */
import type { Params } from '@sidecast/protocol';
import {
  browserStorage,
  readStored,
  writeStored,
  type KeyValueStorage,
} from '../persistence/browser-storage.js';

const PREFIX = 'sidecast.params:';

export function rememberParams(
  jobType: string,
  params: Params,
  store: KeyValueStorage | undefined = browserStorage(),
): void {
  writeStored(`${PREFIX}${jobType}`, JSON.stringify(params), store);
}

export function rememberedParams(
  jobType: string,
  store: KeyValueStorage | undefined = browserStorage(),
): Params | undefined {
  const text = readStored(`${PREFIX}${jobType}`, store);
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Params)
      : undefined;
  } catch {
    return undefined;
  }
}
