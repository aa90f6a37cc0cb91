import { describe, expect, it } from 'vitest';
import { queueEntries } from './claim-loop.js';

describe('queueEntries', () => {
  it('names the job of each entry and skips entries deleted from the stream', () => {
    expect(
      queueEntries([
        ['1-0', ['job', 'a']],
        ['2-0', null],
        ['3-0', ['other', 'x', 'job', 'b']],
      ]),
    ).toEqual([
      { entryId: '1-0', jobId: 'a' },
      { entryId: '3-0', jobId: 'b' },
    ]);
  });
});
