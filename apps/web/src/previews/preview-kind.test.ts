import { describe, expect, it } from 'vitest';
import { delimiterOf, previewKindOf } from './preview-kind.js';

describe('previewKindOf', () => {
  it('goes by the file name first', () => {
    expect(previewKindOf('out/plot.PNG', 'application/octet-stream')).toBe('image');
    expect(previewKindOf('report.html', undefined)).toBe('html');
    expect(previewKindOf('rows.tsv', undefined)).toBe('table');
    expect(previewKindOf('report.json', undefined)).toBe('json');
    expect(previewKindOf('README.md', undefined)).toBe('markdown');
    expect(previewKindOf('run.log', undefined)).toBe('text');
  });

  it('then by the content type', () => {
    expect(previewKindOf('chart', 'image/svg+xml')).toBe('image');
    expect(previewKindOf('page', 'text/html; charset=utf-8')).toBe('html');
    expect(previewKindOf('data', 'application/vnd.api+json')).toBe('json');
    expect(previewKindOf('SHA256SUMS', 'text/plain')).toBe('text');
  });

  it('leaves files it cannot tell to be sniffed', () => {
    expect(previewKindOf('SHA256SUMS', undefined)).toBe('unknown');
    expect(previewKindOf('model.bin', 'application/octet-stream')).toBe('unknown');
    expect(previewKindOf('.hidden', undefined)).toBe('unknown');
  });
});

describe('delimiterOf', () => {
  it('splits TSV on tabs and anything else on commas', () => {
    expect(delimiterOf('a.TSV', undefined)).toBe('\t');
    expect(delimiterOf('a', 'text/tab-separated-values')).toBe('\t');
    expect(delimiterOf('a.csv', 'text/csv')).toBe(',');
  });
});
