/** How a stored event changes a job's record: the one rule every store and hub applies. */
import { isTerminalState, type Job, type StoredEvent } from '@sidecast/protocol';

/** The record after `event`; the same object when only the head moves and `moveHead` is false. */
export function foldEvent(record: Job, event: StoredEvent, moveHead = true): Job {
  switch (event.kind) {
    case 'log':
    case 'progress':
    case 'artifact':
    case 'data':
    case 'input':
      return moveHead ? { ...record, head: event.seq } : record;
    case 'status': {
      const next = { ...record, head: event.seq, state: event.state };
      if (event.state === 'running') next.startedAt = event.ts;
      if (isTerminalState(event.state)) next.endedAt = event.ts;
      if (event.state === 'failed' && next.error === undefined)
        next.error = { message: event.reason ?? 'the job failed' };
      return next;
    }
    case 'result':
      return { ...record, head: event.seq, result: event.value };
    case 'error':
      return {
        ...record,
        head: event.seq,
        error:
          event.traceback === undefined
            ? { message: event.message }
            : { message: event.message, traceback: event.traceback },
      };
    default:
      return event satisfies never;
  }
}
