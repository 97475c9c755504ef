import type { Command } from "./types";

/**
 * Every command of `corpus-watcher`, loaded lazily so `--help` and `scan` never pay for BullMQ or
 * the model until they need them.
 */
export const commands: Record<string, () => Promise<Command>> = {
  // intake (part 1)
  start: async () => (await import("./start")).command,
  scan: async () => (await import("./scan")).command,
  poll: async () => (await import("./poll")).command,
  status: async () => (await import("./status")).command,
  validate: async () => (await import("./validate")).command,
  export: async () => (await import("./export")).command,
  // digests (part 2)
  digest: async () => (await import("./digest")).command,
  demo: async () => (await import("./demo")).command,
};
