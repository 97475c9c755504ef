/**
 * Readers for the loosely typed values rss-parser (and XML parsers in general) hand back: a field
 * may be a string, a number, an `{ _: text, $: attributes }` object, an array of any of these, or
 * something else entirely. Each reader returns plain strings or `undefined`, never throws.
 */

/** Deep enough for `[{ _: "x" }]`-style nesting, shallow enough that cyclic input cannot hang us. */
const MAX_DEPTH = 4;

export type Loose = Record<string, unknown>;

export function isRecord(value: unknown): value is Loose {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The text of a field: a string, a number, an element's `_`/`#text`/`$t`, or the first usable array entry. */
export function textOf(value: unknown, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (typeof value === "string") return value.trim() === "" ? undefined : value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (Array.isArray(value)) {
    for (const entry of value) {
      const text = textOf(entry, depth + 1);
      if (text !== undefined) return text;
    }
    return undefined;
  }
  if (isRecord(value)) {
    for (const key of ["_", "#text", "$t", "#", "value", "name"]) {
      const text = textOf(value[key], depth + 1);
      if (text !== undefined) return text;
    }
    return childText(value, depth);
  }
  return undefined;
}

/**
 * Inline markup that the XML parser turned into child elements (an Atom `type="xhtml"` title is
 * `{ $: {...}, div: [{ p: ["Entry Title"] }] }`): join the children's text, leaving attributes out.
 */
function childText(value: Loose, depth: number): string | undefined {
  const parts: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    if (key === "$") continue;
    const entries = Array.isArray(child) ? child : [child];
    for (const entry of entries) {
      const text = textOf(entry, depth + 1);
      if (text !== undefined) parts.push(text.trim());
    }
  }
  return parts.length === 0 ? undefined : parts.join(" ");
}

function attributesOf(value: Loose): Loose {
  return isRecord(value.$) ? value.$ : value;
}

/**
 * The link of an item: a string, an Atom link object (`{ $: { href, rel } }`), or an array of
 * those, where the `alternate` (or rel-less) link wins over `self`, `enclosure`, `replies`...
 */
export function linkOf(value: unknown, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (typeof value === "string") return value.trim() === "" ? undefined : value;
  if (Array.isArray(value)) {
    const alternate = value.find((entry) => {
      if (!isRecord(entry)) return false;
      const rel = attributesOf(entry).rel;
      return rel === undefined || rel === "alternate";
    });
    for (const entry of alternate === undefined ? value : [alternate, ...value]) {
      const link = linkOf(entry, depth + 1);
      if (link !== undefined) return link;
    }
    return undefined;
  }
  if (isRecord(value)) {
    const attributes = attributesOf(value);
    return textOf(attributes.href, depth + 1) ?? textOf(attributes.url, depth + 1) ?? textOf(value._, depth + 1);
  }
  return undefined;
}

/** Every text in a field that may hold one value or a list (categories, authors). */
export function textsOf(value: unknown, depth = 0): string[] {
  if (depth > MAX_DEPTH) return [];
  if (Array.isArray(value)) return value.flatMap((entry) => textsOf(entry, depth + 1));
  if (isRecord(value)) {
    const attributes = attributesOf(value);
    // Atom categories carry their text in `term` (or `label`); elements in `_`; authors in `name`.
    for (const key of ["_", "term", "label", "name", "#text", "$t"]) {
      const found = textsOf(key === "_" || key === "name" ? value[key] : attributes[key] ?? value[key], depth + 1);
      if (found.length > 0) return found;
    }
    return [];
  }
  const text = textOf(value, depth);
  return text === undefined ? [] : [text];
}

/** RSS `<author>` is "email (Name)"; keep the name, and drop a bare email address. */
export function authorName(raw: string): string | undefined {
  const text = raw.replace(/\s+/g, " ").trim();
  const inParens = /^\S+@\S+\s*\((.+)\)$/.exec(text);
  if (inParens?.[1]) return inParens[1].trim();
  if (/^\S+@\S+\.\S+$/.test(text)) return undefined;
  return text === "" ? undefined : text;
}

/** Case-insensitive de-duplication that keeps the first spelling and the original order. */
export function uniqueTexts(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const key = value.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(value);
    }
  }
  return out;
}

/** A short excerpt that ends on a word boundary, for items without a title. */
export function snippet(text: string, maxLength = 120): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= maxLength) return line;
  const cut = line.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
