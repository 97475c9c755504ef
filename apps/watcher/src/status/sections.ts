import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Config } from "../config/schema";
import type { Clock } from "../ports";
import type { Keyspace } from "../redis/keys";
import { digestStatusSection } from "../digest/status";
import { feedHealthSection, queueDepthSection } from "./intake-sections";

/** What a status section may read. Nothing here writes. */
export interface StatusContext {
  config: Config;
  keys: Keyspace;
  redis: Redis;
  /** A BullMQ Queue by name under the config's prefix (created on first use, closed by status). */
  queue(name: string): Queue;
  clock: Clock;
}

export interface StatusSectionResult {
  title: string;
  /** Lines printed under the title. */
  lines: string[];
  /** The same data for `status --json`. */
  json: unknown;
}

export interface StatusSection {
  /** Key of the section in `status --json`. */
  id: string;
  collect(ctx: StatusContext): Promise<StatusSectionResult>;
}

/**
 * The sections `corpus-watcher status` prints, in order. Part 2 adds its own here (e.g. the last
 * digest runs per subscriber) by appending to this list.
 */
export const statusSections: StatusSection[] = [feedHealthSection, queueDepthSection, digestStatusSection];
