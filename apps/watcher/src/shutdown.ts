import type { Logger } from "./ports";

export interface ShutdownOptions {
  /** Graceful close (waits for active work); called once. */
  close(options: { force: boolean }): Promise<void>;
  /** Deadline for the graceful close (config.shutdownTimeout). */
  timeoutMs: number;
  logger: Logger;
  /** process.exit in production; injected in tests. */
  exit(code: number): void;
  signals?: readonly NodeJS.Signals[];
}

/**
 * First SIGTERM/SIGINT: close gracefully, racing the deadline; when it passes, close with force
 * and exit 1. A second signal exits at once (code 130). Returns a function that removes the
 * handlers.
 */
export function installShutdown({ close, timeoutMs, logger, exit, signals = ["SIGTERM", "SIGINT"] }: ShutdownOptions): () => void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, "second signal: exiting now");
      exit(130);
      return;
    }
    stopping = true;
    logger.info({ signal, timeoutMs }, "shutting down: waiting for active polls");
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
      timer.unref();
    });
    Promise.race([close({ force: false }).then(() => "closed" as const), deadline])
      .then(async (result) => {
        clearTimeout(timer);
        if (result === "closed") {
          logger.info({}, "shut down cleanly");
          exit(0);
          return;
        }
        logger.error({ timeoutMs }, "shutdown deadline passed: forcing");
        await Promise.race([close({ force: true }).catch(() => undefined), new Promise((r) => setTimeout(r, 2_000).unref())]);
        exit(1);
      })
      .catch((err: unknown) => {
        clearTimeout(timer);
        logger.error({ err: err instanceof Error ? err.message : String(err) }, "shutdown failed");
        exit(1);
      });
  };
  for (const signal of signals) process.on(signal, handler);
  return () => {
    for (const signal of signals) process.off(signal, handler);
  };
}
