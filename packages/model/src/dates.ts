/**
 * Feed dates come as RFC 822 (RSS), ISO 8601 (Atom, Dublin Core) or whatever a CMS printed. They are
 * parsed here by hand rather than with `Date.parse` alone, because `Date.parse` reads zone-less
 * strings in the machine's local time (the result would depend on where the watcher runs) and
 * accepts nonsense such as "1" (the year 2001).
 */

/** Zone names seen in RSS feeds. Ambiguous ones (IST, CST in China) are read as RFC 822 says or left out. */
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600,
  BST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, WEST: 60, EET: 120, EEST: 180, MSK: 180,
  SAST: 120, EAT: 180, PKT: 300, JST: 540, KST: 540, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
};

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Years outside this range are typos or placeholders (0001-01-01, 9999-12-31), not publication dates. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const RFC822 =
  /^(?:[a-z]{2,9}\.?,?\s+)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{2,4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([a-z]{1,5}|[+-]\d{2}:?\d{2})?$/i;

function offsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === "") return 0;
  const named = ZONES[zone.toUpperCase()];
  if (named !== undefined) return named;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!numeric) return undefined;
  const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
  return numeric[1] === "-" ? -minutes : minutes;
}

function build(parts: { year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number; offset: number }): number | undefined {
  const { year, month, day, hour, minute, second, ms, offset } = parts;
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return undefined;
  // setUTCFullYear, unlike Date.UTC, does not turn years 0-99 into 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  // Rolling 31 February over into March would hide a wrong date: check the day survived.
  if (date.getUTCDate() !== day) return undefined;
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime() - offset * 60_000;
}

function parseIso(text: string): number | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const offset = offsetMinutes(m[8]);
  if (offset === undefined) return undefined;
  return build({
    year: Number(m[1]), month: Number(m[2]) - 1, day: Number(m[3]),
    hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0), second: Number(m[6] ?? 0),
    ms: Number(((m[7] ?? "") + "000").slice(0, 3)), offset,
  });
}

/** "2020/1/10 14:33:00", as some Asian and CMS feeds write it; no zone, so read as UTC. */
const SLASHED = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function parseSlashed(text: string): number | undefined {
  const m = SLASHED.exec(text);
  if (!m) return undefined;
  return build({
    year: Number(m[1]), month: Number(m[2]) - 1, day: Number(m[3]),
    hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0), second: Number(m[6] ?? 0), ms: 0, offset: 0,
  });
}

function parseRfc822(text: string): number | undefined {
  const m = RFC822.exec(text);
  if (!m) return undefined;
  const month = MONTHS.indexOf((m[2] ?? "").toLowerCase());
  const offset = offsetMinutes(m[7]);
  if (month < 0 || offset === undefined) return undefined;
  let year = Number(m[3]);
  if ((m[3] ?? "").length === 2) year += year < 50 ? 2000 : 1900; // RFC 2822 §4.3
  return build({
    year, month, day: Number(m[1]),
    hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0), second: Number(m[6] ?? 0), ms: 0, offset,
  });
}

/** Last resort for spellings like "November 25, 2025": only when the zone cannot be misread. */
function parseLenient(text: string): number | undefined {
  if (!/\b\d{4}\b/.test(text) || !/[a-z]/i.test(text)) return undefined;
  const hasZone = /(?:\b(?:gmt|utc|ut|z)\b|[+-]\d{2}:?\d{2}\s*$)/i.test(text);
  const time = Date.parse(hasZone ? text : `${text} UTC`);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * An ISO 8601 UTC timestamp (`2025-11-25T08:00:00.000Z`) from a feed date, or `undefined` when the
 * value is not a plausible date. Accepts RFC 822/2822 dates (with numeric offsets or the usual
 * zone names), ISO 8601 (with or without offset), `2020/1/10 14:33`, `Date` objects and epoch
 * milliseconds. Strings without a zone are read as UTC, so the result never depends on the
 * machine's time zone.
 *
 * @example toIsoDateTime("Tue, 25 Nov 2025 09:00:00 +0100") // "2025-11-25T08:00:00.000Z"
 * @example toIsoDateTime("yesterday") // undefined
 */
export function toIsoDateTime(value: unknown): string | undefined {
  let time: number | undefined;
  if (value instanceof Date) time = value.getTime();
  else if (typeof value === "number") time = value;
  else if (typeof value === "string") {
    const text = value.trim().replace(/\s+/g, " ");
    if (text.length > 100) return undefined;
    time = parseIso(text) ?? parseRfc822(text) ?? parseSlashed(text) ?? parseLenient(text);
  }
  if (time === undefined || !Number.isFinite(time)) return undefined;
  const date = new Date(time);
  const year = date.getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR ? date.toISOString() : undefined;
}
