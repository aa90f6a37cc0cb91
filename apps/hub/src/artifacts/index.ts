export { contentTypeOf } from './content-type.js';
export { listArtifacts } from './list-artifacts.js';
export { decodeArtifactPath, isInside, resolveArtifact } from './resolve-artifact.js';
export type { ResolvedArtifact } from './resolve-artifact.js';
