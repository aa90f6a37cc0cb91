import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CATALOG, titleOf, type CatalogName } from './catalog.js';
import { jsonSchemaOf } from './json-schema.js';

const FIXTURES_DIR = join(import.meta.dirname, '..', 'fixtures');

const Fixture = z.strictObject({
  description: z.string().min(1),
  valid: z.array(z.strictObject({ name: z.string(), value: z.unknown() })).min(1),
  invalid: z
    .array(z.strictObject({ name: z.string(), why: z.string().min(1), value: z.unknown() }))
    .min(2),
});
type Fixture = z.infer<typeof Fixture>;

function loadFixture(name: string): Fixture {
  return Fixture.parse(JSON.parse(readFileSync(join(FIXTURES_DIR, `${name}.json`), 'utf8')));
}

/** The values a discriminated union's `key` takes across its options, nested unions included. */
function discriminatorValues(schema: z.core.$ZodType, key: string): string[] {
  if (schema instanceof z.ZodDiscriminatedUnion)
    return schema.options.flatMap((option) => discriminatorValues(option, key));
  const field: unknown = schema instanceof z.ZodObject ? schema.shape[key] : undefined;
  return field instanceof z.ZodLiteral ? [...field.values].map(String) : [];
}

/** The message types a schema is made of: its discriminator values, or just its own title. */
function messageTypes(schema: z.ZodType, title: string): string[] {
  if (!(schema instanceof z.ZodDiscriminatedUnion)) return [title];
  return [...new Set(discriminatorValues(schema, schema.def.discriminator))];
}

const names = Object.keys(CATALOG) as CatalogName[];
const ajv = new Ajv2020({ allErrors: true, strict: true });

describe('fixtures', () => {
  it('has exactly one file per published schema', () => {
    const files = readdirSync(FIXTURES_DIR).map((file) => file.replace(/\.json$/, ''));
    expect(files.sort()).toEqual([...names].sort());
  });

  describe.each(names)('%s', (name) => {
    const schema = CATALOG[name];
    const title = titleOf(name);
    const fixture = loadFixture(name);
    const types = messageTypes(schema, title);
    const validateJson = ajv.compile(jsonSchemaOf(name));

    it('covers every message type with one valid and two invalid examples', () => {
      for (const type of types) {
        expect(
          fixture.valid.filter((c) => c.name === type).length,
          `valid ${type}`,
        ).toBeGreaterThanOrEqual(1);
        expect(
          fixture.invalid.filter((c) => c.name === type).length,
          `invalid ${type}`,
        ).toBeGreaterThanOrEqual(2);
      }
    });

    it('names only its own message types (or the schema itself)', () => {
      const known = new Set([...types, title]);
      for (const { name: caseName } of [...fixture.valid, ...fixture.invalid])
        expect(known).toContain(caseName);
    });

    it('accepts every valid example, in zod and in the exported JSON Schema', () => {
      for (const { name: caseName, value } of fixture.valid) {
        const result = schema.safeParse(value);
        expect(result.error?.issues, `${caseName}: ${JSON.stringify(value)}`).toBeUndefined();
        expect(validateJson(value), `${caseName}: ${ajv.errorsText(validateJson.errors)}`).toBe(
          true,
        );
      }
    });

    it('rejects every invalid example', () => {
      for (const { why, value } of fixture.invalid)
        expect(schema.safeParse(value).success, `should be invalid: ${why}`).toBe(false);
    });
  });
});
