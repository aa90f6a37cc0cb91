import { describe, expect, it } from 'vitest';
import { Conversation } from './conversation.js';

describe('Conversation', () => {
  describe('#jobStreamed', () => {
    it('joins what the job streams into one reply under the message it took', () => {
      const conversation = new Conversation();
      conversation.viewerSent('hi');
      conversation.jobTook(1);
      conversation.jobStreamed('Hello ');
      conversation.jobStreamed('there.');
      expect(conversation.turns).toEqual([
        { from: 'viewer', text: 'hi' },
        { from: 'job', text: 'Hello there.' },
      ]);
    });

    it('keeps a reply whole when messages are sent while it streams', () => {
      const conversation = new Conversation();
      conversation.viewerSent('one');
      conversation.jobTook(1);
      conversation.jobStreamed('First ');
      conversation.viewerSent('two');
      conversation.viewerSent('three');
      conversation.jobStreamed('answer.');
      conversation.jobTook(2);
      conversation.jobStreamed('Second.');
      conversation.jobTook(3);
      conversation.jobStreamed('Third.');
      expect(conversation.turns.map(({ text }) => text)).toEqual([
        'one',
        'First answer.',
        'two',
        'Second.',
        'three',
        'Third.',
      ]);
    });

    it('leaves out what the job streamed before any message', () => {
      const conversation = new Conversation();
      conversation.jobStreamed('Nobody asked.');
      conversation.viewerSent('hi');
      expect(conversation.turns).toEqual([{ from: 'viewer', text: 'hi' }]);
    });

    it('counts a message as taken when sent, for a job that never says', () => {
      const conversation = new Conversation();
      conversation.viewerSent('hi');
      conversation.jobStreamed('Hello.');
      conversation.viewerSent('again');
      conversation.jobStreamed('Yes.');
      expect(conversation.turns.map(({ from }) => from)).toEqual([
        'viewer',
        'job',
        'viewer',
        'job',
      ]);
    });
  });
});
