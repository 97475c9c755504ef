import { HTML_ENTITIES } from "./html-entities";
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
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/**
 * Makes character references well-formed: HTML named entities (`&nbsp;`) become numeric references,
 * unknown names and bare ampersands become `&amp;`, references to characters XML forbids are dropped.
 */
function repairReferences(segment: string, count: { fixed: number }): string {
  return segment.replace(/&(?:#(\d{1,8});|#[xX]([0-9a-fA-F]{1,8});|([A-Za-z][A-Za-z0-9]*);)?/g, (m, dec?: string, hex?: string, name?: string) => {
    if (dec !== undefined || hex !== undefined) {
      if (isXmlChar(dec !== undefined ? Number(dec) : parseInt(hex ?? "", 16))) return m;
      count.fixed++;
      return "";
    }
    if (name !== undefined && XML_ENTITIES.has(name)) return m;
    count.fixed++;
    const cp = name === undefined ? undefined : HTML_ENTITIES.get(name);
    if (cp !== undefined) return `&#${cp};`;
    return name === undefined ? "&amp;" : `&amp;${name};`;
  });
}

function isValidDate(text: string): boolean {
  return !Number.isNaN(new Date(text).getTime());
}

const ITEM_NAMES = new Set(["item", "entry"]);
const ATOM_NS = /^http:\/\/(www\.w3\.org\/2005\/Atom|purl\.org\/atom\/ns#)$/;

/**
 * rss-parser finds RSS 1.0 only under a root spelled `rdf:RDF`, and Atom only without a prefix
 * (`<atom:feed xmlns:atom=...>` is valid Atom): returns the renaming that makes such roots readable.
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

/**
 * Repairs what real feeds get wrong before the strict parser sees them: HTML entities and bare
 * ampersands, stray `<`, forbidden control characters, text before or after the root element,
 * mismatched and unclosed tags (a truncated trailing item is dropped), the XML declaration's
 * encoding, and two faults rss-parser throws on in Atom: links without `href` and unparseable
 * dates. Records where each item is, so one item that still fails can be parsed on its own.
 */
export function repairXml(input: string): RepairedXml {
  const parts: string[] = [];
  const warnings: string[] = [];
  const refs = { fixed: 0 };
  const stack: string[] = [];
  const itemParts: Array<[number, number]> = [];
  let root: RepairedXml["root"];
  let atom = false;
  let rename = (n: string) => n;
  let itemStart = -1;
  let itemDepth = -1;
  let pending: { kind: "date" | "link"; name: string; part: number; depth: number; content: string; open: string } | undefined;
  const dropped = { before: false, after: false, endTags: 0, lt: 0, control: 0, dates: 0, links: 0 };
  let done = false;

  const closeTo = (depth: number) => {
    while (stack.length > depth) {
      const name = stack.pop() as string;
      parts.push(`</${name}>`);
      if (stack.length === itemDepth) {
        itemParts.push([itemStart, parts.length]);
        itemStart = itemDepth = -1;
      }
    }
  };

  for (const token of scanXml(input)) {
    const raw = input.slice(token.start, token.end);
    if (done) {
      if (token.type !== "comment" && raw.trim() !== "") dropped.after = true;
      continue;
    }
    switch (token.type) {
      case "text": {
        if (!root) {
          if (raw.trim() !== "") dropped.before = true;
          break;
        }
        let text = raw.replace(FORBIDDEN_CHARS, () => (dropped.control++, ""));
        text = text.replace(/</g, () => (dropped.lt++, "&lt;"));
        text = repairReferences(text, refs);
        if (pending) pending.content += text;
        parts.push(text);
        break;
      }
      case "cdata":
        if (!root) break;
        if (pending) pending.content += raw.slice(9, raw.endsWith("]]>") ? -3 : undefined);
        parts.push(raw.endsWith("]]>") ? raw : `${raw}]]>`);
        break;
      case "comment":
        parts.push(raw.endsWith("-->") ? raw : `${raw}-->`);
        break;
      case "pi":
        if (!root && /^<\?xml\s/i.test(raw)) parts.push(raw.replace(/\s+encoding\s*=\s*(["'])[^"']*\1/, ""));
        else if (root) parts.push(raw);
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
        if (atom && local === "link" && !/\shref\s*=/.test(tag)) {
          // rss-parser reads Atom links from attributes and throws on a link that has none.
          const open = tag.replace(/\s*\/?>$/, "");
          if (token.type === "empty") {
            if (open === `<${name}`) {
              dropped.links++;
              break;
            }
          } else {
            pending = { kind: "link", name, part: parts.length, depth: stack.length, content: "", open };
          }
        } else if (atom && token.type === "start" && (local === "published" || local === "updated") && stack.length > 0) {
          pending = { kind: "date", name, part: parts.length, depth: stack.length, content: "", open: tag };
        }
        if (token.type === "start" && itemStart < 0 && ITEM_NAMES.has(local) && stack.length > 0) {
          itemStart = parts.length;
          itemDepth = stack.length;
        }
        parts.push(tag);
        if (token.type === "start") stack.push(name);
        else if (stack.length === 0) done = true; // <feed/>: the whole document
        break;
      }
      case "end": {
        const name = rename(token.name as string);
        const at = stack.lastIndexOf(name);
        if (at < 0) {
          dropped.endTags++;
          break;
        }
        if (pending && at < pending.depth) {
          // The element was never closed: drop a link without href, keep an unchecked date.
          if (pending.kind === "link") {
            parts.length = pending.part;
            stack.length = pending.depth;
            dropped.links++;
          }
          pending = undefined;
        }
        if (pending && at === pending.depth) {
          const content = pending.content.trim();
          if (pending.kind === "link") {
            parts.length = pending.part;
            // The URL written as content becomes the href; a link with neither is dropped.
            if (/^\S+$/.test(content)) parts.push(`${pending.open} href="${content.replace(/"/g, "&quot;")}"/>`);
            else if (pending.open !== `<${name}`) parts.push(`${pending.open}/>`);
            else dropped.links++;
            stack.length = at;
            pending = undefined;
            break;
          }
          if (!isValidDate(pending.content)) {
            parts.length = pending.part;
            if (isValidDate(content)) parts.push(`<${name}>${content}</${name}>`);
            else dropped.dates++;
            stack.length = at;
            pending = undefined;
            break;
          }
          pending = undefined;
        }
        closeTo(at + 1);
        stack.pop();
        parts.push(`</${name}>`);
        if (stack.length === itemDepth) {
          itemParts.push([itemStart, parts.length]);
          itemStart = itemDepth = -1;
        }
        if (stack.length === 0) done = true;
        break;
      }
    }
  }

  if (root && stack.length > 0) {
    if (itemStart >= 0) {
      parts.length = itemStart;
      stack.length = itemDepth;
      warnings.push("the document ends inside an item (truncated?); that item was dropped");
      itemStart = itemDepth = -1;
    } else warnings.push("the document ends before its elements are closed (truncated?)");
    pending = undefined;
    closeTo(0);
  }

  if (refs.fixed) warnings.push(`${refs.fixed} undefined entities or bare ampersands escaped`);
  if (dropped.before) warnings.push("text before the root element ignored");
  if (dropped.after) warnings.push("content after the root element ignored");
  if (dropped.endTags) warnings.push(`${dropped.endTags} end tags without a start tag ignored`);
  if (dropped.lt) warnings.push(`${dropped.lt} unescaped '<' escaped`);
  if (dropped.control) warnings.push(`${dropped.control} control characters removed`);
  if (dropped.links) warnings.push(`${dropped.links} Atom links without href ignored`);
  if (dropped.dates) warnings.push(`${dropped.dates} unparseable Atom dates ignored`);

  const offsets: number[] = [0];
  for (const p of parts) offsets.push((offsets[offsets.length - 1] as number) + p.length);
  const items = itemParts.map(([s, e]) => ({ start: offsets[s] as number, end: offsets[e] as number }));
  return { xml: parts.join(""), ...(root ? { root } : {}), items, warnings };
}
