/** The first part of a file as text, or `undefined` when it does not look like text. */
export function textOf(bytes: Uint8Array, complete: boolean): string | undefined {
  // `stream` keeps a character cut at the end of the part from turning into U+FFFD.
  const text = new TextDecoder('utf-8').decode(bytes, { stream: !complete });
  if (text.includes('\0')) return undefined;
  let replaced = 0;
  for (const char of text) if (char === '\uFFFD') replaced += 1;
  // A few bad bytes are a text file with a flaw; many are a binary file.
  return replaced > Math.max(8, text.length / 100) ? undefined : text;
}
