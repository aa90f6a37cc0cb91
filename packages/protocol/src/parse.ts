/**
 * Parsing at the edge: every inbound frame is decoded and validated exactly once, and a
 * bad one yields a result with a stable error code rather than an exception.
 */
import { z } from 'zod';
import { ClusterChange, ForwardedCommand, StoredJob } from './cluster.js';
import type { ErrorInfo, Issue } from './errors.js';
import { isLogEventsFrame } from './fast-frames.js';
import { scanStoredLogLine } from './fast-log-lines.js';
import { StoredEvent } from './events.js';
import { RequestId } from './primitives.js';
import { SidecarInbound, SidecarOutbound } from './sidecar-link.js';
import { ClientMessage, ServerMessage } from './socket.js';

const compiledSchemas = new WeakMap<z.ZodType, z.ZodType>();

/**
 * `schema`, compiled (`z.compile`) the first time it is needed, then reused: values are
 * checked by code generated for the schema instead of zod's interpreter, several times
 * faster, with the same results and errors. Compiling a union takes a few milliseconds, so
 * a process pays only for the schemas it uses. Where code cannot be generated (a page whose
 * CSP forbids `eval`), zod hands back the schema and it runs as before.
 */
function compiled<S extends z.ZodType>(schema: S): S {
  let fast = compiledSchemas.get(schema) as S | undefined;
  if (fast === undefined) {
    fast = z.compile(schema);
    compiledSchemas.set(schema, fast);
  }
  return fast;
}

/** Why a frame was refused; `id` is the command's id when the frame had a usable one. */
export interface ParseFailure extends ErrorInfo {
  code: 'bad_request';
  issues: Issue[];
  id?: RequestId;
}

/** A validated value, or why there is none. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ParseFailure };

const ISSUES_IN_MESSAGE = 3;

/** Zod's issues as protocol issues (symbol keys, which JSON cannot carry, become strings). */
export function toIssues(error: z.ZodError): Issue[] {
  return error.issues.map(({ path, message }) => ({
    path: path.map((key) => (typeof key === 'symbol' ? String(key) : key)),
    message,
  }));
}

function summarize(issues: Issue[]): string {
  const shown = issues
    .slice(0, ISSUES_IN_MESSAGE)
    .map(({ path, message }) => (path.length > 0 ? `${path.join('.')}: ${message}` : message));
  const more = issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? ` (and ${String(more)} more)` : '');
}

function requestIdOf(value: unknown): RequestId | undefined {
  if (typeof value !== 'object' || value === null || !('id' in value)) return undefined;
  const id = RequestId.safeParse(value.id);
  return id.success ? id.data : undefined;
}

/** Validate an already-decoded value (a REST body, say) against `schema`. */
export function check<S extends z.ZodType>(schema: S, value: unknown): ParseResult<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issues = toIssues(result.error);
  const id = requestIdOf(value);
  const error: ParseFailure = { code: 'bad_request', message: summarize(issues), issues };
  return { ok: false, error: id === undefined ? error : { ...error, id } };
}

const FORBIDDEN_KEY = '__proto__';

/**
 * Zod drops a `__proto__` key without a word and JavaScript cannot hold one as a plain key,
 * so a text that has one is refused rather than silently changed. The reviver is costly, so
 * it runs only when the key could be there (spelled out, or spelled with `\u00XX` escapes).
 */
function hasForbiddenKey(raw: string, value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (!raw.includes(FORBIDDEN_KEY) && !raw.includes('\\u00')) return false;
  let found = false;
  JSON.parse(raw, function (this: unknown, key: string, inner: unknown) {
    if (key === FORBIDDEN_KEY && Object.prototype.hasOwnProperty.call(this, key)) found = true;
    return inner;
  });
  return found;
}

/** Decode one JSON text; text that is not JSON, or holds a `__proto__` key, is refused. */
export function decodeJson(raw: string): ParseResult<unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: { code: 'bad_request', message: `not valid JSON: ${reason}`, issues: [] },
    };
  }
  if (hasForbiddenKey(raw, value)) {
    const error: ParseFailure = {
      code: 'bad_request',
      message: `"${FORBIDDEN_KEY}" is not allowed as an object key`,
      issues: [],
    };
    // A command refused for its keys is still answered by its id, not left to time out.
    const id = requestIdOf(value);
    return { ok: false, error: id === undefined ? error : { ...error, id } };
  }
  return { ok: true, value };
}

/** Decode one JSON text and validate it against `schema`. */
export function parseJson<S extends z.ZodType>(schema: S, raw: string): ParseResult<z.output<S>> {
  const decoded = decodeJson(raw);
  return decoded.ok ? check(schema, decoded.value) : decoded;
}

/** A WebSocket frame from a client, as the hub receives it. */
export const parseClientMessage = (raw: string): ParseResult<ClientMessage> =>
  parseJson(compiled(ClientMessage), raw);

/**
 * A WebSocket frame from the hub, as a client receives it. A frame of log lines (nearly every
 * frame of a busy job) is checked by hand, exactly as the schema would (`fast-frames.ts`).
 */
export function parseServerMessage(raw: string): ParseResult<ServerMessage> {
  const decoded = decodeJson(raw);
  if (!decoded.ok) return decoded;
  if (isLogEventsFrame(decoded.value)) return { ok: true, value: decoded.value };
  return check(compiled(ServerMessage), decoded.value);
}

/** A line on the sidecar's stdin, as the sidecar (or a test standing in for the hub) reads it. */
export const parseSidecarInbound = (raw: string): ParseResult<SidecarInbound> =>
  parseJson(compiled(SidecarInbound), raw);

/** A line on the sidecar's stdout, as the hub reads it. */
export const parseSidecarOutbound = (raw: string): ParseResult<SidecarOutbound> =>
  parseJson(compiled(SidecarOutbound), raw);

/**
 * A line of a job's `events.jsonl`, as the hub reloads it. A log line in the form the hub
 * writes (nearly every line of a big log) is checked by hand, exactly as the schema would.
 */
export function parseStoredEvent(raw: string): ParseResult<StoredEvent> {
  const scanned = scanStoredLogLine(raw);
  return scanned === undefined
    ? parseJson(compiled(StoredEvent), raw)
    : { ok: true, value: scanned };
}

/** A record change another hub published, as a hub of the cluster receives it. */
export const parseClusterChange = (raw: string): ParseResult<ClusterChange> =>
  parseJson(compiled(ClusterChange), raw);

/** A command another hub forwarded, as the hub running the job receives it. */
export const parseForwardedCommand = (raw: string): ParseResult<ForwardedCommand> =>
  parseJson(compiled(ForwardedCommand), raw);

/** A job as the cluster's Redis holds it. */
export const parseStoredJob = (raw: string): ParseResult<StoredJob> =>
  parseJson(compiled(StoredJob), raw);

/** A type guard that accepts exactly what `schema` accepts (checked by the compiled schema). */
export function guard<S extends z.ZodType>(schema: S): (value: unknown) => value is z.output<S> {
  return (value: unknown): value is z.output<S> => compiled(schema).safeParse(value).success;
}

/** Whether `value` is a valid client command. */
export const isClientMessage = guard(ClientMessage);
/** Whether `value` is a valid hub frame. */
export const isServerMessage = guard(ServerMessage);
/** Whether `value` is a valid hub → sidecar message. */
export const isSidecarInbound = guard(SidecarInbound);
/** Whether `value` is a valid sidecar → hub message. */
export const isSidecarOutbound = guard(SidecarOutbound);
