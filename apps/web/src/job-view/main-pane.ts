/**
 * Which tabs a job's main pane has, and which one shows: the conversation (interactive
 * jobs, where it is the default), the log, then one tab per artifact opened for preview, in
 * the order they were opened. Closing the shown tab shows the one before it.
 */
import type { Artifact } from './timeline.js';

export interface PaneTab {
  key: string;
  label: string;
  closable: boolean;
}

export const CONVERSATION_TAB = 'conversation';
export const LOG_TAB = 'log';
const ARTIFACT_TAB = 'artifact:';

export function artifactTabKey(path: string): string {
  return `${ARTIFACT_TAB}${path}`;
}

/** A DOM id for a tab's panel: keys hold paths, ids should not. */
export function panelIdOf(key: string): string {
  let hash = 0;
  for (const char of key) hash = (Math.imul(hash, 31) + (char.codePointAt(0) ?? 0)) | 0;
  return `pane-${key.replace(/[^\w-]/g, '_').slice(0, 40)}-${(hash >>> 0).toString(36)}`;
}

export class MainPane {
  previews: Artifact[] = [];
  /** The tab a viewer chose; until then, the job's default. */
  chosen: string | undefined = undefined;

  tabs(interactive: boolean): PaneTab[] {
    return [
      ...(interactive ? [{ key: CONVERSATION_TAB, label: 'Conversation', closable: false }] : []),
      { key: LOG_TAB, label: 'Log', closable: false },
      ...this.previews.map((artifact) => ({
        key: artifactTabKey(artifact.path),
        label: artifact.path.split('/').pop() ?? artifact.path,
        closable: true,
      })),
    ];
  }

  active(interactive: boolean): string {
    const tabs = this.tabs(interactive);
    if (this.chosen !== undefined && tabs.some((tab) => tab.key === this.chosen))
      return this.chosen;
    return tabs[0]?.key ?? LOG_TAB;
  }

  select(key: string): void {
    this.chosen = key;
  }

  /** Show an artifact's preview, in its tab if it has one already. */
  open(artifact: Artifact): void {
    if (!this.previews.some(({ path }) => path === artifact.path)) this.previews.push(artifact);
    this.chosen = artifactTabKey(artifact.path);
  }

  close(key: string, interactive: boolean): void {
    const tabs = this.tabs(interactive);
    const index = tabs.findIndex((tab) => tab.key === key);
    if (index < 0 || tabs[index]?.closable !== true) return;
    if (this.active(interactive) === key) this.chosen = tabs[index - 1]?.key;
    this.previews = this.previews.filter(({ path }) => artifactTabKey(path) !== key);
  }
}
