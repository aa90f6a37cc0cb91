/**
 * The params last sent for each job type, kept in this browser, so a form opens with what
 * was used last time (like a shell's history), not the defaults again.
 */
import type { Params } from '@sidecast/protocol';

const PREFIX = 'sidecast.params:';

/** The parts of `Storage` this uses, so tests can pass their own. */
export type ParamsStorage = Pick<Storage, 'getItem' | 'setItem'>;

function storage(): ParamsStorage | undefined {
  return typeof localStorage === 'undefined' ? undefined : localStorage;
}

export function rememberParams(
  jobType: string,
  params: Params,
  store: ParamsStorage | undefined = storage(),
): void {
  try {
    store?.setItem(`${PREFIX}${jobType}`, JSON.stringify(params));
  } catch {
    // A full or disabled storage only costs the convenience.
  }
}

export function rememberedParams(
  jobType: string,
  store: ParamsStorage | undefined = storage(),
): Params | undefined {
  const text = store?.getItem(`${PREFIX}${jobType}`);
  if (text === null || text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Params)
      : undefined;
  } catch {
    return undefined;
  }
}
