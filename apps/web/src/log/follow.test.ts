import { describe, expect, it } from 'vitest';
import { BOTTOM_SLACK_PX, Follow } from './follow.js';

const at = (scrollTop: number, scrollHeight = 2000, clientHeight = 400) => ({
  scrollTop,
  scrollHeight,
  clientHeight,
});

describe('Follow', () => {
  describe('#scrolled', () => {
    it('follows at first and keeps following at the bottom', () => {
      const follow = new Follow();
      follow.scrolled(at(1600), 100);
      expect(follow.following).toBe(true);
      expect(follow.unseen(150)).toBe(0);
    });

    it('pauses when the user scrolls up, and counts lines added since', () => {
      const follow = new Follow();
      follow.scrolled(at(1600), 100);
      follow.scrolled(at(900), 100);
      expect(follow.following).toBe(false);
      expect(follow.unseen(100)).toBe(0);
      expect(follow.unseen(137)).toBe(37);
    });

    it('does not pause for a move down or a small nudge near the bottom', () => {
      const follow = new Follow();
      follow.scrolled(at(500), 100);
      expect(follow.following).toBe(true);
      follow.scrolled(at(1600), 100);
      follow.scrolled(at(1600 - BOTTOM_SLACK_PX), 100);
      expect(follow.following).toBe(true);
    });

    it('resumes when the user reaches the bottom again', () => {
      const follow = new Follow();
      follow.scrolled(at(1600), 100);
      follow.scrolled(at(200), 100);
      follow.scrolled(at(1000), 120);
      expect(follow.following).toBe(false);
      follow.scrolled(at(1600), 120);
      expect(follow.following).toBe(true);
      expect(follow.unseen(500)).toBe(0);
    });
  });

  describe('#resume', () => {
    it('follows again and clears the unseen count (the "N new lines" button)', () => {
      const follow = new Follow();
      follow.scrolled(at(1600), 10);
      follow.scrolled(at(0), 10);
      follow.resume();
      expect(follow.following).toBe(true);
      expect(follow.unseen(99)).toBe(0);
    });
  });
});
