/**
 * What a form holds for each field (text for text and number inputs, so a half-typed
 * number is not lost; a flag; a list), and the params it turns into, with one sentence per
 * field that cannot be sent.
 */
import type { Issue, JsonValue, Params } from '@sidecast/protocol';
import type { Field } from './fields.js';

export type FormValue = string | boolean | string[];
export type FormValues = Record<string, FormValue>;
export type FieldErrors = Record<string, string>;

export type FormResult = { ok: true; params: Params } | { ok: false; errors: FieldErrors };

/**
 * A form filled with `params` (a job's, to run it again edited), the defaults where a
 * field has none; params of no field are dropped, since the form could not show them.
 */
export function valuesFromParams(fields: readonly Field[], params: Params): FormValues {
  return Object.fromEntries(
    fields.map((field) => {
      const given = Object.hasOwn(params, field.name) ? params[field.name] : undefined;
      return [field.name, initialValue(given === undefined ? field : { ...field, default: given })];
    }),
  );
}

/** The value a field starts with: its default, else empty. */
export function initialValue(field: Field): FormValue {
  const value = field.default;
  switch (field.kind) {
    case 'boolean':
      return value === true;
    case 'string-list':
      return Array.isArray(value)
        ? value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)))
        : [];
    case 'enum':
      return value === undefined ? '' : JSON.stringify(value);
    case 'json':
      return value === undefined ? '' : JSON.stringify(value, null, 2);
    case 'string':
    case 'number':
    case 'integer':
      if (value === undefined || value === null) return '';
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

export function initialValues(fields: readonly Field[]): FormValues {
  return Object.fromEntries(fields.map((field) => [field.name, initialValue(field)]));
}

/** The params to send, or why not. Empty optional fields are left out: their default applies. */
export function toParams(fields: readonly Field[], values: FormValues): FormResult {
  const params: Params = {};
  const errors: FieldErrors = {};
  for (const field of fields) {
    const outcome = read(field, values[field.name] ?? initialValue(field));
    if ('error' in outcome) errors[field.name] = outcome.error;
    else if (outcome.value !== undefined) params[field.name] = outcome.value;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, params };
}

type Outcome = { value: JsonValue | undefined } | { error: string };

function read(field: Field, value: FormValue): Outcome {
  if (field.kind === 'boolean') return { value: value === true };
  if (field.kind === 'string-list') {
    const items = (Array.isArray(value) ? value : []).filter((item) => item !== '');
    return items.length === 0 && !field.required ? { value: undefined } : { value: items };
  }
  const text = typeof value === 'string' ? value : '';
  if (text.trim() === '') return field.required ? { error: 'is required' } : { value: undefined };
  switch (field.kind) {
    case 'string':
      return matches(field, text)
        ? { value: text }
        : { error: `must match ${field.pattern ?? ''}` };
    case 'number':
    case 'integer':
      return readNumber(field, text.trim());
    case 'enum': {
      const option = field.options.find((candidate) => JSON.stringify(candidate) === text);
      return option === undefined ? { error: 'pick one of the options' } : { value: option };
    }
    case 'json':
      try {
        return { value: JSON.parse(text) as JsonValue };
      } catch {
        return { error: 'must be valid JSON' };
      }
  }
}

/** Whether `text` fits the field's `pattern`; a pattern this browser cannot read is the hub's to judge. */
function matches(field: Field, text: string): boolean {
  if (field.pattern === undefined) return true;
  try {
    return new RegExp(field.pattern, 'u').test(text);
  } catch {
    return true;
  }
}

function readNumber(field: Field, text: string): Outcome {
  const number = Number(text);
  if (!Number.isFinite(number)) return { error: 'must be a number' };
  if (field.kind === 'integer' && !Number.isInteger(number))
    return { error: 'must be a whole number' };
  if (field.minimum !== undefined && number < field.minimum)
    return { error: `must be at least ${String(field.minimum)}` };
  if (field.maximum !== undefined && number > field.maximum)
    return { error: `must be at most ${String(field.maximum)}` };
  return { value: number };
}

/**
 * The hub's `invalid_params` issues by field name (`["params", "lines"]` → `lines`); issues
 * about no particular field are under `""`.
 */
export function issuesByField(issues: readonly Issue[]): Record<string, string[]> {
  const byField: Record<string, string[]> = {};
  for (const { path, message } of issues) {
    const [first, second] = path;
    const name = String((first === 'params' ? second : first) ?? '');
    (byField[name] ??= []).push(message);
  }
  return byField;
}
