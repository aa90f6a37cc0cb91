import { describe, expect, it } from 'vitest';
import { parseCli } from './args.js';

describe('parseCli', () => {
  it('fills the documented defaults', () => {
    expect(parseCli([], {})).toEqual({
      kind: 'serve',
      options: {
        host: '127.0.0.1',
        port: 8765,
        portFallback: true,
        dataDir: '.sidecast',
        python: 'python3',
        jobs: [],
        eager: false,
        reload: false,
        workers: 4,
        jobTimeoutS: undefined,
        workerMaxRssMb: undefined,
        token: undefined,
        allowOrigins: [],
        allowHosts: [],
        readyJson: false,
        open: false,
      },
    });
  });

  it('takes --reload, and a leading -- as pnpm start -- hands it on', () => {
    const parsed = parseCli(['--', '--reload', '--jobs', 'my_jobs.py'], {});
    expect(parsed.kind === 'serve' && parsed.options).toMatchObject({
      reload: true,
      jobs: ['my_jobs.py'],
    });
  });

  it('reads SIDECAST_PYTHON, SIDECAST_TOKEN and SIDECAST_DATA_DIR, and flags win over them', () => {
    const env = {
      SIDECAST_PYTHON: '/opt/py',
      SIDECAST_TOKEN: 'a'.repeat(32),
      SIDECAST_DATA_DIR: '/d',
    };
    const fromEnv = parseCli([], env);
    expect(fromEnv.kind === 'serve' && fromEnv.options).toMatchObject({
      python: '/opt/py',
      token: 'a'.repeat(32),
      dataDir: '/d',
    });
    const flags = parseCli(['--python', 'py', '--data-dir', 'here'], env);
    expect(flags.kind === 'serve' && flags.options).toMatchObject({
      python: 'py',
      dataDir: 'here',
    });
  });

  it('takes repeatable flags and an explicit port without fallback', () => {
    const command = parseCli(
      [
        '--jobs',
        'a.py',
        '--jobs',
        'pkg.mod',
        '--allow-origin',
        'https://x.example',
        '--allow-host',
        'box:9000',
        '--port',
        '0',
        '--eager',
        '--ready-json',
      ],
      {},
    );
    expect(command.kind === 'serve' && command.options).toMatchObject({
      jobs: ['a.py', 'pkg.mod'],
      allowOrigins: ['https://x.example'],
      allowHosts: ['box:9000'],
      port: 0,
      portFallback: false,
      eager: true,
      readyJson: true,
    });
  });

  it.each([
    [['--port', '70000'], '--port must be at most 65535'],
    [['--port', 'http'], '--port must be a whole number from 0 to 65535'],
    [['--workers', '0'], '--workers must be at least 1'],
    [['--job-timeout', 'soon'], '--job-timeout must be a number of seconds'],
    [['--job-timeout', '0'], '--job-timeout must be more than 0 seconds'],
    [['--worker-max-rss', 'lots'], '--worker-max-rss must be a whole number'],
    [['--max-concurrency', '4'], '--max-concurrency is gone'],
    [['--token', 'short'], '--token must be 16 to 512 characters'],
    [['--allow-origin', 'https://x.example/path'], '--allow-origin must be an origin'],
    [['--allow-host', 'box'], '--allow-host must be host:port'],
    [['--colour'], "Unknown option '--colour'"],
    [['serve'], 'Unexpected argument'],
  ])('explains %j', (argv, message) => {
    const command = parseCli(argv, {});
    expect(command.kind).toBe('error');
    expect(command.kind === 'error' && command.message).toContain(message);
  });

  it('joins a cluster with --redis (or SIDECAST_REDIS_URL), --cluster and --advertise', () => {
    const token = 'c'.repeat(32);
    const parsed = parseCli(
      ['--redis', 'redis://127.0.0.1:6379/2', '--cluster', 'team-a', '--token', token],
      {},
    );
    expect(parsed.kind === 'serve' && parsed.options.redis).toEqual({
      url: 'redis://127.0.0.1:6379/2',
      cluster: 'team-a',
      advertise: undefined,
      serveOnly: false,
    });
    const fromEnv = parseCli(['--advertise', 'http://10.0.0.5:8765', '--serve-only'], {
      SIDECAST_REDIS_URL: 'redis://cache:6379',
      SIDECAST_TOKEN: token,
    });
    expect(fromEnv.kind === 'serve' && fromEnv.options.redis).toEqual({
      url: 'redis://cache:6379',
      cluster: 'sidecast',
      advertise: 'http://10.0.0.5:8765',
      serveOnly: true,
    });
  });

  it.each([
    [['--redis', 'localhost:6379', '--token', 'c'.repeat(32)], '--redis must be a Redis URL'],
    [['--redis', 'redis://127.0.0.1:6379'], '--redis needs --token'],
    [['--cluster', 'x'], '--cluster needs --redis'],
    [['--serve-only'], '--serve-only needs --redis'],
    [
      ['--redis', 'redis://h:1', '--token', 'c'.repeat(32), '--cluster', 'a b'],
      '--cluster must be',
    ],
  ])('explains the cluster flags %j', (argv, message) => {
    const command = parseCli(argv, {});
    expect(command.kind === 'error' && command.message).toContain(message);
  });

  it('answers --help and --version', () => {
    expect(parseCli(['--help'], {})).toEqual({ kind: 'help', topic: undefined });
    expect(parseCli(['-v'], {})).toEqual({ kind: 'version' });
  });
});
