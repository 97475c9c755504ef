import type { Alert } from "@corpus/model";

/** The watcher's clock; tests inject a fixed one. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** Structured logger (pino's shape); `child` adds context such as feed or job ids. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/**
 * Durable alerts per subscriber, pending per channel until a digest delivers them. Implementations:
 * Redis (alerts/redis-alert-store.ts) and in-memory (alerts/memory-alert-store.ts), both passing
 * the same conformance suite.
 */
export interface AlertStore {
  /**
   * Records an alert and puts it in the pending list of each channel. Idempotent on `alert.id`:
   * recording an id that is pending, in a digest, or already delivered returns "exists" and changes
   * nothing, so a crash and retry never records an alert twice.
   */
  record(alert: Alert, channels: readonly string[]): Promise<"created" | "exists">;
  /**
   * The same story arrived through another feed: add `feedId` to the sources of every alert about
   * `documentId` that no digest has taken yet. Returns how many alerts changed.
   */
  addSource(documentId: string, feedId: string): Promise<number>;
  /** Alerts waiting for a digest on one channel, oldest first. */
  pending(subscriber: string, channel: string, limit?: number): Promise<Alert[]>;
  countPending(subscriber: string, channel: string): Promise<number>;
}
