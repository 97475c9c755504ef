// Runs fromFeedItem over every item rss-parser can read in a folder of feed files and reports
// crashes, invalid documents and the most common issues. For hardening during development:
//   node scripts/check-feed-items.mjs /path/to/feeds [--show-issues]
// rss-parser comes from the watcher's dependencies; this package does not depend on it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import Parser from "rss-parser";
import { DocumentSchema, fromFeedItem } from "../dist/index.mjs";

const [root, flag] = process.argv.slice(2);
if (!root) {
  process.stderr.write("usage: node scripts/check-feed-items.mjs <feeds-dir> [--show-issues]\n");
  process.exit(2);
}

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(xml|rss|atom|rdf)$/i.test(name)) yield path;
  }
}

const parser = new Parser({ customFields: { item: ["dc:date", "published", "updated", "description", "category"] } });
const stats = { files: 0, unreadable: 0, items: 0, crashes: 0, invalid: 0, withIssues: 0, ids: new Map() };
const issueKinds = new Map();
for (const path of files(root)) {
  stats.files += 1;
  let feed;
  try {
    feed = await parser.parseString(readFileSync(path, "utf8"));
  } catch {
    stats.unreadable += 1;
    continue;
  }
  const ref = { id: path.slice(root.length).replace(/[^A-Za-z0-9._~-]+/g, "-"), url: "https://feeds.example/feed.xml", link: typeof feed.link === "string" ? feed.link : undefined };
  for (const item of feed.items ?? []) {
    stats.items += 1;
    try {
      const { document, issues } = fromFeedItem(item, ref, { fetchedAt: "2025-11-25T08:00:00Z" });
      if (!DocumentSchema.safeParse(document).success) stats.invalid += 1;
      if (issues.length > 0) stats.withIssues += 1;
      for (const issue of issues) {
        const kind = issue.replace(/"(?:[^"\\]|\\.)*"/g, "…").replace(/\d+/g, "N");
        issueKinds.set(kind, (issueKinds.get(kind) ?? 0) + 1);
        if (flag === "--show-issues") process.stdout.write(`${path}: ${issue}\n`);
      }
      const key = `${ref.id} ${document.id}`;
      stats.ids.set(key, (stats.ids.get(key) ?? 0) + 1);
    } catch (error) {
      stats.crashes += 1;
      process.stdout.write(`CRASH ${path}: ${error?.stack ?? error}\n`);
    }
  }
}
const repeated = [...stats.ids.values()].filter((count) => count > 1).length;
process.stdout.write(
  `files ${stats.files}, unreadable by rss-parser ${stats.unreadable}, items ${stats.items}, crashes ${stats.crashes}, ` +
    `invalid documents ${stats.invalid}, items with issues ${stats.withIssues}, ids repeated within a feed ${repeated}\n`,
);
for (const [kind, count] of [...issueKinds].sort((a, b) => b[1] - a[1]).slice(0, 25)) process.stdout.write(`${String(count).padStart(6)}  ${kind}\n`);
