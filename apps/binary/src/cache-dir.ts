/** Where a user's programs keep files they can rebuild, per platform, as each one names it. */
import { join } from 'node:path';

/** An environment variable that is set to something (XDG says an empty one counts as unset). */
function setTo(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

export function userCacheDir(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  home: string,
): string {
  if (platform === 'darwin') return join(home, 'Library', 'Caches');
  if (platform === 'win32') return setTo(env.LOCALAPPDATA) ?? join(home, 'AppData', 'Local');
  return setTo(env.XDG_CACHE_HOME) ?? join(home, '.cache');
}
