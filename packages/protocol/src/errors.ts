/** The one error vocabulary of every wire: stable codes, field-level issues, REST bodies. */
import { z } from 'zod';

/** A stable, documented reason for a failure; clients branch on it, people read `message`. */
export const ErrorCode = z.enum([
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'invalid_params',
  'too_large',
  'rate_limited',
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** One problem with one field of a request, located by its path (`["params", "lines"]`). */
export const Issue = z.object({
  path: z.array(z.union([z.string(), z.int()])),
  message: z.string(),
});
export type Issue = z.infer<typeof Issue>;

/** What went wrong: a stable code, a sentence for people, and per-field issues where known. */
export const ErrorInfo = z.object({
  code: ErrorCode,
  message: z.string().min(1),
  issues: z.array(Issue).optional(),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

/** The body of every REST error response. */
export const ErrorBody = z.object({ error: ErrorInfo });
export type ErrorBody = z.infer<typeof ErrorBody>;
