/**
 * The command lines of the terminal viewer: `sidecast run <jobType> [--param k=v …]
 * [--follow]`, `sidecast logs <jobId> [--follow]` and `sidecast reload`.
 */
import { parseArgs } from 'node:util';
import { JobId, JobTypeName, type JsonValue, type Params } from '@sidecast/protocol';
import { DEFAULT_DATA_DIR } from '../hub.js';
import { envValue } from './env.js';

/** Where the hub is: `--url` and `--token`, or the data dir's `hub.json`. */
export interface HubAddress {
  url: string | undefined;
  token: string | undefined;
  dataDir: string;
}

export type ViewerCommand =
  | { kind: 'run'; jobType: string; params: Params; follow: boolean; hub: HubAddress }
  | { kind: 'logs'; jobId: string; follow: boolean; hub: HubAddress }
  | { kind: 'reload'; hub: HubAddress }
  | { kind: 'error'; message: string };

export type ViewerKind = 'run' | 'logs' | 'reload';

const USAGE: Record<ViewerKind, string> = {
  run: 'sidecast run <jobType> [--param name=value …] [--follow]',
  logs: 'sidecast logs <jobId> [--follow]',
  reload: 'sidecast reload',
};

export function parseViewerCli(
  kind: ViewerKind,
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): ViewerCommand {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        param: { type: 'string', short: 'p', multiple: true, default: [] },
        follow: { type: 'boolean', short: 'f', default: false },
        url: { type: 'string' },
        token: { type: 'string', default: envValue(env, 'SIDECAST_TOKEN') },
        'data-dir': {
          type: 'string',
          default: envValue(env, 'SIDECAST_DATA_DIR') ?? DEFAULT_DATA_DIR,
        },
      },
    });
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
  const { values, positionals } = parsed;
  const hub: HubAddress = {
    url: values.url as string | undefined,
    token: values.token as string | undefined,
    dataDir: values['data-dir'] as string,
  };
  const follow = values.follow === true;
  if (kind === 'reload') {
    if (positionals.length > 0 || follow || (values.param as string[]).length > 0)
      return { kind: 'error', message: `usage: ${USAGE.reload}` };
    return { kind: 'reload', hub };
  }
  const [target, ...extra] = positionals;
  if (target === undefined || extra.length > 0)
    return { kind: 'error', message: `usage: ${USAGE[kind]}` };
  if (kind === 'logs') {
    if (!JobId.safeParse(target).success)
      return { kind: 'error', message: `"${target}" is not a job id` };
    if ((values.param as string[]).length > 0)
      return { kind: 'error', message: '--param is for sidecast run' };
    return { kind: 'logs', jobId: target, follow, hub };
  }
  if (!JobTypeName.safeParse(target).success)
    return { kind: 'error', message: `"${target}" is not a job type name` };
  const params: Params = {};
  for (const param of values.param as string[]) {
    const equals = param.indexOf('=');
    if (equals < 1) return { kind: 'error', message: `--param ${param} must be name=value` };
    const name = param.slice(0, equals);
    if (name === '__proto__') return { kind: 'error', message: '--param __proto__ is not allowed' };
    params[name] = paramValue(param.slice(equals + 1));
  }
  return { kind: 'run', jobType: target, params, follow, hub };
}

/**
 * A value as JSON when it reads as JSON (`100`, `true`, `["a","b"]`, `"007"`), as a string
 * otherwise, like `gh api -F`. Quote it as a JSON string to keep `100` a string.
 */
function paramValue(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}
