import { createRequire } from "node:module";
import type * as CronParser from "cron-parser";

// cron-parser 4.9.0 is CommonJS without named exports Node can detect; BullMQ evaluates `pattern`
// schedulers with this same version and function, so both agree on every run time.
const require = createRequire(import.meta.url);
const { parseExpression } = require("cron-parser") as typeof CronParser;

const ALIASES = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@hourly"]);

/** Digests more often than this are a configuration mistake (a 6-field cron with `*` seconds). */
export const MIN_INTERVAL_MS = 60_000;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks a digest schedule the way BullMQ will evaluate it: 5 fields (minute hour day month weekday)
 * or 6 (seconds first), or an alias such as `@daily`, in an IANA time zone. Returns a readable
 * problem, or undefined when the schedule is usable. The config loader calls it for every subscriber.
 *
 * @example validateCron("0 8 * * 1-5", "Europe/Vienna") // undefined
 * @example validateCron("0 25 * * *", "UTC") // 'cron "0 25 * * *": Constraint error, got value 25 expected range 0-23'
 */
export function validateCron(expr: string, tz: string): string | undefined {
  const text = expr.trim();
  const fields = text.split(/\s+/).filter(Boolean);
  const label = `cron "${expr}"`;
  if (!(fields.length === 5 || fields.length === 6 || (fields.length === 1 && ALIASES.has(text.toLowerCase())))) {
    return `${label}: expected 5 fields (minute hour day-of-month month day-of-week), 6 with seconds first, or @daily/@weekly/...`;
  }
  if (!isTimeZone(tz)) return `${label}: "${tz}" is not an IANA time zone (e.g. Europe/Vienna)`;
  try {
    const runs = parseExpression(text, { currentDate: new Date(0), tz, iterator: false });
    const first = runs.next().getTime();
    const second = runs.next().getTime();
    if (second - first < MIN_INTERVAL_MS) return `${label}: runs more than once a minute; digests need at least a minute between runs`;
  } catch (err) {
    return `${label}: ${err instanceof Error ? err.message : String(err)}`;
  }
  return undefined;
}

/**
 * The first run strictly after `now`, as BullMQ computes it for a `{ pattern, tz }` scheduler.
 * Throws for an invalid expression (check it with {@link validateCron} first). Pure.
 *
 * @example nextRun("0 8 * * *", "Europe/Vienna", new Date("2026-03-28T12:00:00Z")) // 2026-03-29T06:00:00Z (CEST)
 */
export function nextRun(cron: string, tz: string, now: Date): Date {
  return parseExpression(cron.trim(), { currentDate: now, tz }).next().toDate();
}

/** The next `count` runs after `now` (for `status` and the docs). Pure. */
export function nextRuns(cron: string, tz: string, now: Date, count: number): Date[] {
  const runs = parseExpression(cron.trim(), { currentDate: now, tz });
  return Array.from({ length: count }, () => runs.next().toDate());
}
