/**
 * The JSON Schema export: `schema/*.schema.json` for every catalog entry and
 * `schema/constants.json`, for Python and any other language. Pure: writing is the script's job.
 */
import { z } from 'zod';
import { CATALOG, titleOf, type CatalogName } from './catalog.js';
import { ErrorCode } from './errors.js';
import {
  JobEvent,
  JobState,
  LogLevel,
  LogStream,
  RUNTIME_DATA_NAMES,
  TerminalState,
} from './events.js';
import { LIMITS, PROTOCOL_VERSION } from './limits.js';
import { EPOCH_PATTERN, JOB_ID_PATTERN, JOB_TYPE_NAME_PATTERN, JsonValue } from './primitives.js';
import { SidecarState } from './records.js';

/** Everything other languages need besides the schemas: version, limits, patterns, enumerations. */
export const CONSTANTS = {
  protocolVersion: PROTOCOL_VERSION,
  limits: LIMITS,
  patterns: {
    jobId: JOB_ID_PATTERN.source,
    jobTypeName: JOB_TYPE_NAME_PATTERN.source,
    epoch: EPOCH_PATTERN.source,
  },
  jobStates: JobState.options,
  terminalStates: TerminalState.options,
  eventKinds: JobEvent.options.map((option) => option.shape.kind.value),
  logStreams: LogStream.options,
  logLevels: LogLevel.options,
  runtimeDataNames: RUNTIME_DATA_NAMES,
  sidecarStates: SidecarState.options,
  errorCodes: ErrorCode.options,
};

// A private registry, so the `$defs` names are ours and zod's global registry is left alone.
const definitions = z.registry<{ id: string }>();
definitions.add(JsonValue, { id: 'JsonValue' });

/** What `JsonValue` accepts, as JSON Schema: it refers to itself through its `$defs` entry. */
const JSON_VALUE_SCHEMA: z.core.JSONSchema.JSONSchema = {
  anyOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'null' },
    { type: 'array', items: { $ref: '#/$defs/JsonValue' } },
    {
      type: 'object',
      propertyNames: { type: 'string' },
      additionalProperties: { $ref: '#/$defs/JsonValue' },
    },
  ],
};

const toText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** The JSON Schema of one catalog entry; it accepts what the zod schema accepts, minus refinements. */
export function jsonSchemaOf(name: CatalogName): Record<string, unknown> {
  const { $schema, ...schema } = z.toJSONSchema(CATALOG[name], {
    target: 'draft-2020-12',
    io: 'input',
    metadata: definitions,
    // JsonValue is a check (see primitives.ts); everything else must be representable.
    unrepresentable: ({ zodSchema }) => (zodSchema === JsonValue ? JSON_VALUE_SCHEMA : 'throw'),
  });
  return { $schema, title: titleOf(name), ...schema };
}

/** Every file of `schema/`, by file name, with the exact text it must hold. */
export function schemaFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of Object.keys(CATALOG) as CatalogName[])
    files.set(`${name}.schema.json`, toText(jsonSchemaOf(name)));
  files.set('constants.json', toText(CONSTANTS));
  return files;
}
