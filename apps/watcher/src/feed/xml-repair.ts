import { absolutiseHref, attributeOf, resolveHref } from "./xml-base";
import { FORBIDDEN_CHARS, repairReferences, type ReferenceCounts } from "./xml-references";
import { localName, scanXml, tagAttributes } from "./xml-scan";
import { finishSpecial, isHtmlVoid, startSpecial, type Special, type SpecialCounts } from "./xml-specials";

/** The result of `repairXml`: text the strict XML parser accepts in far more real-world cases. */
export interface RepairedXml {
  xml: string;
  /** The root element as written, e.g. "rss", "rdf:RDF", "feed"; undefined when there is none. */
  root?: { name: string; attributes: Map<string, string> };
  /** Offsets in `xml` of each top-level item (`<item>`, `<entry>`), in document order. */
  items: Array<{ start: number; end: number }>;
  warnings: string[];
}

const ITEM_NAMES = new Set(["item", "entry"]);
const ATOM_NS = /^http:\/\/(www\.w3\.org\/2005\/Atom|purl\.org\/atom\/ns#)$/;

/**
 * rss-parser finds RSS 1.0 only under a root spelled `rdf:RDF`, and Atom only without a prefix
 * (`<atom:feed xmlns:atom=...>` is valid Atom): the renaming that makes such roots readable.
 */
function rootRenamer(name: string, attributes: Map<string, string>): (name: string) => string {
  const [prefix, local] = name.includes(":") ? name.split(":") : [undefined, name];
  if (prefix === undefined) return (n) => n;
  if (local === "RDF" && name !== "rdf:RDF") return (n) => (n === name ? "rdf:RDF" : n);
  if (local === "feed" && ATOM_NS.test(attributes.get(`xmlns:${prefix}`) ?? "")) {
    return (n) => (n.startsWith(`${prefix}:`) ? n.slice(prefix.length + 1) : n);
  }
  return (n) => n;
}

/** A start tag without its closing `>` or `/>` and the whitespace before it (no regex: tags can be huge). */
function openOf(tag: string): string {
  let end = tag.endsWith(">") ? tag.length - 1 : tag.length;
  if (tag[end - 1] === "/") end--;
  while (end > 0 && /\s/.test(tag[end - 1] as string)) end--;
  return tag.slice(0, end);
}

export interface RepairOptions {
  /** The document's URL: relative Atom links resolve against it (RFC 4287), or an xml:base in scope. */
  baseUrl?: string;
}

/** The base URL at one depth, and whether an xml:base attribute (not just the document URL) set it. */
interface Base {
  url: string | undefined;
  explicit: boolean;
}

/**
 * Repairs what real feeds get wrong before the strict parser sees them: HTML entities and bare
 * ampersands, stray `<`, forbidden control characters, text before or after the root element,
 * mismatched and unclosed tags (a truncated trailing item is dropped), the XML declaration's
 * encoding, and in Atom links without `href` and unparseable dates (rss-parser throws on both).
 * Titles, descriptions and contents holding markup (Atom `type="xhtml"`, or HTML the publisher
 * forgot to escape) become escaped HTML, so their text keeps its order instead of becoming objects.
 * Records where each item is, so one item that still fails can be parsed on its own.
 */
export function repairXml(input: string, options: RepairOptions = {}): RepairedXml {
  const parts: string[] = [];
  const refs: ReferenceCounts = { html: 0, unknown: 0, bare: 0, invalid: 0 };
  const rewritten: SpecialCounts = { links: 0, dates: 0, markup: 0 };
  const counts = { control: 0, lt: 0, endTags: 0 };
  const warnings: string[] = [];
  const stack: string[] = [];
  const itemParts: Array<[number, number]> = [];
  let root: RepairedXml["root"];
  let atom = false;
  let rename = (n: string) => n;
  let item: { part: number; depth: number } | undefined;
  let special: Special | undefined;
  let done = false;
  const bases: Base[] = []; // bases[d]: in scope inside the open element at depth d
  const documentBase: Base = { url: options.baseUrl, explicit: false };
  let ignoredBefore = false;
  let ignoredAfter = false;

  /** Pops the stack down to `depth`, closing each element (and the item, when it is one). */
  const closeTo = (depth: number, write = true) => {
    while (stack.length > depth) {
      const name = stack.pop() as string;
      if (write) parts.push(`</${name}>`);
      if (item && stack.length === item.depth) {
        itemParts.push([item.part, parts.length]);
        item = undefined;
      }
    }
  };

  for (const token of scanXml(input)) {
    const raw = input.slice(token.start, token.end);
    if (done) {
      if (token.type !== "comment" && raw.trim() !== "") ignoredAfter = true;
      continue;
    }
    switch (token.type) {
      case "text": {
        if (!root) {
          if (raw.trim() !== "") ignoredBefore = true;
          break;
        }
        let text = raw.replace(FORBIDDEN_CHARS, () => (counts.control++, ""));
        text = repairReferences(text.replace(/</g, () => (counts.lt++, "&lt;")), refs);
        if (special) special.text += text;
        parts.push(text);
        break;
      }
      case "cdata": {
        if (!root) break;
        const closed = raw.endsWith("]]>");
        if (special) special.text += raw.slice(9, closed ? -3 : undefined);
        parts.push(closed ? raw : `${raw}]]>`);
        break;
      }
      case "comment":
        parts.push(raw.endsWith("-->") ? raw : `${raw}-->`);
        break;
      case "pi":
        if (root) parts.push(raw);
        else if (/^<\?xml\s/i.test(raw)) parts.push(raw.length > 1024 ? raw : raw.replace(/\s+encoding\s*=\s*(["'])[^"']*\1/, ""));
        break;
      case "doctype":
        if (!root) parts.push(raw);
        break;
      case "start":
      case "empty": {
        const written = token.name as string;
        let tag = repairReferences(raw.replace(FORBIDDEN_CHARS, ""), refs);
        if (!root) {
          root = { name: written, attributes: tagAttributes(tag) };
          atom = localName(written) === "feed";
          rename = rootRenamer(written, root.attributes);
        }
        const name = rename(written);
        tag = `<${name}${tag.slice(1 + written.length)}`;
        const local = localName(name);
        const parent = stack.length > 0 ? (bases[stack.length - 1] as Base) : documentBase;
        const xmlBase = attributeOf(tag, "xml:base");
        const base: Base = xmlBase === undefined ? parent : { url: resolveHref(xmlBase, parent.url), explicit: true };
        if (atom && local === "link") tag = absolutiseHref(tag, base.url);
        const open = openOf(tag);
        if (special) {
          special.children = true;
          if (special.kind === "markup" && token.type === "start" && isHtmlVoid(name)) {
            parts.push(`${open}/>`);
            break;
          }
        } else if (atom && token.type === "empty" && local === "link" && open === `<${name}`) {
          rewritten.links++; // <link/>: nothing to read, and rss-parser throws on it
          break;
        } else if (token.type === "start") {
          special = startSpecial({ atom, name, tag, open, part: parts.length, depth: stack.length, base });
        }
        if (token.type === "start" && !item && ITEM_NAMES.has(local) && stack.length > 0) item = { part: parts.length, depth: stack.length };
        parts.push(tag);
        if (token.type === "start") {
          bases[stack.length] = base;
          stack.push(name);
        } else if (stack.length === 0) done = true; // <feed/>: the whole document
        break;
      }
      case "end": {
        const name = rename(token.name as string);
        const at = stack.lastIndexOf(name);
        if (at < 0) {
          counts.endTags++;
          break;
        }
        if (special && at < special.depth) {
          // Never closed: drop a link without href, keep the rest as written.
          if (special.kind === "link") {
            parts.length = special.part;
            closeTo(special.depth, false);
            rewritten.links++;
          }
          special = undefined;
        }
        if (special && at === special.depth) {
          const s = special;
          special = undefined;
          closeTo(at + 1);
          if (finishSpecial(s, parts, rewritten)) {
            closeTo(at, false);
            break;
          }
        }
        closeTo(at);
        if (stack.length === 0) done = true;
        break;
      }
    }
  }

  if (root && stack.length > 0) {
    if (item) {
      parts.length = item.part;
      stack.length = item.depth;
      item = undefined;
      warnings.push("the document ends inside an item (truncated?); that item was dropped");
    } else warnings.push("the document ends before its elements are closed (truncated?)");
    special = undefined;
    closeTo(0);
  }

  const note = (n: number, what: string) => n > 0 && warnings.push(`${n} ${what}`);
  note(refs.html, "HTML entities rewritten as character references");
  note(refs.unknown, "unknown entities kept as text");
  note(refs.bare, "bare ampersands escaped");
  note(refs.invalid, "references to characters XML forbids removed");
  note(counts.control, "control characters removed");
  note(counts.lt, "unescaped '<' escaped");
  note(counts.endTags, "end tags without a start tag ignored");
  note(rewritten.links, "Atom links without href ignored");
  note(rewritten.dates, "unparseable Atom dates ignored");
  note(rewritten.markup, "texts with inline markup (Atom xhtml or unescaped HTML) turned into escaped HTML");
  if (ignoredBefore) warnings.push("text before the root element ignored");
  if (ignoredAfter) warnings.push("content after the root element ignored");

  const offsets: number[] = [0];
  for (const p of parts) offsets.push((offsets[offsets.length - 1] as number) + p.length);
  const items = itemParts.map(([s, e]) => ({ start: offsets[s] as number, end: offsets[e] as number }));
  return { xml: parts.join(""), ...(root ? { root } : {}), items, warnings };
}
