/**
 * Job events (DESIGN §3.1): what a job's channel carries. The sidecar sends a `JobEvent`;
 * the hub numbers it and stores and streams it as a `StoredEvent`.
 */
import { z } from 'zod';
import { ArtifactPath, JsonValue, Seq, Timestamp } from './primitives.js';

/** Where a job is in its life: queued → running → completed | failed | cancelled. */
export const JobState = z.enum(['queued', 'running', 'completed', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobState>;

/** The states a job never leaves. */
export const TerminalState = JobState.extract(['completed', 'failed', 'cancelled']);
export type TerminalState = z.infer<typeof TerminalState>;

/** Which output a log line came from: the job's stdout, its stderr, or `ctx.log`. */
export const LogStream = z.enum(['stdout', 'stderr', 'log']);
export type LogStream = z.infer<typeof LogStream>;

/** How much a log line matters. */
export const LogLevel = z.enum(['debug', 'info', 'warning', 'error']);
export type LogLevel = z.infer<typeof LogLevel>;

/** Why a job failed: the exception's message and, from Python, its traceback. */
export const JobFailure = z.object({
  message: z.string(),
  traceback: z.string().optional(),
});
export type JobFailure = z.infer<typeof JobFailure>;

/** Fields every job event carries. */
const EventBase = z.object({ ts: Timestamp });

/** The job entered `state`; `reason` says why it failed or was cancelled. */
export const StatusEvent = EventBase.extend({
  kind: z.literal('status'),
  state: JobState,
  reason: z.string().optional(),
});

/** One line of output, without its newline. */
export const LogEvent = EventBase.extend({
  kind: z.literal('log'),
  stream: LogStream,
  level: LogLevel,
  text: z.string().regex(/^[^\n]*$/, 'a log event carries one line: no "\\n"'),
});

/** How far the job has got: `current` of `total` (when known), with an optional message. */
export const ProgressEvent = EventBase.extend({
  kind: z.literal('progress'),
  current: z.number().nonnegative(),
  total: z.number().nonnegative().optional(),
  message: z.string().optional(),
});

/** The job wrote a file to its artifacts folder. */
export const ArtifactEvent = EventBase.extend({
  kind: z.literal('artifact'),
  path: ArtifactPath,
  size: z.int().min(0),
  contentType: z.string().min(1).max(255).optional(),
});

/** An app-defined payload, e.g. a streamed `token` or a `tool_call`. */
export const DataEvent = EventBase.extend({
  kind: z.literal('data'),
  name: z.string().min(1).max(128),
  data: JsonValue,
});

/**
 * The `data` names the runtime sends itself; a job's own names never start with `sidecast.`.
 * `inputRead` (data: n) says the job took its n-th input (1-based), so a viewer can tell
 * which message the text streamed after it answers, however many were sent meanwhile.
 */
export const RUNTIME_DATA_NAMES = { inputRead: 'sidecast.input_read' } as const;

/** Input a viewer sent to an interactive job, recorded so every viewer sees it. */
export const InputEvent = EventBase.extend({
  kind: z.literal('input'),
  data: JsonValue,
});

/** The job's return value. */
export const ResultEvent = EventBase.extend({
  kind: z.literal('result'),
  value: JsonValue,
});

/** The exception that ended the job. */
export const ErrorEvent = EventBase.extend({ kind: z.literal('error'), ...JobFailure.shape });

/** A job event as the sidecar emits it, before the hub numbers it. */
export const JobEvent = z.discriminatedUnion('kind', [
  StatusEvent,
  LogEvent,
  ProgressEvent,
  ArtifactEvent,
  DataEvent,
  InputEvent,
  ResultEvent,
  ErrorEvent,
]);
export type JobEvent = z.infer<typeof JobEvent>;

/** The seq the hub gives each event it stores. */
const Numbered = { seq: Seq };

/** A job event as the hub stores, replays and streams it. */
export const StoredEvent = z.discriminatedUnion('kind', [
  StatusEvent.extend(Numbered),
  LogEvent.extend(Numbered),
  ProgressEvent.extend(Numbered),
  ArtifactEvent.extend(Numbered),
  DataEvent.extend(Numbered),
  InputEvent.extend(Numbered),
  ResultEvent.extend(Numbered),
  ErrorEvent.extend(Numbered),
]);
export type StoredEvent = z.infer<typeof StoredEvent>;

/** Whether a job in `state` is finished for good. */
export function isTerminalState(state: JobState): state is TerminalState {
  return TerminalState.options.includes(state as TerminalState);
}

/** Whether `event` is the terminal `status` that ends every job's log. */
export function isTerminal<E extends JobEvent>(
  event: E,
): event is Extract<E, { kind: 'status' }> & { state: TerminalState } {
  return event.kind === 'status' && isTerminalState(event.state);
}
