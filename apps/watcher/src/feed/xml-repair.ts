import { HTML_ENTITIES } from "./html-entities";
import { absolutiseHref, attributeOf, escapeAttr, resolveHref } from "./xml-base";
import { localName, scanXml, tagAttributes } from "./xml-scan";

/** The result of `repairXml`: text the strict XML parser accepts in far more real-world cases. */
export interface RepairedXml {
  xml: string;
  /** The root element as written, e.g. "rss", "rdf:RDF", "feed"; undefined when there is none. */
  root?: { name: string; attributes: Map<string, string> };
  /** Offsets in `xml` of each top-level item (`<item>`, `<entry>`), in document order. */
  items: Array<{ start: number; end: number }>;
  warnings: string[];
}

const XML_ENTITIES = new Set(["amp", "lt", "gt", "quot", "apos"]);
// XML 1.0 forbids these characters even as references; sax rejects some of them.
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ITEM_NAMES = new Set(["item", "entry"]);
const ATOM_NS = /^http:\/\/(www\.w3\.org\/2005\/Atom|purl\.org\/atom\/ns#)$/;
/** Text elements that feeds fill with unescaped ("naked") HTML, or Atom with type="xhtml". */
const ATOM_TEXT = new Set(["title", "subtitle", "summary", "content", "rights", "tagline"]);
const RSS_TEXT = new Set(["title", "description", "content:encoded"]);
/** HTML elements without end tags; inside unescaped HTML they are written as empty elements. */
const HTML_VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

interface Counts {
  html: number;
  unknown: number;
  bare: number;
  invalidRefs: number;
  control: number;
  lt: number;
  endTags: number;
  links: number;
  dates: number;
  markup: number;
}

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/**
 * Makes character references well-formed: HTML named entities (`&nbsp;`) become numeric references,
 * unknown names and bare ampersands become `&amp;`, references to characters XML forbids are dropped.
 */
function repairReferences(segment: string, counts: Counts): string {
  return segment.replace(/&(?:#(\d{1,8});|#[xX]([0-9a-fA-F]{1,8});|([A-Za-z][A-Za-z0-9]*);)?/g, (m, dec?: string, hex?: string, name?: string) => {
    if (dec !== undefined || hex !== undefined) {
      if (isXmlChar(dec !== undefined ? Number(dec) : parseInt(hex ?? "", 16))) return m;
      counts.invalidRefs++;
      return "";
    }
    if (name === undefined) return (counts.bare++, "&amp;");
    if (XML_ENTITIES.has(name)) return m;
    const cp = HTML_ENTITIES.get(name);
    if (cp !== undefined) return (counts.html++, `&#${cp};`);
    return (counts.unknown++, `&amp;${name};`);
  });
}

const isValidDate = (text: string) => !Number.isNaN(new Date(text).getTime());
const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

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

/** An Atom element rewritten once it is complete (see `repairXml`). */
interface Special {
  kind: "date" | "link" | "markup" | "rss-link";
  name: string;
  /** Index in `parts` of its start tag, and the depth it sits at. */
  part: number;
  depth: number;
  /** The start tag without its closing `>` / `/>`. */
  open: string;
  text: string;
  /** Child elements seen inside (markup). */
  children: boolean;
  /** Base URL in scope, for links. */
  base?: string;
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
  const counts: Counts = { html: 0, unknown: 0, bare: 0, invalidRefs: 0, control: 0, lt: 0, endTags: 0, links: 0, dates: 0, markup: 0 };
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

  /** Replaces a completed special element; returns false to let it close normally. */
  const finishSpecial = (s: Special): boolean => {
    const content = s.text.trim();
    if (s.kind === "date") {
      if (isValidDate(s.text)) return false;
      parts.length = s.part;
      if (isValidDate(content)) parts.push(`${s.open}>${content}</${s.name}>`);
      else counts.dates++;
      return true;
    }
    if (s.kind === "rss-link") {
      if (!/^\S+$/.test(content) || s.children) return false;
      parts.length = s.part;
      parts.push(`${s.open}>${escapeAttr(resolveHref(content.replace(/&amp;/g, "&"), s.base))}</${s.name}>`);
      return true;
    }
    if (s.kind === "link") {
      parts.length = s.part;
      // A URL written as content becomes the href; a link with neither attributes nor URL is dropped.
      if (/^\S+$/.test(content)) parts.push(`${s.open} href="${escapeAttr(resolveHref(content.replace(/&amp;/g, "&"), s.base))}"/>`);
      else if (s.open !== `<${s.name}`) parts.push(`${s.open}/>`);
      else counts.links++;
      return true;
    }
    const xhtml = /\stype\s*=\s*(["'])(xhtml|application\/xhtml\+xml)\1/.test(s.open);
    if (!s.children && !xhtml) return false;
    // CDATA inside such an element holds HTML as written: it goes into the escaped HTML as it is.
    let inner = parts
      .slice(s.part + 1)
      .join("")
      .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, "$1");
    if (xhtml) inner = inner.trim().replace(/^<([\w.-]+:)?div\b[^>]*>([\s\S]*)<\/([\w.-]+:)?div>$/, "$2");
    parts.length = s.part;
    const open = xhtml ? s.open.replace(/\stype\s*=\s*(["'])[^"']*\1/, ' type="html"') : s.open;
    parts.push(`${open}>${escapeText(inner)}</${s.name}>`);
    counts.markup++;
    return true;
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
        text = repairReferences(text.replace(/</g, () => (counts.lt++, "&lt;")), counts);
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
        else if (/^<\?xml\s/i.test(raw)) parts.push(raw.replace(/\s+encoding\s*=\s*(["'])[^"']*\1/, ""));
        break;
      case "doctype":
        if (!root) parts.push(raw);
        break;
      case "start":
      case "empty": {
        const written = token.name as string;
        let tag = repairReferences(raw.replace(FORBIDDEN_CHARS, ""), counts);
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
        const open = tag.replace(/\s*\/?>$/, "");
        if (special?.kind === "markup" && token.type === "start" && HTML_VOID.has(local.toLowerCase())) {
          special.children = true;
          parts.push(`${open}/>`);
          break;
        }
        if (special) special.children = true;
        else if (token.type === "start" && stack.length > 0 && (atom ? ATOM_TEXT.has(local) : RSS_TEXT.has(name))) {
          special = { kind: "markup", name, part: parts.length, depth: stack.length, open, text: "", children: false };
        }
        if (atom && !special && stack.length > 0) {
          if (local === "link" && !/\shref\s*=/.test(tag)) {
            if (token.type === "empty" && open === `<${name}`) {
              counts.links++;
              break;
            }
            if (token.type === "start") special = { kind: "link", name, part: parts.length, depth: stack.length, open, text: "", children: false, ...(base.url ? { base: base.url } : {}) };
          } else if (token.type === "start" && (local === "published" || local === "updated")) {
            special = { kind: "date", name, part: parts.length, depth: stack.length, open, text: "", children: false };
          }
        } else if (!atom && !special && token.type === "start" && name === "link" && base.explicit) {
          special = { kind: "rss-link", name, part: parts.length, depth: stack.length, open, text: "", children: false, ...(base.url ? { base: base.url } : {}) };
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
            counts.links++;
          }
          special = undefined;
        }
        if (special && at === special.depth) {
          const s = special;
          special = undefined;
          closeTo(at + 1);
          if (finishSpecial(s)) {
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
  note(counts.html, "HTML entities rewritten as character references");
  note(counts.unknown, "unknown entities kept as text");
  note(counts.bare, "bare ampersands escaped");
  note(counts.invalidRefs, "references to characters XML forbids removed");
  note(counts.control, "control characters removed");
  note(counts.lt, "unescaped '<' escaped");
  note(counts.endTags, "end tags without a start tag ignored");
  note(counts.links, "Atom links without href ignored");
  note(counts.dates, "unparseable Atom dates ignored");
  note(counts.markup, "texts with inline markup (Atom xhtml or unescaped HTML) turned into escaped HTML");
  if (ignoredBefore) warnings.push("text before the root element ignored");
  if (ignoredAfter) warnings.push("content after the root element ignored");

  const offsets: number[] = [0];
  for (const p of parts) offsets.push((offsets[offsets.length - 1] as number) + p.length);
  const items = itemParts.map(([s, e]) => ({ start: offsets[s] as number, end: offsets[e] as number }));
  return { xml: parts.join(""), ...(root ? { root } : {}), items, warnings };
}
