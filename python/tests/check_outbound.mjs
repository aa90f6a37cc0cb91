// Reads sidecar output lines on stdin and answers each with one JSON line: `{"ok": true}`
// or `{"ok": false, "message": ...}`, judged by the protocol package's own zod schemas.
// The Python tests use it to hold every line the real sidecar writes to the TypeScript
// contract.
import { createInterface } from 'node:readline';
import { parseSidecarOutbound } from '@sidecast/protocol';

for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  const parsed = parseSidecarOutbound(line);
  const verdict = parsed.ok ? { ok: true } : { ok: false, message: parsed.error.message };
  process.stdout.write(`${JSON.stringify(verdict)}\n`);
}
