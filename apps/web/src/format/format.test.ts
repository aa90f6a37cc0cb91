import { describe, expect, it } from 'vitest';
import { formatBytes, formatClock, formatDuration, formatRelative } from './format.js';

describe('formatBytes', () => {
  it('uses powers of 1024 with one decimal below 10', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
  });
});

describe('formatDuration', () => {
  it('shows minutes and seconds, and hours when there are any', () => {
    expect(formatDuration(83_000)).toBe('1:23');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(-5)).toBe('0:00');
  });
});

describe('formatRelative', () => {
  it('reads like a person would say it', () => {
    const now = 1_000_000_000;
    expect(formatRelative(now - 3_000, now)).toBe('just now');
    expect(formatRelative(now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(formatRelative(now - 26 * 3_600_000, now)).toBe('yesterday');
  });
});

describe('formatClock', () => {
  it('shows the time of day to the millisecond, padded', () => {
    const ts = new Date(2026, 11, 2, 9, 5, 7, 42).getTime();
    expect(formatClock(ts)).toBe('09:05:07.042');
  });
});
