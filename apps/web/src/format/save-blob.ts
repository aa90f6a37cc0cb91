/**
 * Save bytes the app already holds (an artifact fetched with the token, the log) as a file:
 * a link to an object URL with `download`, which browsers and webviews treat as a download.
 */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once the click's task is done.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 1000);
}
