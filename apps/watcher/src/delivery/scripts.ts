import { defineScript } from "../redis/script";

/*
 * The delivery state machine's atomic steps. Each script touches only keys passed in KEYS (with a
 * hash-tag prefix they all share one Redis Cluster slot). Layout: see delivery/state.ts.
 */

/**
 * Claim: resume the channel's in-flight digest, or move up to `maxItems` oldest pending alerts into a
 * new digest record and mark it in flight — all or nothing.
 *
 * KEYS: inflight, pending, alerts, digest record (for the proposed new id)
 * ARGV: new id, createdAt ISO, maxItems, sendEmpty ("1"/"0"), subscriber, channel
 * Returns {"resumed", id} | {"claimed", id} | {"empty", ""}.
 */
export const CLAIM = defineScript(`
local current = redis.call("GET", KEYS[1])
if current then return {"resumed", current} end
local ids = redis.call("ZRANGE", KEYS[2], 0, tonumber(ARGV[3]) - 1)
if #ids == 0 and ARGV[4] ~= "1" then return {"empty", ""} end
local taken, snapshots = {}, {}
for _, id in ipairs(ids) do
  local json = redis.call("HGET", KEYS[3], id)
  redis.call("ZREM", KEYS[2], id)
  if json then
    taken[#taken + 1] = id
    snapshots[#snapshots + 1] = json
  end
end
local remaining = redis.call("ZCARD", KEYS[2])
redis.call("HSET", KEYS[4], "id", ARGV[1], "subscriber", ARGV[5], "channel", ARGV[6], "createdAt", ARGV[2],
  "alertIds", table.concat(taken, "\\n"), "alerts", "[" .. table.concat(snapshots, ",") .. "]",
  "remaining", remaining, "attempts", 0)
redis.call("SET", KEYS[1], ARGV[1])
return {"claimed", ARGV[1]}
`);

/**
 * Freeze: store the built digest JSON once, only while the record exists (so a digest completed
 * meanwhile is not re-created as a stray hash). Returns the stored JSON, or false when gone.
 *
 * KEYS: digest record; ARGV: digest JSON
 */
export const FREEZE = defineScript(`
if redis.call("EXISTS", KEYS[1]) == 0 then return false end
redis.call("HSETNX", KEYS[1], "digest", ARGV[1])
redis.call("HINCRBY", KEYS[1], "attempts", 1)
return redis.call("HGET", KEYS[1], "digest")
`);

/**
 * Complete: the digest was delivered on this channel. Adds its alerts to the subscriber's delivered
 * set, deletes each alert (and its by-document index entry) that no other channel still has pending
 * or in flight, drops the in-flight marker and the digest record, appends the run record.
 *
 * KEYS: inflight, digest record, delivered, alerts, runs,
 *       byDocument x nAlerts, then per other channel: pending, inflight, its digest record (or a dummy)
 * ARGV: digest id, now ms, run JSON, runs to keep, delivered to keep, nAlerts, nOther, subscriber,
 *       expected other in-flight ids x nOther ("" for none), alert ids x nAlerts
 * Returns 1 done, 0 not in flight any more (already completed), -1 another channel changed meanwhile.
 */
export const COMPLETE = defineScript(`
if redis.call("GET", KEYS[1]) ~= ARGV[1] then return 0 end
local n, m = tonumber(ARGV[6]), tonumber(ARGV[7])
local busy = {}
for j = 1, m do
  local base = 5 + n + 3 * (j - 1)
  local actual = redis.call("GET", KEYS[base + 2]) or ""
  if actual ~= ARGV[8 + j] then return -1 end
  if actual ~= "" then
    local ids = redis.call("HGET", KEYS[base + 3], "alertIds") or ""
    for id in string.gmatch(ids, "[^\\n]+") do busy[id] = true end
  end
end
for i = 1, n do
  local id = ARGV[8 + m + i]
  redis.call("ZADD", KEYS[3], ARGV[2], id)
  local still = busy[id]
  if not still then
    for j = 1, m do
      if redis.call("ZSCORE", KEYS[5 + n + 3 * (j - 1) + 1], id) then
        still = true
        break
      end
    end
  end
  if not still then
    redis.call("HDEL", KEYS[4], id)
    redis.call("HDEL", KEYS[5 + i], ARGV[8] .. "/" .. id)
  end
end
local keepDelivered = tonumber(ARGV[5])
if keepDelivered > 0 then redis.call("ZREMRANGEBYRANK", KEYS[3], 0, -keepDelivered - 1) end
redis.call("DEL", KEYS[1], KEYS[2])
redis.call("LPUSH", KEYS[5], ARGV[3])
redis.call("LTRIM", KEYS[5], 0, tonumber(ARGV[4]) - 1)
return 1
`);

/** KEYS: runs; ARGV: run JSON, runs to keep. */
export const APPEND_RUN = defineScript(`
redis.call("LPUSH", KEYS[1], ARGV[1])
redis.call("LTRIM", KEYS[1], 0, tonumber(ARGV[2]) - 1)
return 1
`);

/** KEYS: lock; ARGV: token, ttl ms. Returns 1 when extended, 0 when the lock is not ours any more. */
export const EXTEND_LOCK = defineScript(`
if redis.call("GET", KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call("PEXPIRE", KEYS[1], ARGV[2])
`);

/** KEYS: lock; ARGV: token. */
export const RELEASE_LOCK = defineScript(`
if redis.call("GET", KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call("DEL", KEYS[1])
`);
