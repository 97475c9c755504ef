import type { ParsedFeed } from "./parse";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : undefined);

/** True when a parsed JSON value is a JSON Feed (1.0 or 1.1), judged by `version` or an `items` array. */
export function isJsonFeed(value: unknown): value is Json {
  if (!isObject(value)) return false;
  return (typeof value.version === "string" && value.version.includes("jsonfeed.org")) || Array.isArray(value.items);
}

function authorName(value: unknown): string | undefined {
  if (isObject(value)) return str(value.name) ?? str(value.url);
  return str(value);
}

function isoDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const t = new Date(value);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}

/** One JSON Feed item in rss-parser's item shape. */
function toItem(raw: Json): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined) item[key] = value;
  };
  set("guid", str(raw.id));
  set("link", str(raw.url) ?? str(raw.external_url));
  set("title", str(raw.title));
  set("content", str(raw.content_html) ?? str(raw.content_text));
  set("contentSnippet", str(raw.content_text));
  set("summary", str(raw.summary));
  const published = str(raw.date_published) ?? str(raw.date_modified);
  set("pubDate", published);
  set("isoDate", isoDate(published));
  const authors = Array.isArray(raw.authors) ? raw.authors : raw.author !== undefined ? [raw.author] : [];
  const creator = authors.map(authorName).find((n) => n !== undefined);
  set("creator", creator);
  set("author", creator);
  if (Array.isArray(raw.tags)) set("categories", raw.tags.map(str).filter((t) => t !== undefined));
  const attachment = Array.isArray(raw.attachments) ? raw.attachments.find(isObject) : undefined;
  if (attachment && str(attachment.url)) {
    set("enclosure", {
      url: str(attachment.url),
      ...(str(attachment.mime_type) ? { type: str(attachment.mime_type) } : {}),
      ...(typeof attachment.size_in_bytes === "number" ? { length: attachment.size_in_bytes } : {}),
    });
  }
  return item;
}

/** Maps a JSON Feed 1.0/1.1 document to the same shape as an XML feed. */
export function fromJsonFeed(feed: Json): ParsedFeed {
  const warnings: string[] = [];
  const rawItems = Array.isArray(feed.items) ? feed.items : [];
  const items = rawItems.filter(isObject).map(toItem);
  if (items.length < rawItems.length) warnings.push(`${rawItems.length - items.length} JSON Feed items that are not objects ignored`);
  if (!Array.isArray(feed.items)) warnings.push("JSON Feed without an items array");
  const title = str(feed.title);
  const link = str(feed.home_page_url);
  return { format: "json", ...(title ? { title } : {}), ...(link ? { link } : {}), items, warnings };
}
