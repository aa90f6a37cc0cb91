import { describe, expect, it } from 'vitest';
import { jobMatches, paramsInBrief, shortId } from './job-label.js';

describe('paramsInBrief', () => {
  it('shows the first params shortly, and how many more there are', () => {
    expect(paramsInBrief({ lines: 100, rate: 0 })).toBe('lines=100 rate=0');
    expect(paramsInBrief({ root: '/a/very/long/path/that/goes/on/and/on', a: 1, b: 2, c: 3 })).toBe(
      'root=/a/very/long/path/that/… a=1 b=2 +1',
    );
    expect(paramsInBrief({})).toBe('');
  });
});

describe('jobMatches', () => {
  const job = { id: 'j1-abcdef', jobType: 'files.checksum', params: { root: '/srv/data' } };
  it('matches the title, type, id or params, ignoring case', () => {
    for (const query of ['checksum FILES', 'Files.', 'abcdef', '/srv', '', '  '])
      expect(jobMatches(job, 'Checksum files', query)).toBe(true);
    expect(jobMatches(job, 'Checksum files', 'demo')).toBe(false);
  });
});

describe('shortId', () => {
  it('keeps six characters of the random part', () => {
    expect(shortId('0mx6fkt2b-XRMI-ZDW51M')).toBe('XRMI-Z');
  });
});
