/**
 * A job's artifacts as the app lists them: those its `artifact` events announced, in their
 * order, then the files the job wrote straight into its artifacts folder, which only the
 * hub's listing knows of (GET /api/jobs/:id/artifacts), by path.
 */
import type { ArtifactInfo } from '@sidecast/protocol';
import type { Artifact } from './timeline.js';

export function mergeArtifacts(
  announced: readonly Artifact[],
  listed: readonly ArtifactInfo[],
): Artifact[] {
  const known = new Set(announced.map(({ path }) => path));
  const unannounced = listed
    .filter(({ path }) => !known.has(path))
    .map(({ path, size, contentType }) => ({ path, size, contentType }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return [...announced, ...unannounced];
}
