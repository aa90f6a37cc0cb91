/**
 * The command line of `sidecast` (the hub): flags parsed by `node:util`, then checked with
 * zod so that every mistake gets one sentence naming the flag.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { LIMITS } from '@sidecast/protocol';
import { DEFAULT_DATA_DIR, DEFAULT_HUB_OPTIONS } from '../hub.js';
import { DEFAULT_CLUSTER } from '../store/open-store.js';
import { envValue } from './env.js';
import { parseViewerCli, type ViewerCommand, type ViewerKind } from './viewer-args.js';

const wholeNumber = (min: number, max: number): z.ZodType<number, string> =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number from ${String(min)} to ${String(max)}`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, `must be at least ${String(min)}`)
        .max(max, `must be at most ${String(max)}`),
    );

const seconds: z.ZodType<number, string> = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a number of seconds, e.g. 600 or 2.5')
  .transform(Number)
  .pipe(z.number().positive('must be more than 0 seconds'));

/** What a person may type after `sidecast`; each field names its flag. */
const CliFlags = z.object({
  host: z.string().min(1, 'must name an interface, e.g. 127.0.0.1'),
  port: wholeNumber(0, 65_535).optional(),
  'data-dir': z.string().min(1, 'must name a folder'),
  python: z.string().min(1, 'must name a Python interpreter'),
  jobs: z.array(z.string().min(1, 'must name a module or a file')),
  eager: z.boolean(),
  reload: z.boolean(),
  workers: wholeNumber(1, 256),
  'job-timeout': seconds.optional(),
  'worker-max-rss': wholeNumber(1, 1_048_576).optional(),
  token: z
    .string()
    .regex(/^[A-Za-z0-9._~-]{16,512}$/, 'must be 16 to 512 characters from A-Z a-z 0-9 . _ ~ -')
    .optional(),
  'allow-origin': z.array(
    z
      .string()
      .regex(
        /^[a-z][a-z0-9+.-]*:\/\/[^/\s?#]+$/i,
        'must be an origin such as https://app.example:8443',
      ),
  ),
  'allow-host': z.array(
    z.string().regex(/^[^\s/:]+:\d{1,5}$|^\[[0-9a-f:]+\]:\d{1,5}$/i, 'must be host:port'),
  ),
  'ready-json': z.boolean(),
  open: z.boolean(),
  redis: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must be a Redis URL such as redis://127.0.0.1:6379')
    .optional(),
  cluster: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1 to 64 characters from A-Z a-z 0-9 _ . -')
    .optional(),
  'serve-only': z.boolean(),
  advertise: z
    .string()
    .regex(/^https?:\/\/[^/\s?#]+$/, 'must be an address such as http://10.0.0.5:8765')
    .optional(),
});

export interface CliOptions {
  host: string;
  port: number;
  /** True when no port was given: a busy default moves on to the next free one. */
  portFallback: boolean;
  dataDir: string;
  python: string;
  jobs: string[];
  eager: boolean;
  /** Watch the `--jobs` files and reload the workers when they change. */
  reload: boolean;
  /** Worker processes in the pool, each running one job at a time. */
  workers: number;
  /** Seconds a job may run when its type sets no timeout. */
  jobTimeoutS: number | undefined;
  /** MB of RSS above which a worker is replaced after a job. */
  workerMaxRssMb: number | undefined;
  token: string | undefined;
  allowOrigins: string[];
  allowHosts: string[];
  readyJson: boolean;
  /** Open the app once the hub is ready (an app-mode Chromium window, else the browser). */
  open: boolean;
  /** Join the cluster on this Redis (DESIGN §11) instead of keeping jobs in the data dir. */
  redis:
    { url: string; cluster: string; advertise: string | undefined; serveOnly: boolean } | undefined;
}

export type CliCommand =
  | { kind: 'serve'; options: CliOptions }
  | { kind: 'help'; topic: ViewerKind | undefined }
  | { kind: 'version' }
  | Exclude<ViewerCommand, { kind: 'error' }>
  | { kind: 'error'; message: string };

/** The hub's flags, or `run`/`logs` and theirs. */
export function parseCli(given: readonly string[], env: NodeJS.ProcessEnv): CliCommand {
  // `pnpm start -- --jobs x.py` hands the `--` on; it separates nothing here.
  const argv = given[0] === '--' ? given.slice(1) : given;
  const [first, ...rest] = argv;
  if (first === 'run' || first === 'logs' || first === 'reload') {
    if (rest.includes('--help') || rest.includes('-h')) return { kind: 'help', topic: first };
    return parseViewerCli(first, rest, env);
  }
  return parseServeCli(argv, env);
}

function parseServeCli(argv: readonly string[], env: NodeJS.ProcessEnv): CliCommand {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string', default: DEFAULT_HUB_OPTIONS.host },
        port: { type: 'string' },
        'data-dir': {
          type: 'string',
          default: envValue(env, 'SIDECAST_DATA_DIR') ?? DEFAULT_DATA_DIR,
        },
        python: { type: 'string', default: envValue(env, 'SIDECAST_PYTHON') ?? 'python3' },
        jobs: { type: 'string', multiple: true, default: [] },
        eager: { type: 'boolean', default: false },
        reload: { type: 'boolean', default: false },
        workers: { type: 'string', default: String(LIMITS.defaultWorkers) },
        'job-timeout': { type: 'string' },
        'worker-max-rss': { type: 'string' },
        token: { type: 'string', default: envValue(env, 'SIDECAST_TOKEN') },
        'allow-origin': { type: 'string', multiple: true, default: [] },
        'allow-host': { type: 'string', multiple: true, default: [] },
        'ready-json': { type: 'boolean', default: false },
        open: { type: 'boolean', default: false },
        redis: { type: 'string', default: envValue(env, 'SIDECAST_REDIS_URL') },
        cluster: { type: 'string' },
        advertise: { type: 'string' },
        'serve-only': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    }));
  } catch (error) {
    const message = (error as Error).message;
    if (message.includes("'--max-concurrency'"))
      return {
        kind: 'error',
        message:
          '--max-concurrency is gone: every job now runs in a worker process of its own; ' +
          'use --workers N for how many run at once',
      };
    return { kind: 'error', message };
  }
  if (values.help === true) return { kind: 'help', topic: undefined };
  if (values.version === true) return { kind: 'version' };
  const parsed = CliFlags.safeParse(values);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const flag = String(first?.path[0] ?? '');
    return { kind: 'error', message: `--${flag} ${first?.message ?? 'is not valid'}` };
  }
  const flags = parsed.data;
  const redis = flags.redis;
  const clusterOnly = [
    flags.cluster === undefined ? undefined : 'cluster',
    flags.advertise === undefined ? undefined : 'advertise',
    flags['serve-only'] ? 'serve-only' : undefined,
  ].find((flag) => flag !== undefined);
  if (redis === undefined && clusterOnly !== undefined)
    return { kind: 'error', message: `--${clusterOnly} needs --redis URL (or SIDECAST_REDIS_URL)` };
  if (redis !== undefined && flags.token === undefined)
    return {
      kind: 'error',
      message: '--redis needs --token (or SIDECAST_TOKEN): every hub of a cluster shares one token',
    };
  return {
    kind: 'serve',
    options: {
      host: flags.host,
      port: flags.port ?? DEFAULT_HUB_OPTIONS.port,
      portFallback: flags.port === undefined,
      dataDir: flags['data-dir'],
      python: flags.python,
      jobs: flags.jobs,
      eager: flags.eager,
      reload: flags.reload,
      workers: flags.workers,
      jobTimeoutS: flags['job-timeout'],
      workerMaxRssMb: flags['worker-max-rss'],
      token: flags.token,
      allowOrigins: flags['allow-origin'],
      allowHosts: flags['allow-host'],
      readyJson: flags['ready-json'],
      open: flags.open,
      redis:
        redis === undefined
          ? undefined
          : {
              url: redis,
              cluster: flags.cluster ?? DEFAULT_CLUSTER,
              advertise: flags.advertise,
              serveOnly: flags['serve-only'],
            },
    },
  };
}
