import type { Command } from "./types";

/**
 * Every command of `corpus-watcher`, loaded lazily so `--help` and `scan` never pay for BullMQ or
 * the model until they need them.
 */
export const commands: Record<string, () => Promise<Command>> = {
  // intake (part 1): start, scan, poll, status, validate, export
  // digests (part 2): digest, demo
};
