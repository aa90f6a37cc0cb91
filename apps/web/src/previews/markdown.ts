/**
 * Markdown artifacts as HTML the app can show in its own page. Raw HTML is off (a job's
 * `<script>` shows as text), markdown-it drops `javascript:`, `vbscript:`, `file:` and
 * non-image `data:` links, and every link opens in a new tab without a referrer. Images
 * load only from the hub itself or `data:` (the page's Content-Security-Policy).
 */
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const defaultLinkOpen = markdown.renderer.rules.link_open;
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const token = tokens[index];
  token?.attrSet('target', '_blank');
  token?.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen === undefined
    ? self.renderToken(tokens, index, options)
    : defaultLinkOpen(tokens, index, options, env, self);
};

export function renderMarkdown(text: string): string {
  return markdown.render(text);
}
