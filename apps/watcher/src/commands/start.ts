import { createApp } from "../app";
import { createLogger } from "../logger";
import { installShutdown } from "../shutdown";
import { loadConfigArg, parseCommandArgs } from "./args";
import type { Command } from "./types";

const usage = `Usage: corpus-watcher start --config FILE

Runs the watcher: polls every enabled feed on its interval, classifies new items and queues alerts
(and, with part 2, sends digests). Logs are JSON lines on stdout. Stops gracefully on SIGTERM/SIGINT
within config.shutdownTimeout; a second signal stops at once. Run several processes against one
Redis to share the work.

Options:
  --config FILE   the watcher config (YAML or JSON); REDIS_URL overrides its redis URL
  --help          this help

Environment:
  REDIS_URL              overrides config.redis
  CORPUS_TEST_DELAY_MS   tests only: wait this long before each alert write (crash tests)`;

export const command: Command = {
  name: "start",
  summary: "run the watcher (poll feeds, classify, queue alerts, send digests)",
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { config: { type: "string" } });
    const { config, file } = await loadConfigArg(values.config, io);
    const logger = createLogger({ level: config.logLevel, fd: 1 });
    const delay = Number(io.env.CORPUS_TEST_DELAY_MS ?? "0");
    const app = createApp(config, { configFile: file, logger, env: io.env, ...(delay > 0 && { testDelayMs: delay }) });
    try {
      await app.start();
    } catch (err) {
      await app.close({ force: true }).catch(() => undefined);
      throw err;
    }
    const code = await new Promise<number>((resolve) => {
      installShutdown({
        close: (options) => app.close(options),
        timeoutMs: config.shutdownTimeout,
        logger,
        exit: (exitCode) => (exitCode === 130 ? process.exit(130) : resolve(exitCode)),
      });
    });
    // Everything is closed; if a stray handle keeps the loop alive, do not hang.
    setTimeout(() => process.exit(code), 3_000).unref();
    return code;
  },
};
