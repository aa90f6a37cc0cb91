import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it('renders headings, lists, code and tables', () => {
    const html = renderMarkdown(
      '# Title\n\n- one\n- two\n\n`x`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
    );
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<code>x</code>');
    expect(html).toContain('<td>2</td>');
  });

  it('shows HTML from the file as text', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it('drops script links and opens the others in a new tab', () => {
    expect(renderMarkdown('[x](javascript:alert(1))')).not.toContain('href');
    expect(renderMarkdown('[docs](https://example.org)')).toContain(
      '<a href="https://example.org" target="_blank" rel="noopener noreferrer">docs</a>',
    );
  });
});
