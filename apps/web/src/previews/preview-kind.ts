/**
 * How an artifact is previewed, from its name first (a job's `contentType` is optional and
 * often generic), then its content type. `unknown` files are sniffed: text when their first
 * bytes decode as UTF-8, else only downloadable.
 */
export type PreviewKind = 'image' | 'html' | 'table' | 'json' | 'markdown' | 'text' | 'unknown';

const BY_EXTENSION: Record<string, PreviewKind> = {
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  gif: 'image',
  webp: 'image',
  avif: 'image',
  bmp: 'image',
  ico: 'image',
  svg: 'image',
  html: 'html',
  htm: 'html',
  csv: 'table',
  tsv: 'table',
  json: 'json',
  geojson: 'json',
  md: 'markdown',
  markdown: 'markdown',
};

const TEXT_EXTENSIONS = new Set(
  'txt log out err text jsonl ndjson yaml yml toml ini cfg conf xml py ts js sh sql diff patch tex rst'.split(
    ' ',
  ),
);

/** The most of each kind a preview reads: past it, the first part shows with a download. */
export const PREVIEW_BYTES: Record<PreviewKind, number> = {
  image: 16 * 1024 * 1024,
  html: 4 * 1024 * 1024,
  table: 4 * 1024 * 1024,
  json: 4 * 1024 * 1024,
  markdown: 1024 * 1024,
  text: 256 * 1024,
  unknown: 256 * 1024,
};

export function previewKindOf(path: string, contentType: string | undefined): PreviewKind {
  const name = path.split('/').pop() ?? path;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const known = BY_EXTENSION[extension];
  if (known !== undefined) return known;
  if (TEXT_EXTENSIONS.has(extension)) return 'text';
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type.startsWith('image/')) return 'image';
  if (type === 'text/html') return 'html';
  if (type === 'text/csv' || type === 'text/tab-separated-values') return 'table';
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (type === 'text/markdown') return 'markdown';
  if (type.startsWith('text/')) return 'text';
  return 'unknown';
}

/** The field separator of a table file: tabs for `.tsv` and TSV content, else commas. */
export function delimiterOf(path: string, contentType: string | undefined): ',' | '\t' {
  return path.toLowerCase().endsWith('.tsv') || contentType?.includes('tab-separated') === true
    ? '\t'
    : ',';
}
