import { describe, expect, it } from 'vitest';
import { parseCli } from './args.js';
import { COMMAND_HELP } from './help.js';

describe('parseCli', () => {
  describe('run', () => {
    it('reads the job type, typed params, --follow and the hub address', () => {
      expect(
        parseCli(
          [
            'run',
            'demo.stream',
            '--param',
            'lines=100000',
            '-p',
            'rate=0',
            '-p',
            'name=x=y',
            '-p',
            'tags=["a"]',
            '--follow',
          ],
          { SIDECAST_DATA_DIR: '/d' },
        ),
      ).toEqual({
        kind: 'run',
        jobType: 'demo.stream',
        params: { lines: 100_000, rate: 0, name: 'x=y', tags: ['a'] },
        follow: true,
        hub: { url: undefined, token: undefined, dataDir: '/d' },
      });
    });

    it('keeps a value that is not JSON as a string, and a quoted number too', () => {
      const command = parseCli(
        ['run', 'files.checksum', '-p', 'root=/tmp', '-p', 'code="007"'],
        {},
      );
      expect(command).toMatchObject({ params: { root: '/tmp', code: '007' }, follow: false });
    });

    it.each([
      [['run'], 'usage: sidecast run'],
      [['run', 'a', 'b'], 'usage: sidecast run'],
      [['run', '9bad'], 'not a job type name'],
      [['run', 'demo.stream', '-p', 'lines'], 'must be name=value'],
      [['run', 'demo.stream', '-p', '=3'], 'must be name=value'],
      [['run', 'demo.stream', '-p', '__proto__=1'], '__proto__'],
      [['run', 'demo.stream', '--nope'], "Unknown option '--nope'"],
      [['logs', '../x'], 'not a job id'],
      [['logs', 'j1', '-p', 'a=1'], '--param is for sidecast run'],
    ])('refuses %j with one sentence', (argv, message) => {
      const command = parseCli(argv, {});
      expect(command.kind).toBe('error');
      expect(command.kind === 'error' ? command.message : '').toContain(message);
    });
  });

  describe('logs', () => {
    it('reads the job id, --follow, --url and --token', () => {
      expect(
        parseCli(['logs', 'j_1', '-f', '--url', 'http://127.0.0.1:9', '--token', 't'], {}),
      ).toEqual({
        kind: 'logs',
        jobId: 'j_1',
        follow: true,
        hub: { url: 'http://127.0.0.1:9', token: 't', dataDir: '.sidecast' },
      });
    });

    it('shows the help of the command itself for run --help, logs -h and reload --help', () => {
      expect(parseCli(['run', '--help'], {})).toEqual({ kind: 'help', topic: 'run' });
      expect(parseCli(['logs', '-h'], {})).toEqual({ kind: 'help', topic: 'logs' });
      expect(parseCli(['reload', '--help'], {})).toEqual({ kind: 'help', topic: 'reload' });
      expect(COMMAND_HELP.run).toMatch(/^Usage: sidecast run <jobType>/);
      expect(COMMAND_HELP.run).not.toContain('--workers');
    });
  });

  describe('reload', () => {
    it('takes the hub flags and nothing else', () => {
      expect(parseCli(['reload', '--data-dir', '/d'], {})).toEqual({
        kind: 'reload',
        hub: { url: undefined, token: undefined, dataDir: '/d' },
      });
      expect(parseCli(['reload', 'extra'], {})).toEqual({
        kind: 'error',
        message: 'usage: sidecast reload',
      });
    });
  });
});
