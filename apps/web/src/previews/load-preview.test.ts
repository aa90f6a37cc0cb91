import { describe, expect, it } from 'vitest';
import type { Artifact } from '../job-view/timeline.js';
import { loadPreview, TABLE_ROWS, type ReadStart } from './load-preview.js';
import { PREVIEW_BYTES } from './preview-kind.js';

/** Reads from `files` as the hub would serve them, recording what was asked. */
function reader(files: Record<string, string | Uint8Array>): { read: ReadStart; asked: number[] } {
  const asked: number[] = [];
  const read: ReadStart = (path, maxBytes) => {
    asked.push(maxBytes);
    const file = files[path] ?? '';
    const bytes = typeof file === 'string' ? new TextEncoder().encode(file) : file;
    return Promise.resolve({
      bytes: bytes.slice(0, maxBytes),
      complete: bytes.length <= maxBytes,
    });
  };
  return { read, asked };
}
const artifact = (path: string, size = 10, contentType?: string): Artifact => ({
  path,
  size,
  contentType,
});

describe('loadPreview', () => {
  it('parses a whole JSON file into a value', async () => {
    const { read } = reader({ 'r.json': '{"a":[1,2]}' });
    const preview = await loadPreview(artifact('r.json'), read);
    expect(preview.body).toEqual({ kind: 'json', value: { a: [1, 2] } });
    expect(preview.complete).toBe(true);
  });

  it('shows broken JSON as text and says why', async () => {
    const { read } = reader({ 'r.json': '{"a":' });
    const { body } = await loadPreview(artifact('r.json'), read);
    expect(body).toMatchObject({ kind: 'text', text: '{"a":' });
    expect(body.kind === 'text' && body.note).toMatch(/^Not valid JSON/);
  });

  it('reads a table only up to its limit and keeps the first rows', async () => {
    const rows = Array.from({ length: TABLE_ROWS + 50 }, (_, i) => `${String(i)},x`).join('\n');
    const { read, asked } = reader({ 'rows.csv': `n,v\n${rows}\n` });
    const { body, complete } = await loadPreview(artifact('rows.csv'), read);
    expect(asked).toEqual([PREVIEW_BYTES.table]);
    expect(complete).toBe(true);
    // The header, then `TABLE_ROWS` rows under it.
    expect(body.kind === 'table' && body.table.rows.length).toBe(TABLE_ROWS + 1);
    expect(body.kind === 'table' && body.table.rows[TABLE_ROWS]).toEqual([
      String(TABLE_ROWS - 1),
      'x',
    ]);
    expect(body.kind === 'table' && body.table.totalRows).toBe(TABLE_ROWS + 51);
  });

  it('says a file with no known kind is binary when it does not decode', async () => {
    const { read } = reader({ 'model.bin': new Uint8Array([0, 1, 2, 0]) });
    expect((await loadPreview(artifact('model.bin'), read)).body).toEqual({ kind: 'binary' });
  });

  it('shows a file with no known kind as text when it decodes', async () => {
    const { read } = reader({ SHA256SUMS: 'abc  a.txt\n' });
    expect((await loadPreview(artifact('SHA256SUMS'), read)).body).toMatchObject({
      kind: 'text',
      text: 'abc  a.txt\n',
    });
  });

  it('does not read an image over its limit', async () => {
    const { read, asked } = reader({});
    const preview = await loadPreview(artifact('big.png', PREVIEW_BYTES.image + 1), read);
    expect(preview.body).toEqual({ kind: 'too-large' });
    expect(asked).toEqual([]);
  });

  it('renders Markdown without the HTML inside it', async () => {
    const { read } = reader({ 'notes.md': '# Notes\n<b>x</b>' });
    const { body } = await loadPreview(artifact('notes.md'), read);
    expect(body.kind === 'markdown' && body.html).toContain('<h1>Notes</h1>');
    expect(body.kind === 'markdown' && body.html).toContain('&lt;b&gt;');
  });
});
