/**
 * Checks a job's params against its job type's JSON Schema before the job is queued, with
 * Ajv, and turns Ajv's findings into protocol issues a person can act on, one per field.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Issue, JobType, Params } from '@sidecast/protocol';
import { HubError } from '../hub-error.js';

export class ParamsValidator {
  // `format: "path"` is the sidecar's mark on `pathlib.Path` params: any string, for the form.
  private readonly ajv = new Ajv({ allErrors: true, strict: false, formats: { path: true } });
  private readonly compiled = new WeakMap<JobType, ValidateFunction>();

  /** Throws `invalid_params` (422) naming every field that is wrong. */
  check(jobType: JobType, params: Params): void {
    const validate = this.validatorFor(jobType);
    if (validate(params)) return;
    const issues = (validate.errors ?? []).map(toIssue);
    const summary = issues.map(
      ({ path, message }) => `${path.slice(1).join('.') || 'params'}: ${message}`,
    );
    throw new HubError(
      'invalid_params',
      `invalid params for ${jobType.name}: ${summary.join('; ')}`,
      {
        issues,
      },
    );
  }

  private validatorFor(jobType: JobType): ValidateFunction {
    let validate = this.compiled.get(jobType);
    if (validate === undefined) {
      try {
        validate = this.ajv.compile(jobType.params);
      } catch (error) {
        throw new HubError(
          'internal',
          `the params schema of ${jobType.name} cannot be used: ${(error as Error).message}`,
        );
      }
      this.compiled.set(jobType, validate);
    }
    return validate;
  }
}

function toIssue(error: ErrorObject): Issue {
  const path: (string | number)[] = ['params'];
  for (const segment of error.instancePath.split('/').slice(1)) {
    const key = segment.replaceAll('~1', '/').replaceAll('~0', '~');
    path.push(/^\d+$/.test(key) ? Number(key) : key);
  }
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: [...path, String(params.missingProperty)], message: 'is required' };
    case 'additionalProperties':
      return {
        path: [...path, String(params.additionalProperty)],
        message: 'is not a parameter of this job type',
      };
    case 'enum':
      return {
        path,
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'minimum':
      return { path, message: `must be at least ${String(params.limit)}` };
    case 'maximum':
      return { path, message: `must be at most ${String(params.limit)}` };
    case 'pattern':
      return { path, message: `must match ${String(params.pattern)}` };
    default:
      return { path, message: error.message ?? `fails ${error.keyword}` };
  }
}
