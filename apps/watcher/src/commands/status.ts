import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { systemClock } from "../ports";
import { assertRedisReachable } from "../redis/connection";
import { keyspace } from "../redis/keys";
import { statusSections } from "../status/sections";
import { loadConfigArg, parseCommandArgs, writeLine } from "./args";
import type { Command } from "./types";

const usage = `Usage: corpus-watcher status --config FILE [--json]

Prints the health of every feed (last success, consecutive failures, last error and why, next
poll, items) and the depth of the queues, from Redis. Feeds still in Redis but no longer in the
config are listed as "removed".

Options:
  --config FILE   the watcher config
  --json          one JSON object instead of tables
  --help          this help`;

export const command: Command = {
  name: "status",
  summary: "feed health and queue depths",
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { config: { type: "string" }, json: { type: "boolean" } });
    const { config } = await loadConfigArg(values.config, io);
    await assertRedisReachable(config.redis);
    const redis = new Redis(config.redis, { maxRetriesPerRequest: 2 });
    redis.on("error", () => undefined);
    const queues = new Map<string, Queue>();
    const ctx = {
      config,
      keys: keyspace(config.prefix),
      redis,
      clock: systemClock,
      queue(name: string) {
        let q = queues.get(name);
        if (!q) {
          q = new Queue(name, { connection: redis, prefix: config.prefix });
          queues.set(name, q);
        }
        return q;
      },
    };
    try {
      const results = [];
      for (const section of statusSections) results.push({ id: section.id, ...(await section.collect(ctx)) });
      if (values.json) {
        writeLine(io.stdout, JSON.stringify(Object.fromEntries(results.map((r) => [r.id, r.json]))));
      } else {
        for (const r of results) {
          writeLine(io.stdout, r.title);
          for (const line of r.lines) writeLine(io.stdout, `  ${line}`);
          writeLine(io.stdout, "");
        }
      }
      return 0;
    } finally {
      await Promise.all([...queues.values()].map((q) => q.close()));
      redis.disconnect();
    }
  },
};
