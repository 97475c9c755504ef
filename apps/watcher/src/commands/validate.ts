import { dirname } from "node:path";
import { loadClassifierForConfig } from "../classifier";
import { channelIds } from "../config/channels";
import { redactRedisUrl } from "../redis/connection";
import { formatDuration, loadConfigArg, parseCommandArgs, writeLine } from "./args";
import type { Command } from "./types";

const usage = `Usage: corpus-watcher validate --config FILE

Checks a config without connecting to anything: every key, the model and theme files, and that
subscribers follow themes the model knows. Prints a summary, or the problems (exit code 2).

Options:
  --config FILE   the watcher config (YAML or JSON)
  --help          this help`;

export const command: Command = {
  name: "validate",
  summary: "check a config file and print a summary",
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { config: { type: "string" } });
    const { config, file } = await loadConfigArg(values.config, io);
    const loaded = await loadClassifierForConfig(config, file, dirname(file));
    const out = (line: string) => writeLine(io.stdout, line);
    const enabled = config.feeds.filter((f) => f.enabled);
    out(`config OK: ${file}`);
    out(`  redis:       ${redactRedisUrl(config.redis)} (prefix "${config.prefix}")`);
    out(`  model:       ${loaded.source} (${loaded.classifier.themeIds.length} themes)`);
    out(`  feeds:       ${enabled.length} enabled, ${config.feeds.length - enabled.length} disabled`);
    for (const feed of config.feeds) {
      const flags = [feed.enabled ? "" : "disabled", feed.backfill ? "backfill" : ""].filter(Boolean).join(", ");
      out(`    ${feed.id.padEnd(20)} every ${formatDuration(feed.interval).padEnd(7)} ${feed.url}${flags ? `  (${flags})` : ""}`);
    }
    out(`  subscribers: ${config.subscribers.length}`);
    for (const sub of config.subscribers) {
      const themes = sub.themes === "all" ? "all themes" : sub.themes.join(", ");
      const feeds = sub.feeds ? `; feeds ${sub.feeds.join(", ")}` : "";
      out(`    ${sub.id.padEnd(20)} ${themes}; minScore ${sub.minScore}${feeds}; channels ${channelIds(sub.channels).join(", ")}; "${sub.schedule}" ${sub.timezone}`);
    }
    out(`  network:     timeout ${formatDuration(config.network.timeout)}, max ${config.network.maxBytes} bytes, ${config.network.perHostConcurrency} per host, private addresses ${config.network.allowPrivateAddresses ? "allowed" : "blocked"}`);
    out(`  retention:   ${config.retention.seenPerFeed} seen per feed, ${config.retention.seenGlobal} URLs, ${config.retention.documents} documents, ${config.retention.completedJobs}/${config.retention.failedJobs} finished jobs`);
    return 0;
  },
};
