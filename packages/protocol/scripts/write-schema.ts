/** Rewrites `schema/` from the zod schemas; `schema.test.ts` fails until this has run. */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaFiles } from '../src/json-schema.js';

const dir = join(import.meta.dirname, '..', 'schema');
const files = schemaFiles();
mkdirSync(dir, { recursive: true });
for (const stale of readdirSync(dir)) if (!files.has(stale)) rmSync(join(dir, stale));
for (const [name, text] of files) writeFileSync(join(dir, name), text);
console.log(`wrote ${String(files.size)} files to ${dir}`);
