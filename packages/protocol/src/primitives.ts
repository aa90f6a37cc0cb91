/**
 * The building blocks every wire shares: identifiers, sequence numbers, timestamps,
 * JSON values and artifact paths.
 */
import { z } from 'zod';

/** Source of the job id pattern; also exported to `constants.json` for other languages. */
export const JOB_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** Source of the job type name pattern (`demo.stream`, `files.checksum`). */
export const JOB_TYPE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;
/** Source of the epoch pattern: the same URL- and file-safe alphabet as job ids. */
export const EPOCH_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** A job's id: 1–64 letters, digits, `_` or `-`, safe in URLs, channel names and file names. */
export const JobId = z
  .string()
  .regex(JOB_ID_PATTERN, 'a job id is 1–64 letters, digits, "_" or "-"');
export type JobId = z.infer<typeof JobId>;

/** A job type's registered name, e.g. `files.checksum`. */
export const JobTypeName = z
  .string()
  .regex(
    JOB_TYPE_NAME_PATTERN,
    'a job type name starts with a letter and has at most 128 letters, digits, "_", "." or "-"',
  );
export type JobTypeName = z.infer<typeof JobTypeName>;

/** The random id of one job's event log; a new epoch means earlier cursors are void. */
export const Epoch = z
  .string()
  .regex(EPOCH_PATTERN, 'an epoch is 1–64 letters, digits, "_" or "-"');
export type Epoch = z.infer<typeof Epoch>;

/** A stored event's position in its job's log: 1, 2, 3 … with no gaps. */
export const Seq = z.int().min(1);
export type Seq = z.infer<typeof Seq>;

/** The seq of the newest event a log or cursor has seen; 0 before the first. */
export const Head = z.int().min(0);
export type Head = z.infer<typeof Head>;

/** Epoch milliseconds; may carry a fraction for sub-millisecond precision. */
export const Timestamp = z.number().nonnegative();
export type Timestamp = z.infer<typeof Timestamp>;

/** Any value JSON can carry. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * Whether `value` is something JSON can carry: strings, finite numbers, booleans, null, and
 * arrays and plain objects of those. Iterative, so no nesting depth overflows the stack.
 */
export function isJsonValue(value: unknown): value is JsonValue {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    switch (typeof next) {
      case 'string':
      case 'boolean':
        continue;
      case 'number':
        if (!Number.isFinite(next)) return false;
        continue;
      case 'object': {
        if (next === null) continue;
        if (Array.isArray(next)) {
          for (const item of next) pending.push(item);
          continue;
        }
        const prototype: unknown = Object.getPrototypeOf(next);
        if (prototype !== Object.prototype && prototype !== null) return false;
        for (const item of Object.values(next)) pending.push(item);
        continue;
      }
      case 'bigint':
      case 'function':
      case 'symbol':
      case 'undefined':
        return false;
    }
  }
  return true;
}

/**
 * Any JSON value (finite numbers only; `undefined` is not JSON). A check rather than a
 * recursive schema: a schema that refers to itself cannot be compiled (`z.compile`), and every
 * message that carries a JSON value would run on zod's slower interpreter.
 */
export const JsonValue = z.custom<JsonValue>(isJsonValue, {
  error: 'expected a JSON value (string, finite number, boolean, null, array or object)',
});

/** A job's parameters: a JSON object whose fields the job type's params schema describes. */
export const Params = z.record(z.string(), JsonValue);
export type Params = z.infer<typeof Params>;

/** A command's id, chosen by the client and echoed in its `ack` or `nack`. */
export const RequestId = z.union([z.string().min(1).max(128), z.int().min(0)], {
  error: 'a command id is a string of 1–128 characters or a whole number ≥ 0',
});
export type RequestId = z.infer<typeof RequestId>;

const MAX_ARTIFACT_PATH_CHARS = 1024;
const EMPTY_ARTIFACT_PATH = 'an artifact path must not be empty';
const LONG_ARTIFACT_PATH = `an artifact path has at most ${String(MAX_ARTIFACT_PATH_CHARS)} characters`;
const MAX_ARTIFACT_SEGMENT_CHARS = 255;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this rejects
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
const DRIVE_LETTER = /^[A-Za-z]:/;

/**
 * Why `path` is not a safe artifact path, or `undefined` when it is one: relative,
 * `/`-separated, no empty, `.` or `..` segment, no `\`, NUL or other control character.
 * The hub applies it to decoded URL paths too, so it must stay free of I/O.
 */
export function artifactPathProblem(path: string): string | undefined {
  if (path.length === 0) return EMPTY_ARTIFACT_PATH;
  if (path.length > MAX_ARTIFACT_PATH_CHARS) return LONG_ARTIFACT_PATH;
  if (CONTROL_CHARACTER.test(path))
    return 'an artifact path must not contain NUL or other control characters';
  if (path.includes('\\')) return 'an artifact path uses "/" as its separator, never "\\"';
  if (path.startsWith('/') || DRIVE_LETTER.test(path))
    return "an artifact path must be relative to the job's artifacts folder";
  for (const segment of path.split('/')) {
    if (segment === '')
      return 'an artifact path must not contain an empty segment ("//" or a trailing "/")';
    if (segment === '.' || segment === '..')
      return 'an artifact path must not contain "." or ".." segments';
    if (segment.length > MAX_ARTIFACT_SEGMENT_CHARS)
      return `each segment of an artifact path has at most ${String(MAX_ARTIFACT_SEGMENT_CHARS)} characters`;
  }
  return undefined;
}

/** A file's path inside a job's artifacts folder, e.g. `reports/summary.html`. */
export const ArtifactPath = z
  .string()
  // The length bounds repeat the check below so that the JSON Schema export carries them.
  .min(1, { error: EMPTY_ARTIFACT_PATH, abort: true })
  .max(MAX_ARTIFACT_PATH_CHARS, { error: LONG_ARTIFACT_PATH, abort: true })
  .superRefine((path, ctx) => {
    const problem = artifactPathProblem(path);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });
export type ArtifactPath = z.infer<typeof ArtifactPath>;
