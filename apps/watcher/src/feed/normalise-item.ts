/** rss-parser's item objects, and how they are brought to one shape across RSS, RDF and Atom. */
export type Item = Record<string, unknown>;

/** Extra fields we read; the `_corpus*` ones are folded into the standard fields and removed. */
export const ITEM_FIELDS = [
  ["category", "_corpusCategory", { keepArray: true }],
  ["dc:subject", "_corpusSubject", { keepArray: true }],
  ["issued", "_corpusIssued"],
  ["modified", "_corpusModified"],
  ["created", "_corpusCreated"],
  ["media:content", "media:content", { keepArray: true }],
  ["media:thumbnail", "media:thumbnail", { keepArray: true }],
  ["media:group", "media:group"],
  ["media:description", "media:description"],
] as const;

/** Text of an xml2js value: a string, or the `_` text of an element that had attributes. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "object" && value !== null && "_" in value) return textOf((value as { _: unknown })._);
  return undefined;
}

function validIso(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const t = new Date(value.trim());
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}

function categoryText(value: unknown): string | undefined {
  if (typeof value === "object" && value !== null && "$" in value) {
    const attrs = (value as { $: Record<string, unknown> }).$;
    const term = textOf(attrs.term) ?? textOf(attrs.label);
    if (term) return term;
  }
  return textOf(value);
}

/** Folds the extra fields into rss-parser's standard ones, so every format yields the same shape. */
export function normaliseItem(item: Item): Item {
  const raw = (item._corpusCategory ?? item._corpusSubject) as unknown;
  if (Array.isArray(raw)) {
    const categories = raw.map(categoryText).filter((c): c is string => c !== undefined);
    if (categories.length) item.categories = categories;
    else delete item.categories;
  } else if (Array.isArray(item.categories)) {
    item.categories = item.categories.map(categoryText).filter((c): c is string => c !== undefined);
  }
  if (item.pubDate === undefined) {
    const date = [item.date, item._corpusIssued, item._corpusModified, item._corpusCreated].map(textOf).find(Boolean);
    if (date) item.pubDate = date;
  }
  if (item.isoDate === undefined) {
    const iso = validIso(textOf(item.pubDate));
    if (iso) item.isoDate = iso;
  }
  if (item.creator === undefined && typeof item.author === "string") item.creator = item.author;
  for (const key of Object.keys(item)) if (key.startsWith("_corpus")) delete item[key];
  return item;
}
