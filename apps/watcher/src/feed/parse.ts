import Parser from "rss-parser";
import { FeedParseError } from "./errors";
import { findFeedLinks, looksLikeHtml } from "./html-page";
import { fromJsonFeed, isJsonFeed } from "./json-feed";
import { ITEM_FIELDS, normaliseItem, textOf, type Item } from "./normalise-item";
import { installLinearSnippet } from "./snippet";
import { localName } from "./xml-scan";
import { repairXml, type RepairedXml } from "./xml-repair";

/** A parsed feed: its items in rss-parser's item shape, whatever the format was. */
export interface ParsedFeed {
  format: "rss" | "atom" | "rdf" | "json";
  title?: string;
  /** The site the feed belongs to (RSS channel link, Atom alternate link, JSON home_page_url). */
  link?: string;
  /**
   * rss-parser-shaped items (`title`, `link`, `guid`, `id`, `pubDate`, `isoDate`, `content`,
   * `contentSnippet`, `content:encoded`, `summary`, `creator`, `author`, `categories`, ...), in
   * document order, with GUIDs, titles and links left as the feed wrote them.
   */
  items: unknown[];
  /** What was repaired or skipped on the way (unknown entities, items that could not be read). */
  warnings: string[];
}

export interface ParseFeedOptions {
  /** The feed's URL, for messages and for resolving feed links announced by an HTML page. */
  url: string;
}

const ATOM_NS = /^http:\/\/(www\.w3\.org\/2005\/Atom|purl\.org\/atom\/ns#)$/;
type RssParserFeed = { items: Item[]; title?: unknown; link?: unknown };

// rss-parser's contentSnippet regexes are quadratic on hostile content: use the linear equivalent.
installLinearSnippet();

function createParser(): Parser {
  // A new parser per document: xml2js keeps state between parses, and a failed parse can leave it dirty.
  return new Parser({ defaultRSS: 2, customFields: { item: ITEM_FIELDS as unknown as string[][] } });
}

function parserMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ", ");
}

/**
 * Parses the whole document; when rss-parser fails on it, parses the channel alone and then each
 * item on its own, so one bad item costs only that item.
 */
async function parseXml(xml: string, items: RepairedXml["items"], warnings: string[], url: string): Promise<RssParserFeed> {
  try {
    return (await createParser().parseString(xml)) as unknown as RssParserFeed;
  } catch (error) {
    const first = items[0];
    const last = items[items.length - 1];
    const head = first && last ? xml.slice(0, first.start) + xml.slice(last.end) : xml;
    let feed: RssParserFeed;
    try {
      feed = (await createParser().parseString(head)) as unknown as RssParserFeed;
    } catch {
      throw new FeedParseError("malformed", `cannot parse ${url}: ${parserMessage(error)}`, { url, cause: error });
    }
    if (!first || !last) throw new FeedParseError("malformed", `cannot parse ${url}: ${parserMessage(error)}`, { url, cause: error });
    feed.items = [];
    const before = xml.slice(0, first.start);
    const after = xml.slice(last.end);
    for (const [i, range] of items.entries()) {
      try {
        const one = (await createParser().parseString(before + xml.slice(range.start, range.end) + after)) as unknown as RssParserFeed;
        feed.items.push(...one.items);
      } catch (itemError) {
        warnings.push(`item ${i + 1} skipped: ${parserMessage(itemError)}`);
      }
    }
    warnings.push(`parsed item by item after: ${parserMessage(error)}`);
    return feed;
  }
}

function formatOf(root: string): ParsedFeed["format"] | undefined {
  const local = localName(root);
  if (local === "rss") return "rss";
  if (local === "feed") return "atom";
  if (local === "RDF") return "rdf";
  return undefined;
}

function parseJson(text: string, url: string): ParsedFeed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FeedParseError("malformed", `cannot parse ${url} as JSON: ${parserMessage(error)}`, { url, cause: error });
  }
  if (!isJsonFeed(value)) throw new FeedParseError("not-a-feed", `${url} is JSON but not a JSON Feed (no version or items)`, { url });
  return fromJsonFeed(value);
}

function notAFeed(text: string, url: string, root: string | undefined): FeedParseError {
  if (looksLikeHtml(text) || root?.toLowerCase() === "html" || localName(root ?? "") === "html") {
    const feedLinks = findFeedLinks(text, url);
    const hint = feedLinks.length ? `; it announces a feed at ${feedLinks.join(", ")}` : "";
    return new FeedParseError("not-a-feed", `${url} looks like an HTML page, not a feed${hint}`, { url, feedLinks });
  }
  return new FeedParseError("not-a-feed", `${url} is neither RSS, Atom, RDF nor JSON Feed (starts with ${JSON.stringify(text.slice(0, 40))})`, { url });
}

/**
 * Parses RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0 or JSON Feed 1.x text (see `decodeBody`).
 * Throws FeedParseError: "empty" for a blank body, "not-a-feed" for HTML pages (naming the feed
 * links they announce) and other documents, "malformed" when even item-by-item parsing fails.
 */
export async function parseFeed(text: string, options: ParseFeedOptions): Promise<ParsedFeed> {
  const { url } = options;
  const body = text.replace(/^\uFEFF/, "").trimStart();
  if (body.trim() === "") throw new FeedParseError("empty", `${url} returned an empty body`, { url });
  if (body.startsWith("{") || body.startsWith("[")) return parseJson(body, url);

  let repaired = repairXml(body, { baseUrl: url });
  if (repaired.root && localName(repaired.root.name) === "entry" && ATOM_NS.test(repaired.root.attributes.get("xmlns") ?? "")) {
    // A lone Atom entry document (RFC 4287 5.1): read it as a feed of one.
    const entry = repaired.xml.replace(/^<\?xml[^>]*>/, "");
    repaired = repairXml(`<feed xmlns="${repaired.root.attributes.get("xmlns")}">${entry}</feed>`, { baseUrl: url });
    repaired.warnings.push("an Atom entry document, read as a feed with one entry");
  }
  const format = repaired.root ? formatOf(repaired.root.name) : undefined;
  if (!repaired.root || !format) throw notAFeed(body, url, repaired.root?.name);

  const warnings = [...repaired.warnings];
  if ((format === "rss" || format === "rdf") && !/<([\w.-]+:)?channel[\s>/]/.test(repaired.xml)) {
    warnings.push(`<${repaired.root.name}> without a <channel>: no items`);
    return { format, items: [], warnings };
  }
  const feed = await parseXml(repaired.xml, repaired.items, warnings, url);
  const title = textOf(feed.title);
  const link = textOf(feed.link);
  const items = (feed.items ?? []).map(normaliseItem);
  return { format, ...(title ? { title } : {}), ...(link ? { link } : {}), items, warnings };
}
