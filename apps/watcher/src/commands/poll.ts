import { createApp } from "../app";
import { createLogger } from "../logger";
import type { PollJobResult } from "../queue/poll-processor";
import { loadConfigArg, parseCommandArgs, writeLine } from "./args";
import { UsageError, type Command } from "./types";

const usage = `Usage: corpus-watcher poll --config FILE [--feed ID] [--json]

Polls feeds now, through the queue: adds a one-off poll job per feed (ignoring failure backoff,
but not a server's Retry-After), runs a worker in this process to help, and prints each outcome.
Alerts are recorded as in a scheduled poll.

Options:
  --config FILE   the watcher config
  --feed ID       only this feed (default: every enabled feed)
  --json          one JSON line per feed
  --help          this help

Exit code 1 when any poll failed.`;

function describe(result: PollJobResult): string {
  switch (result.status) {
    case "changed":
      return `${result.items} items, ${result.newItems} new, ${result.alerts} alerts${result.duplicates ? `, ${result.duplicates} seen in other feeds` : ""}${result.firstPoll ? " (first poll: recorded, no alerts)" : ""}${result.switchedIdentity ? " (switched to URL keys)" : ""}`;
    case "not-modified":
      return "not modified";
    case "failed":
      return `failed: ${result.code}: ${result.error} (${result.consecutiveFailures} in a row; next try ${result.nextPollAt})`;
    case "skipped":
      return `skipped: ${result.reason}${"until" in result && result.until ? ` until ${result.until}` : ""}`;
  }
}

export const command: Command = {
  name: "poll",
  summary: "poll feeds now and print the outcome",
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { config: { type: "string" }, feed: { type: "string" }, json: { type: "boolean" } });
    const { config, file } = await loadConfigArg(values.config, io);
    const enabled = config.feeds.filter((f) => f.enabled).map((f) => f.id);
    if (values.feed !== undefined && !enabled.includes(values.feed)) {
      throw new UsageError(`no enabled feed "${values.feed}" in ${file} (feeds: ${enabled.join(", ") || "none"})`);
    }
    const logger = createLogger({ level: config.logLevel === "info" ? "warn" : config.logLevel, fd: 2 });
    const app = createApp(config, { configFile: file, logger, schedule: false, extensions: [] });
    try {
      await app.start();
      const ids = values.feed !== undefined ? [values.feed] : enabled;
      const results = await Promise.all(ids.map((id) => app.pollNow(id)));
      for (const result of results) {
        writeLine(io.stdout, values.json ? JSON.stringify(result) : `${result.feedId}: ${describe(result)}`);
      }
      return results.some((r) => r.status === "failed") ? 1 : 0;
    } finally {
      await app.close();
    }
  },
};
