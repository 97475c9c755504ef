import { defineScript } from "./script";

/**
 * A HASH bounded by count: KEYS hash, order (ZSET of fields by insertion time); ARGV now, keep,
 * then field/value pairs. Each field is set only if absent (the first writer wins), the order ZSET
 * records when it arrived, and the oldest fields beyond `keep` are dropped from both. Returns the
 * value stored for each given field (the first writer's). Used for the kept documents and for the
 * cross-feed canonical-URL owners.
 */
export const BOUNDED_HSETNX = defineScript(`
local owners = {}
for i = 3, #ARGV, 2 do
  if redis.call("HSETNX", KEYS[1], ARGV[i], ARGV[i + 1]) == 1 then
    redis.call("ZADD", KEYS[2], ARGV[1], ARGV[i])
  end
  owners[#owners + 1] = redis.call("HGET", KEYS[1], ARGV[i])
end
local excess = redis.call("ZCARD", KEYS[2]) - tonumber(ARGV[2])
if excess > 0 then
  local old = redis.call("ZPOPMIN", KEYS[2], excess)
  for i = 1, #old, 2 do redis.call("HDEL", KEYS[1], old[i]) end
end
return owners
`);
