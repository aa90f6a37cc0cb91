import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG } from './catalog.js';
import { CONSTANTS, jsonSchemaOf, schemaFiles } from './json-schema.js';
import { LIMITS, PROTOCOL_VERSION } from './limits.js';

const SCHEMA_DIR = join(import.meta.dirname, '..', 'schema');
const STALE =
  'schema/ is stale: run `pnpm --filter @sidecast/protocol schema:write` and commit the result';

describe('json-schema', () => {
  describe('#schemaFiles', () => {
    it('matches the committed schema/ folder file for file', () => {
      const expected = schemaFiles();
      expect(readdirSync(SCHEMA_DIR).sort(), STALE).toEqual([...expected.keys()].sort());
      for (const [name, text] of expected)
        expect(readFileSync(join(SCHEMA_DIR, name), 'utf8'), `${name}: ${STALE}`).toBe(text);
    });

    it('writes one schema per catalog entry plus constants.json', () => {
      expect(schemaFiles().size).toBe(Object.keys(CATALOG).length + 1);
    });
  });

  describe('#jsonSchemaOf', () => {
    it('names the draft and the schema', () => {
      expect(jsonSchemaOf('client-message')).toMatchObject({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        title: 'ClientMessage',
      });
    });

    it('defines JSON values once, under a readable name', () => {
      const text = JSON.stringify(jsonSchemaOf('job-event'));
      expect(text).toContain('"#/$defs/JsonValue"');
      expect(text).not.toContain('__schema');
    });
  });

  describe('CONSTANTS', () => {
    it('carries the version, the limits and the patterns other languages need', () => {
      expect(CONSTANTS.protocolVersion).toBe(PROTOCOL_VERSION);
      expect(CONSTANTS.limits).toBe(LIMITS);
      expect(new RegExp(CONSTANTS.patterns.jobId).test('j_1')).toBe(true);
      expect(CONSTANTS.eventKinds).toEqual([
        'status',
        'log',
        'progress',
        'artifact',
        'data',
        'input',
        'result',
        'error',
      ]);
      expect(CONSTANTS.terminalStates).toEqual(['completed', 'failed', 'cancelled']);
    });
  });
});
