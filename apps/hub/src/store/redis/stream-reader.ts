/**
 * Range reads of a job's event stream. Each entry is one stored batch: its id is
 * `<first seq>-0`, `n` its count and `d` its lines joined by newlines (a JSON line holds
 * no raw newline), so the entry holding any seq is found with one reverse range read.
 */
import type { Redis } from 'ioredis';

type Entry = [id: string, fields: string[]];

/** How many entries one forward read asks for. */
const ENTRIES_PER_READ = 64;

export interface Batch {
  first: number;
  lines: string[];
}

export function decodeEntry([id, fields]: Entry): Batch {
  const first = Number.parseInt(id, 10);
  let data = '';
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === 'd') data = fields[i + 1] ?? '';
  return { first, lines: data === '' ? [] : data.split('\n') };
}

export class StreamReader {
  constructor(private readonly redis: Redis) {}

  /** The seq of the stream's newest event; 0 when it has none. */
  async head(key: string): Promise<number> {
    const [top] = (await this.redis.xrevrange(key, '+', '-', 'COUNT', 1)) as Entry[];
    if (top === undefined) return 0;
    const { first, lines } = decodeEntry(top);
    return first + lines.length - 1;
  }

  /** The lines of up to `limit` events with seq > `after`, in order. */
  async lines(key: string, after: number, limit: number): Promise<string[]> {
    const found: string[] = [];
    let next = after + 1;
    const take = ({ first, lines }: Batch): void => {
      for (let i = next - first; i >= 0 && i < lines.length && found.length < limit; i++) {
        found.push(lines[i] ?? '');
        next += 1;
      }
    };
    // The batch holding `next` may start before it.
    const [holding] = (await this.redis.xrevrange(
      key,
      `${String(next)}-0`,
      '-',
      'COUNT',
      1,
    )) as Entry[];
    if (holding !== undefined) take(decodeEntry(holding));
    while (found.length < limit) {
      const entries = (await this.redis.xrange(
        key,
        `${String(next)}-0`,
        '+',
        'COUNT',
        ENTRIES_PER_READ,
      )) as Entry[];
      const before = found.length;
      for (const entry of entries) take(decodeEntry(entry));
      if (entries.length < ENTRIES_PER_READ || found.length === before) break;
    }
    return found;
  }
}
