/** The one error type the client rejects with: a stable `code`, and the hub's issues if any. */
import type { ErrorCode, ErrorInfo, Issue } from '@sidecast/protocol';

/** The hub's codes, plus the client's own for what happens on its side of the wire. */
export type ClientErrorCode =
  | ErrorCode
  /** No answer within the request timeout. */
  | 'timeout'
  /** The connection dropped after the command was sent: it may or may not have run. */
  | 'connection_lost'
  /** The client was closed. */
  | 'closed';

export class ClientError extends Error {
  readonly issues: Issue[] | undefined;

  constructor(
    readonly code: ClientErrorCode,
    message: string,
    issues?: Issue[],
  ) {
    super(message);
    this.name = 'ClientError';
    this.issues = issues;
  }

  /** A `nack`'s error as a `ClientError`. */
  static from(info: ErrorInfo): ClientError {
    return new ClientError(info.code, info.message, info.issues);
  }
}
