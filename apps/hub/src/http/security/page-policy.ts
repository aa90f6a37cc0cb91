/**
 * The Content-Security-Policy of the web app's page. The app is the only code that runs
 * with the token: scripts come from the hub's own files (no inline script, no eval), the
 * socket and the API are the hub itself, and what jobs write is shown in frames that are
 * sandboxed (no scripts, an opaque origin) and, as `srcdoc` frames, bound by this policy too.
 */
const DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  // Vue sets inline styles, and an HTML report brings its own `<style>`.
  'style-src': "'self' 'unsafe-inline'",
  // Image previews are blob URLs; HTML reports embed their charts as data URLs.
  'img-src': "'self' blob: data:",
  'connect-src': "'self'",
  'frame-src': "'self' blob:",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
};

export const PAGE_CONTENT_SECURITY_POLICY = Object.entries(DIRECTIVES)
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');
