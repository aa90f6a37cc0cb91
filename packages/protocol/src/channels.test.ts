import { describe, expect, it } from 'vitest';
import { jobChannel, kindFitsChannel, parseChannel } from './channels.js';

describe('channels', () => {
  describe('#parseChannel', () => {
    it('takes a job channel apart', () => {
      expect(parseChannel('job:j_1')).toEqual({ kind: 'job', jobId: 'j_1' });
    });

    it('knows the jobs and sidecar channels', () => {
      expect(parseChannel('jobs')).toEqual({ kind: 'jobs' });
      expect(parseChannel('sidecar')).toEqual({ kind: 'sidecar' });
    });

    it('returns undefined for anything else', () => {
      for (const name of ['', 'job:', 'job:a/b', 'job:j1 ', 'Jobs', 'jobs:1'])
        expect(parseChannel(name), name).toBeUndefined();
    });
  });

  describe('#jobChannel', () => {
    it('builds the name parseChannel takes apart', () => {
      expect(parseChannel(jobChannel('j-9'))).toEqual({ kind: 'job', jobId: 'j-9' });
    });
  });

  describe('#kindFitsChannel', () => {
    it('puts job events on job channels only', () => {
      expect(kindFitsChannel('log', 'job:j1')).toBe(true);
      expect(kindFitsChannel('log', 'jobs')).toBe(false);
      expect(kindFitsChannel('log', 'sidecar')).toBe(false);
    });

    it('puts job changes on jobs and supervisor changes on sidecar', () => {
      expect(kindFitsChannel('job', 'jobs')).toBe(true);
      expect(kindFitsChannel('job', 'job:j1')).toBe(false);
      expect(kindFitsChannel('sidecar', 'sidecar')).toBe(true);
      expect(kindFitsChannel('sidecar', 'jobs')).toBe(false);
    });
  });
});
