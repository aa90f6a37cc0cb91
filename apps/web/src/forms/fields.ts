/**
 * A job type's params JSON Schema as form fields. The sidecar describes params with plain
 * types (`"integer"`, `["string", "null"]`), `enum`, arrays of strings and defaults; anything
 * else becomes a JSON field, so a form can always be shown.
 */
import type { JsonValue } from '@sidecast/protocol';

export type FieldKind =
  'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'string-list' | 'json';

export interface Field {
  name: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  /** `null` is an accepted value (a type array with `"null"`). */
  nullable: boolean;
  default: JsonValue | undefined;
  description: string | undefined;
  /** The values of an `enum` field, in schema order. */
  options: JsonValue[];
  minimum: number | undefined;
  maximum: number | undefined;
  /** A regular expression a string must contain a match of (JSON Schema `pattern`). */
  pattern: string | undefined;
  /** `"path"` for a `pathlib.Path` param: a file or folder on the hub's machine. */
  format: string | undefined;
}

type SchemaObject = Record<string, unknown>;

const isObject = (value: unknown): value is SchemaObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fields of a params schema, in the schema's property order. */
export function fieldsOf(schema: unknown): Field[] {
  if (!isObject(schema) || !isObject(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  return Object.entries(schema.properties).map(([name, property]) =>
    fieldOf(name, isObject(property) ? property : {}, required.has(name)),
  );
}

function fieldOf(name: string, property: SchemaObject, required: boolean): Field {
  const types = typesOf(property.type);
  const nonNull = types.filter((type) => type !== 'null');
  return {
    name,
    label: typeof property.title === 'string' ? property.title : labelOf(name),
    kind: kindOf(property, nonNull),
    required,
    nullable: types.includes('null'),
    default: property.default as JsonValue | undefined,
    description: typeof property.description === 'string' ? property.description : undefined,
    options: Array.isArray(property.enum) ? (property.enum as JsonValue[]) : [],
    minimum: typeof property.minimum === 'number' ? property.minimum : undefined,
    maximum: typeof property.maximum === 'number' ? property.maximum : undefined,
    pattern: typeof property.pattern === 'string' ? property.pattern : undefined,
    format: typeof property.format === 'string' ? property.format : undefined,
  };
}

function typesOf(type: unknown): string[] {
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}

function kindOf(property: SchemaObject, types: string[]): FieldKind {
  if (Array.isArray(property.enum)) return 'enum';
  if (types.length !== 1) return 'json';
  const type = types[0] ?? '';
  switch (type) {
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean':
      return type;
    case 'array':
      return isObject(property.items) && property.items.type === 'string' ? 'string-list' : 'json';
    default:
      return 'json';
  }
}

/** `fail_at` → `Fail at`. */
function labelOf(name: string): string {
  const words = name
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}
