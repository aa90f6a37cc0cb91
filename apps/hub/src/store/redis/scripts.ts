/**
 * The cluster's writes that must be all-or-nothing, as Lua scripts Redis runs atomically.
 * Appending a batch checks that it continues the stream exactly: a hub that lost a job to
 * another (which cancelled or settled it first) has its next write refused, so a log never
 * gets two writers' events or a gap.
 */
import type { Redis } from 'ioredis';

/** Marks a refused append: another writer took the job's next seq. */
export const SUPERSEDED = 'SUPERSEDED';

/**
 * A `ClusterChange` from a record already serialized (`StoredJob` JSON), without parsing
 * it again; `RETAIN` below builds its `removed` messages the same way, in Lua.
 */
export function changeMessage(from: string, kind: string, record: string): string {
  return `{"from":"${from}","kind":"${kind}","stored":${record}}`;
}

/**
 * KEYS: events stream, jobs hash, live channel, changes channel.
 * ARGV: first seq, count, lines, writer hub, job id, record JSON ('' for none), change message.
 * Returns 1 when stored, 0 when this writer had stored this batch already (a resend).
 */
const APPEND = `
local top = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local nextSeq = 1
if #top > 0 then
  local fields = top[1][2]
  local count = 0
  for i = 1, #fields, 2 do
    if fields[i] == 'n' then count = tonumber(fields[i + 1]) end
  end
  nextSeq = tonumber(string.match(top[1][1], '^(%d+)')) + count
end
if tonumber(ARGV[1]) ~= nextSeq then
  if tonumber(ARGV[2]) > 0 then
    local same = redis.call('XRANGE', KEYS[1], ARGV[1] .. '-0', ARGV[1] .. '-0')
    if #same > 0 then
      local fields = same[1][2]
      for i = 1, #fields, 2 do
        if fields[i] == 'w' and fields[i + 1] == ARGV[4] then return 0 end
      end
    end
  end
  return redis.error_reply('${SUPERSEDED} the next seq is ' .. nextSeq)
end
if tonumber(ARGV[2]) > 0 then
  redis.call('XADD', KEYS[1], ARGV[1] .. '-0', 'n', ARGV[2], 'd', ARGV[3], 'w', ARGV[4])
  redis.call('PUBLISH', KEYS[3], ARGV[1] .. '\\n' .. ARGV[3])
end
if ARGV[6] ~= '' then
  redis.call('HSET', KEYS[2], ARGV[5], ARGV[6])
  redis.call('PUBLISH', KEYS[4], ARGV[7])
end
return 1
`;

/**
 * KEYS: jobs hash, events stream, queue stream, changes channel.
 * ARGV: job id, record JSON, first line, creating hub, change message.
 */
const CREATE = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then
  return redis.error_reply('EXISTS job ' .. ARGV[1])
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('XADD', KEYS[2], '1-0', 'n', '1', 'd', ARGV[3], 'w', ARGV[4])
redis.call('XADD', KEYS[3], '*', 'job', ARGV[1])
redis.call('PUBLISH', KEYS[4], ARGV[5])
return 1
`;

/**
 * KEYS: finished zset, jobs hash, changes channel. ARGV: job id, end time, jobs kept,
 * cluster prefix, removing hub. Returns the records of the jobs removed.
 */
const RETAIN = `
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[3])
local removed = {}
if excess > 0 then
  local popped = redis.call('ZPOPMIN', KEYS[1], excess)
  for i = 1, #popped, 2 do
    local id = popped[i]
    local record = redis.call('HGET', KEYS[2], id)
    redis.call('HDEL', KEYS[2], id)
    redis.call('DEL', ARGV[4] .. ':events:' .. id)
    if record then
      table.insert(removed, record)
      redis.call('PUBLISH', KEYS[3], '{"from":"' .. ARGV[5] .. '","kind":"removed","stored":' .. record .. '}')
    end
  end
end
return removed
`;

type Arg = string | number;
type Script = (...args: Arg[]) => Promise<unknown>;

export interface ClusterScripts {
  append(keys: [string, string, string, string], args: Arg[]): Promise<unknown>;
  create(keys: [string, string, string, string], args: Arg[]): Promise<unknown>;
  retain(keys: [string, string, string], args: Arg[]): Promise<unknown>;
}

/** Load the scripts on `redis` (sent once, then run by hash). */
export function defineScripts(redis: Redis): ClusterScripts {
  redis.defineCommand('sidecastAppend', { numberOfKeys: 4, lua: APPEND });
  redis.defineCommand('sidecastCreate', { numberOfKeys: 4, lua: CREATE });
  redis.defineCommand('sidecastRetain', { numberOfKeys: 3, lua: RETAIN });
  // defineCommand adds methods ioredis cannot type; this is the one place that names them.
  const commands = redis as unknown as Record<string, Script>;
  const call = (name: string, keys: string[], args: Arg[]): Promise<unknown> => {
    const script = commands[name];
    if (script === undefined) return Promise.reject(new Error(`no script ${name}`));
    return script.call(redis, ...keys, ...args);
  };
  return {
    append: (keys, args) => call('sidecastAppend', keys, args),
    create: (keys, args) => call('sidecastCreate', keys, args),
    retain: (keys, args) => call('sidecastRetain', keys, args),
  };
}
