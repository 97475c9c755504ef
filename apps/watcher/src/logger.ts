import { pino, type Level } from "pino";
import type { Logger } from "./ports";

export interface LoggerOptions {
  level?: Level | "silent";
  /** 1 = stdout (the `start` service), 2 = stderr (CLI commands, so stdout stays clean). */
  fd?: 1 | 2;
  /** Fields on every line. */
  base?: Record<string, unknown>;
}

/** Structured JSON logs (pino), one line per event, with `feed`, `job` etc. added by `child`. */
export function createLogger({ level = "info", fd = 1, base = {} }: LoggerOptions = {}): Logger {
  return pino({ level, base: { pid: process.pid, ...base }, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ fd, sync: fd === 2 }));
}
