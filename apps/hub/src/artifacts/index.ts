export { artifactBody } from './artifact-body.js';
export { contentTypeOf } from './content-type.js';
export { isInside } from './jail.js';
export { listArtifacts } from './list-artifacts.js';
export { decodeArtifactPath, openArtifact } from './open-artifact.js';
export type { OpenedArtifact } from './open-artifact.js';
