/**
 * Opt-in hardening run over a directory of real-world feeds (not part of `vitest run`: the file name
 * does not match `*.test.ts`). Run it with `node scripts/harden-feeds.mjs <dir>` from apps/watcher,
 * which sets CORPUS_FEEDS_DIR and includes this file. Every .xml/.rss/.atom/.rdf input and every
 * JSON Feed input is decoded and parsed; the run fails on any unexpected throw and when item counts
 * agree with the goldens (gofeed `.json`, feed-rs `.serde.json`, rss-parser `test/output`) for too
 * few feeds.
 */
import { readFileSync, readdirSync, existsSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join, relative } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodeBody } from "./decode";
import { FeedParseError } from "./errors";
import { parseFeed } from "./parse";

const dir = process.env.CORPUS_FEEDS_DIR;
const MIN_GOLDEN_AGREEMENT = Number(process.env.CORPUS_MIN_AGREEMENT ?? "0.98");

const XML_EXT = new Set([".xml", ".rss", ".atom", ".rdf"]);

function walk(d: string): string[] {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
}

function stemOf(file: string): string {
  return join(dirname(file), basename(file, extname(file)));
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function isJsonFeedFile(file: string): boolean {
  const version = (readJson(file) as { version?: unknown } | undefined)?.version;
  return typeof version === "string" && version.includes("jsonfeed.org");
}

/** JSON files that are feeds to parse, not goldens of another input. */
function isJsonInput(file: string, all: Set<string>): boolean {
  if (!file.endsWith(".json") || file.endsWith(".serde.json") || file.endsWith("_expected.json")) return false;
  if (file.includes("/test/output/")) return false;
  const stem = stemOf(file);
  return isJsonFeedFile(file) || ![...XML_EXT].some((ext) => all.has(stem + ext));
}

function countOf(golden: unknown, ...keys: string[]): number | undefined {
  let v: unknown = golden;
  for (const k of keys) v = typeof v === "object" && v !== null ? (v as Record<string, unknown>)[k] : undefined;
  return Array.isArray(v) ? v.length : undefined;
}

function titleText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null && typeof (value as { content?: unknown }).content === "string") {
    return (value as { content: string }).content; // feed-rs {content_type, content}
  }
  return undefined;
}

const norm = (s: string | undefined) => s?.replace(/\s+/g, " ").trim() ?? "";

/** Expected item count (and item titles) from whichever golden sits next to the input. */
function goldenOf(file: string): { count: number; titles: Array<string | undefined>; golden: string } | undefined {
  const stem = stemOf(file);
  const candidates: Array<[string, string[][]]> = [
    [`${stem}.serde.json`, [["entries"]]],
    [`${stem}_expected.json`, [["items"]]],
    [join(dirname(dirname(file)), "output", `${basename(stem)}.json`), [["feed", "items"]]],
  ];
  // A sibling .json is gofeed's golden, unless it is the same site's JSON Feed (rsparser).
  if (!file.endsWith(".json")) candidates.push([`${stem}.json`, [["items"], ["entries"]]]);
  for (const [golden, paths] of candidates) {
    if (!existsSync(golden) || (golden === `${stem}.json` && isJsonFeedFile(golden))) continue;
    const json = readJson(golden);
    for (const path of paths) {
      const count = countOf(json, ...path);
      if (count === undefined) continue;
      let list: unknown = json;
      for (const k of path) list = (list as Record<string, unknown>)[k];
      const titles = (list as Array<{ title?: unknown }>).map((i) => titleText(i?.title));
      return { count, titles, golden };
    }
  }
  return undefined;
}

interface Outcome {
  file: string;
  result: "parsed" | "parse-error" | "crash";
  code?: string;
  message?: string;
  items?: number;
  expected?: number;
  /** Item titles that differ from the golden's (after whitespace normalisation). */
  titleDiffs?: string[];
  charset?: string;
  warnings?: string[];
}

async function runOne(file: string): Promise<Outcome> {
  let body = readFileSync(file);
  if (body[0] === 0x1f && body[1] === 0x8b) body = gunzipSync(body); // gzip is HTTP's job; undo it here
  const golden = goldenOf(file);
  const expected = golden?.count;
  const base = { file, ...(expected === undefined ? {} : { expected }) };
  try {
    const { text, charset, warnings: decodeWarnings } = decodeBody(body);
    const feed = await parseFeed(text, { url: `https://feeds.example/${basename(file)}` });
    const titleDiffs = (golden?.titles ?? []).flatMap((want, i) => {
      const got = (feed.items[i] as { title?: unknown } | undefined)?.title;
      return want !== undefined && norm(want) !== norm(typeof got === "string" ? got : JSON.stringify(got))
        ? [`${JSON.stringify(norm(want))} != ${JSON.stringify(got)}`]
        : [];
    });
    const warnings = [...decodeWarnings, ...feed.warnings];
    return { ...base, result: "parsed", items: feed.items.length, charset, warnings, titleDiffs };
  } catch (error) {
    if (error instanceof FeedParseError) return { ...base, result: "parse-error", code: error.code, message: error.message };
    return { ...base, result: "crash", message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** Deterministic damage to a feed: truncation, injected markup, a removed span. */
function* mutations(text: string, count: number): Generator<string> {
  let seed = text.length;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const junk = ["<", "&", "]]>", "<![CDATA[", "</item>", "<item>", "</entry>", "<entry>", "\u0000", "<!--", '"', "<link>", "<link/>", "<published>x</published>", "&#0;", "</channel>"];
  for (let k = 0; k < count; k++) {
    const pos = Math.floor(rand() * text.length);
    if (k % 3 === 0) yield text.slice(0, pos);
    else if (k % 3 === 1) yield text.slice(0, pos) + junk[Math.floor(rand() * junk.length)] + text.slice(pos);
    else yield text.slice(0, pos) + text.slice(Math.min(text.length, pos + Math.floor(rand() * 200)));
  }
}

describe("feed corpus hardening", () => {
  it("decodes and parses every corpus feed without unexpected throws", async () => {
    if (!dir) throw new Error("set CORPUS_FEEDS_DIR (run: node scripts/harden-feeds.mjs <dir>)");
    const all = walk(dir);
    const names = new Set(all);
    const inputs = all.filter((f) => XML_EXT.has(extname(f)) || isJsonInput(f, names)).sort();
    const outcomes: Outcome[] = [];
    for (const file of inputs) outcomes.push(await runOne(file));

    const crashes = outcomes.filter((o) => o.result === "crash");
    const errors = outcomes.filter((o) => o.result === "parse-error");
    const byCode = Object.fromEntries([...new Set(errors.map((o) => o.code))].map((c) => [c, errors.filter((o) => o.code === c).length]));
    const compared = outcomes.filter((o) => o.expected !== undefined);
    const agree = compared.filter((o) => o.items === o.expected);
    const disagree = compared.filter((o) => o.items !== o.expected);
    const rel = (o: Outcome) => relative(dir, o.file);
    const summary = {
      inputs: inputs.length,
      parsed: outcomes.length - crashes.length - errors.length,
      parseErrors: byCode,
      crashes: crashes.length,
      withGolden: compared.length,
      itemCountsAgree: agree.length,
      itemCountsDisagree: disagree.map((o) => `${rel(o)}: ${o.items ?? o.code} vs ${o.expected}`),
      titlesAgree: compared.filter((o) => o.titleDiffs?.length === 0).length,
      titleDiffs: compared.filter((o) => o.titleDiffs?.length).map((o) => `${rel(o)}: ${o.titleDiffs?.slice(0, 2).join("; ")}`),
      itemByItem: outcomes.filter((o) => o.warnings?.some((w) => w.startsWith("parsed item by item"))).map(rel),
      withWarnings: outcomes.filter((o) => o.warnings?.length).length,
      errors: errors.map((o) => `${rel(o)}: ${o.code}: ${o.message}`),
      crashList: crashes.map((o) => `${rel(o)}: ${o.message}`),
      nonUtf8: outcomes.filter((o) => o.charset && o.charset !== "utf-8").map((o) => `${rel(o)}: ${o.charset}`),
    };
    if (process.env.CORPUS_HARDEN_REPORT) {
      writeFileSync(process.env.CORPUS_HARDEN_REPORT, JSON.stringify({ summary, outcomes }, null, 2));
    }
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);

    expect(summary.crashList).toEqual([]);
    expect(agree.length / Math.max(1, compared.length)).toBeGreaterThanOrEqual(MIN_GOLDEN_AGREEMENT);
  }, 600_000);

  it("survives damaged copies of every corpus feed (truncated, injected markup, cut spans)", async () => {
    if (!dir) throw new Error("set CORPUS_FEEDS_DIR (run: node scripts/harden-feeds.mjs <dir>)");
    const files = walk(dir).filter((f) => XML_EXT.has(extname(f)));
    const crashes: string[] = [];
    const codes: Record<string, number> = { parsed: 0 };
    for (const file of files) {
      const { text } = decodeBody(readFileSync(file));
      for (const damaged of mutations(text, 9)) {
        try {
          await parseFeed(damaged, { url: "https://feeds.example/damaged" });
          codes.parsed = (codes.parsed ?? 0) + 1;
        } catch (error) {
          if (error instanceof FeedParseError) codes[error.code] = (codes[error.code] ?? 0) + 1;
          else crashes.push(`${relative(dir, file)}: ${String(error)}`);
        }
      }
    }
    process.stdout.write(`${JSON.stringify({ damagedCopies: files.length * 9, outcomes: codes, crashes: crashes.length })}\n`);
    expect(crashes).toEqual([]);
  }, 600_000);
});
