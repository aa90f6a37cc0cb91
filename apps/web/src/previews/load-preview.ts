/**
 * One artifact's preview, read from at most its first part (`PREVIEW_BYTES` for its kind)
 * and shaped for the view: an image's object URL, HTML for the sandboxed frame, the first
 * rows of a table, a JSON value, Markdown as safe HTML, or text. `complete` is false when
 * the file goes on past what the preview shows.
 */
import type { JsonValue } from '@sidecast/protocol';
import type { Artifact } from '../job-view/timeline.js';
import { textOf } from './decode.js';
import { parseDelimited, type TablePart } from './delimited.js';
import { renderMarkdown } from './markdown.js';
import { delimiterOf, PREVIEW_BYTES, previewKindOf } from './preview-kind.js';

/** Rows a table preview shows. */
export const TABLE_ROWS = 200;

export type PreviewBody =
  | { kind: 'image'; url: string }
  | { kind: 'html'; html: string }
  | { kind: 'table'; table: TablePart }
  | { kind: 'json'; value: JsonValue }
  | { kind: 'markdown'; html: string }
  | { kind: 'text'; text: string; note: string | undefined }
  | { kind: 'binary' }
  | { kind: 'too-large' };

export interface Preview {
  body: PreviewBody;
  complete: boolean;
  /** Frees what the preview holds (an image's object URL). */
  release: () => void;
}

export type ReadStart = (
  path: string,
  maxBytes: number,
) => Promise<{ bytes: Uint8Array; complete: boolean }>;

const nothingToRelease = (): void => undefined;

export async function loadPreview(artifact: Artifact, readStart: ReadStart): Promise<Preview> {
  const kind = previewKindOf(artifact.path, artifact.contentType);
  // A picture cut short is no picture: past its limit an image is only downloaded.
  if (kind === 'image' && artifact.size > PREVIEW_BYTES.image)
    return { body: { kind: 'too-large' }, complete: false, release: nothingToRelease };
  const { bytes, complete } = await readStart(artifact.path, PREVIEW_BYTES[kind]);
  if (kind === 'image') {
    const type = artifact.contentType ?? (artifact.path.endsWith('.svg') ? 'image/svg+xml' : '');
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
    return {
      body: { kind, url },
      complete,
      release: () => {
        URL.revokeObjectURL(url);
      },
    };
  }
  const text = textOf(bytes, complete);
  const shaped = (body: PreviewBody): Preview => ({ body, complete, release: nothingToRelease });
  if (text === undefined) return shaped({ kind: 'binary' });
  switch (kind) {
    case 'html':
      return shaped({ kind, html: text });
    case 'table': {
      const delimiter = delimiterOf(artifact.path, artifact.contentType);
      // The header is a record too: the rows shown come under it.
      return shaped({ kind, table: parseDelimited(text, delimiter, TABLE_ROWS + 1, complete) });
    }
    case 'json':
      return shaped(jsonBody(text, complete));
    case 'markdown':
      return shaped({ kind, html: renderMarkdown(text) });
    case 'text':
    case 'unknown':
      return shaped({ kind: 'text', text, note: undefined });
  }
}

function jsonBody(text: string, complete: boolean): PreviewBody {
  if (!complete)
    return { kind: 'text', text, note: 'Too large for a tree: the first part as text.' };
  try {
    return { kind: 'json', value: JSON.parse(text) as JsonValue };
  } catch (error) {
    return { kind: 'text', text, note: `Not valid JSON (${(error as Error).message}): as text.` };
  }
}
