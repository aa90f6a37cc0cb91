/**
 * One job as its events describe it: the log lines, state, progress, artifacts, data
 * streams, conversation, result and error. Plain objects, built incrementally, so a job of
 * 100,000 lines costs one pass over its events; the store makes the summary reactive and
 * keeps the lines out of Vue's reach.
 */
import {
  isTerminal,
  type JobFailure,
  type JobState,
  type JsonValue,
  type LogLevel,
  type LogStream,
  RUNTIME_DATA_NAMES,
  type StoredEvent,
} from '@sidecast/protocol';
import { Conversation, type Turn } from './conversation.js';

export type { Turn };

/** One row of the log view; `number` counts log lines from 1. */
export interface LogLine {
  number: number;
  seq: number;
  ts: number;
  stream: LogStream;
  level: LogLevel;
  text: string;
}

export interface Progress {
  current: number;
  total: number | undefined;
  message: string | undefined;
}

export interface Artifact {
  path: string;
  size: number;
  contentType: string | undefined;
}

/** One `data` name's events: strings joined into text (streamed tokens), anything else kept. */
export interface DataStream {
  name: string;
  text: string;
  values: JsonValue[];
  count: number;
  /** Whether its text went into the conversation (which then shows it). */
  inConversation: boolean;
}

/** How many non-text values a data stream keeps for the side panel. */
export const KEPT_DATA_VALUES = 50;

export class Timeline {
  readonly lines: LogLine[] = [];
  state: JobState | undefined;
  reason: string | undefined;
  startedAt: number | undefined;
  endedAt: number | undefined;
  progress: Progress | undefined;
  readonly artifacts = new Map<string, Artifact>();
  readonly data = new Map<string, DataStream>();
  private readonly chat = new Conversation();
  hasResult = false;
  result: JsonValue | undefined;
  error: JobFailure | undefined;
  /** The newest seq applied. */
  head = 0;

  apply(events: readonly StoredEvent[]): void {
    for (const event of events) this.applyOne(event);
  }

  private applyOne(event: StoredEvent): void {
    this.head = event.seq;
    switch (event.kind) {
      case 'status':
        this.state = event.state;
        this.reason = event.reason;
        if (event.state === 'running') this.startedAt ??= event.ts;
        if (isTerminal(event)) this.endedAt = event.ts;
        return;
      case 'log':
        this.lines.push({
          number: this.lines.length + 1,
          seq: event.seq,
          ts: event.ts,
          stream: event.stream,
          level: event.level,
          text: event.text,
        });
        return;
      case 'progress':
        this.progress = { current: event.current, total: event.total, message: event.message };
        return;
      case 'artifact':
        this.artifacts.set(event.path, {
          path: event.path,
          size: event.size,
          contentType: event.contentType,
        });
        return;
      case 'data':
        this.addData(event.name, event.data);
        return;
      case 'input':
        this.chat.viewerSent(textOf(event.data));
        return;
      case 'result':
        this.hasResult = true;
        this.result = event.value;
        return;
      case 'error':
        this.error = { message: event.message, traceback: event.traceback };
        return;
    }
  }

  get conversation(): readonly Turn[] {
    return this.chat.turns;
  }

  private addData(name: string, value: JsonValue): void {
    if (name === RUNTIME_DATA_NAMES.inputRead) {
      if (typeof value === 'number') this.chat.jobTook(value);
      return;
    }
    let stream = this.data.get(name);
    if (stream === undefined) {
      stream = { name, text: '', values: [], count: 0, inConversation: false };
      this.data.set(name, stream);
    }
    stream.count += 1;
    if (typeof value !== 'string') {
      stream.values.push(value);
      if (stream.values.length > KEPT_DATA_VALUES) stream.values.shift();
      return;
    }
    stream.text += value;
    // Text streamed once a viewer spoke is the job's reply, as a chat shows it.
    if (this.chat.turns.length > 0) stream.inConversation = true;
    this.chat.jobStreamed(value);
  }
}

/** What a viewer sent, as a person reads it: a string as is, `{text}` by its text, else JSON. */
export function textOf(data: JsonValue): string {
  if (typeof data === 'string') return data;
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    const { text } = data;
    if (typeof text === 'string') return text;
  }
  return JSON.stringify(data);
}
