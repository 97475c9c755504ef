import { createApp } from "../app";
import { channelIds } from "../config/channels";
import { runSubscriber, type ChannelOutcome } from "../digest/run";
import { createDigestServices } from "../digest/runtime";
import { createLogger } from "../logger";
import { loadConfigArg, parseCommandArgs, writeLine } from "./args";
import { UsageError, type Command } from "./types";

const usage = `Usage: corpus-watcher digest --config FILE --subscriber ID [--channel ID] [--json]

Builds and delivers a digest now, in this process (not waiting for the schedule). On each channel
it first re-sends a digest still in flight (same id), then delivers everything pending. Prints the
digest ids and where they went.

Options:
  --config FILE       the watcher config
  --subscriber ID     whose digest
  --channel ID        only this channel (ids as in \`status\`: file, webhook, email, or the channel's id)
  --json              one JSON line per channel
  --help              this help

Environment: SMTP_URL, SMTP_FROM and the webhook secrets named by \`secretEnv\`.
Exit code 1 when a channel failed: its digest stays in flight and is re-sent with the same id.`;

function describe(outcome: ChannelOutcome): string[] {
  const lines: string[] = [];
  if (outcome.busyMs !== undefined) lines.push(`${outcome.channel}: busy, another process is delivering on this channel; try again in ${Math.ceil(outcome.busyMs / 1000)}s`);
  for (const run of outcome.runs) {
    if (run.outcome === "empty") {
      lines.push(`${outcome.channel}: nothing new, no digest sent`);
      continue;
    }
    const waiting = run.remaining > 0 ? `, ${run.remaining} more waiting` : "";
    const resent = run.resumed ? ", re-sent from an earlier attempt" : "";
    if (run.outcome === "delivered") {
      lines.push(`${outcome.channel}: delivered ${run.digestId} (${run.items} items${waiting}${resent})`);
      for (const where of run.where ?? []) lines.push(`  -> ${where}`);
    } else {
      lines.push(`${outcome.channel}: FAILED ${run.digestId} (${run.items} items${resent}) to ${outcome.target}: ${run.error}`);
      lines.push("  the digest stays in flight and is re-sent with the same id on the next run");
    }
  }
  return lines;
}

export const command: Command = {
  name: "digest",
  summary: "build and deliver a subscriber's digest now",
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { config: { type: "string" }, subscriber: { type: "string" }, channel: { type: "string" }, json: { type: "boolean" } });
    const { config, file } = await loadConfigArg(values.config, io);
    if (!values.subscriber) throw new UsageError("--subscriber ID is required");
    const subscriber = config.subscribers.find((s) => s.id === values.subscriber);
    if (!subscriber) throw new UsageError(`no subscriber "${values.subscriber}" in ${file} (subscribers: ${config.subscribers.map((s) => s.id).join(", ") || "none"})`);
    const ids = channelIds(subscriber.channels);
    if (values.channel !== undefined && !ids.includes(values.channel)) throw new UsageError(`subscriber "${subscriber.id}" has no channel "${values.channel}" (channels: ${ids.join(", ")})`);

    const logger = createLogger({ level: config.logLevel === "info" ? "warn" : config.logLevel, fd: 2 });
    const app = createApp(config, { configFile: file, logger, schedule: false, worker: false, extensions: [] });
    try {
      await app.start();
      const ctx = app.context!;
      const services = createDigestServices({ ...ctx, env: io.env });
      const outcomes = await runSubscriber(services, subscriber.id, { channels: values.channel === undefined ? undefined : [values.channel] });
      for (const outcome of outcomes) {
        if (values.json) writeLine(io.stdout, JSON.stringify({ channel: outcome.channel, target: outcome.target, runs: outcome.runs, ...(outcome.busyMs === undefined ? {} : { busyMs: outcome.busyMs }) }));
        else for (const line of describe(outcome)) writeLine(io.stdout, line);
      }
      return outcomes.some((o) => o.error || o.busyMs !== undefined) ? 1 : 0;
    } finally {
      await app.close();
    }
  },
};
