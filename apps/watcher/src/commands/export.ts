import { createWriteStream } from "node:fs";
import { resolve } from "node:path";
import { once } from "node:events";
import { Redis } from "ioredis";
import { assertRedisReachable } from "../redis/connection";
import { keyspace } from "../redis/keys";
import { createRedisDocumentStore } from "../stores/redis-document-store";
import { loadConfigArg, parseCommandArgs, writeLine } from "./args";
import { UsageError, type Command } from "./types";

const usage = `Usage: corpus-watcher export --config FILE [--since DATE] [--out FILE]

Writes the classified items the watcher keeps (retention.documents) as corpus documents in JSON
Lines, oldest first: the format @corpus/classify trains on (corpus-classify train).

Options:
  --config FILE   the watcher config
  --since DATE    only documents first recorded at or after DATE (2025-11-01 or an ISO time)
  --out FILE      write here instead of stdout
  --help          this help`;

function parseSince(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--since "${value}" is not a date (use 2025-11-01 or 2025-11-01T08:00:00Z)`);
  return date;
}

export const command: Command = {
  name: "export",
  summary: "write the kept documents as JSON Lines for training",
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { config: { type: "string" }, since: { type: "string" }, out: { type: "string" } });
    const since = parseSince(values.since);
    const { config } = await loadConfigArg(values.config, io);
    await assertRedisReachable(config.redis);
    const redis = new Redis(config.redis, { maxRetriesPerRequest: 2 });
    redis.on("error", () => undefined);
    const out = values.out ? createWriteStream(resolve(io.cwd, values.out)) : io.stdout;
    try {
      const store = createRedisDocumentStore({ redis, keys: keyspace(config.prefix), keep: config.retention.documents });
      let n = 0;
      for await (const doc of store.list(since ? { since } : {})) {
        if (!out.write(`${JSON.stringify(doc)}\n`)) await once(out, "drain");
        n++;
      }
      if (values.out) {
        (out as ReturnType<typeof createWriteStream>).end();
        await once(out, "finish");
      }
      writeLine(io.stderr, `corpus-watcher export: ${n} document${n === 1 ? "" : "s"}${values.out ? ` written to ${values.out}` : ""}`);
      return 0;
    } finally {
      redis.disconnect();
    }
  },
};
