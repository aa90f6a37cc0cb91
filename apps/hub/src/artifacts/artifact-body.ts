/**
 * The body of a download: exactly `size` bytes read from the opened file, then the file is
 * closed. A file that grows is cut at `size`, so the body always matches `Content-Length`;
 * one that shrinks ends the body with an error, which aborts the response instead of
 * leaving a short body on a kept-alive connection.
 */
import type { FileHandle } from 'node:fs/promises';

const CHUNK_BYTES = 64 * 1024;

export function artifactBody(handle: FileHandle, size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await handle.close().catch(() => undefined);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const want = Math.min(CHUNK_BYTES, size - sent);
      if (want === 0) {
        await close();
        controller.close();
        return;
      }
      const chunk = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(chunk, 0, want, sent).catch(() => ({ bytesRead: 0 }));
      if (bytesRead === 0) {
        await close();
        controller.error(new Error(`the file shrank to ${String(sent)} of ${String(size)} bytes`));
        return;
      }
      sent += bytesRead;
      controller.enqueue(chunk.subarray(0, bytesRead));
    },
    cancel: close,
  });
}
