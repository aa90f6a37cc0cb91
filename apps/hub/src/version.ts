import { createRequire } from 'node:module';

/** The hub's version, from its package.json. */
export const HUB_VERSION: string = (
  createRequire(import.meta.url)('../package.json') as { version: string }
).version;
