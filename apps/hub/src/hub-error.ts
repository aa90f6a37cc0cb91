/** The one error type the hub raises on purpose: a stable protocol code, a sentence, an HTTP status. */
import type { ErrorCode, ErrorInfo, Issue } from '@sidecast/protocol';

/** The HTTP status each code maps to when a route does not say otherwise. */
export const STATUS_OF_CODE: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_params: 422,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export class HubError extends Error {
  readonly status: number;
  readonly issues: Issue[] | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { status?: number; issues?: Issue[] } = {},
  ) {
    super(message);
    this.name = 'HubError';
    this.status = options.status ?? STATUS_OF_CODE[code];
    this.issues = options.issues;
  }

  /** The error as it goes on the wire. */
  toInfo(): ErrorInfo {
    return this.issues === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, issues: this.issues };
  }
}
