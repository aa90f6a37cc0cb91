import { describe, expect, it } from 'vitest';
import { artifactTabKey, CONVERSATION_TAB, LOG_TAB, MainPane, panelIdOf } from './main-pane.js';

const report = { path: 'out/report.html', size: 10, contentType: 'text/html' };
const table = { path: 'table.csv', size: 5, contentType: undefined };

describe('MainPane', () => {
  describe('#active', () => {
    it('shows the conversation first for an interactive job, else the log', () => {
      const pane = new MainPane();
      expect(pane.active(true)).toBe(CONVERSATION_TAB);
      expect(pane.active(false)).toBe(LOG_TAB);
      expect(pane.tabs(true).map(({ key }) => key)).toEqual([CONVERSATION_TAB, LOG_TAB]);
    });

    it('falls back to the default when the chosen tab does not exist', () => {
      const pane = new MainPane();
      pane.select(CONVERSATION_TAB);
      expect(pane.active(false)).toBe(LOG_TAB);
    });
  });

  describe('#open', () => {
    it('adds one closable tab per artifact, named by its file, and shows it', () => {
      const pane = new MainPane();
      pane.open(report);
      pane.open(table);
      pane.open(report);
      expect(pane.tabs(false)).toEqual([
        { key: LOG_TAB, label: 'Log', closable: false },
        { key: artifactTabKey(report.path), label: 'report.html', closable: true },
        { key: artifactTabKey(table.path), label: 'table.csv', closable: true },
      ]);
      expect(pane.active(false)).toBe(artifactTabKey(report.path));
    });
  });

  describe('#close', () => {
    it('shows the tab before the closed one when it was shown', () => {
      const pane = new MainPane();
      pane.open(report);
      pane.open(table);
      pane.close(artifactTabKey(table.path), false);
      expect(pane.active(false)).toBe(artifactTabKey(report.path));
      pane.close(artifactTabKey(report.path), false);
      expect(pane.active(false)).toBe(LOG_TAB);
      expect(pane.previews).toEqual([]);
    });

    it('keeps the shown tab when another closes, and never closes the log', () => {
      const pane = new MainPane();
      pane.open(report);
      pane.select(LOG_TAB);
      pane.close(artifactTabKey(report.path), false);
      pane.close(LOG_TAB, false);
      expect(pane.tabs(false).map(({ key }) => key)).toEqual([LOG_TAB]);
      expect(pane.active(false)).toBe(LOG_TAB);
    });
  });
});

describe('panelIdOf', () => {
  it('makes a DOM id that tells apart paths that read alike', () => {
    const one = panelIdOf(artifactTabKey('a b.txt'));
    const two = panelIdOf(artifactTabKey('a_b.txt'));
    expect(one).toMatch(/^pane-[\w-]+$/);
    expect(one).not.toBe(two);
  });
});
