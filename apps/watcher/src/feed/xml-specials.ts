import { escapeAttr, resolveHref } from "./xml-base";
import { localName } from "./xml-scan";

/**
 * Elements `repairXml` rewrites once they are complete:
 * - "date": an Atom published/updated; an unparseable one is removed (rss-parser throws on it).
 * - "link": an Atom link without href; its text becomes the href, or it is removed.
 * - "rss-link": an RSS link under an xml:base; made absolute.
 * - "markup": a title/description/content holding elements (Atom type="xhtml", or HTML the
 *   publisher forgot to escape); becomes escaped HTML so its text keeps its order.
 */
export interface Special {
  kind: "date" | "link" | "rss-link" | "markup";
  name: string;
  /** Index in the output parts of its start tag, and the depth it sits at. */
  part: number;
  depth: number;
  /** The start tag without its closing `>` / `/>`. */
  open: string;
  /** Text content seen so far (CDATA unwrapped). */
  text: string;
  /** Whether child elements were seen inside. */
  children: boolean;
  /** Base URL in scope, for links. */
  base?: string;
}

export interface SpecialCounts {
  links: number;
  dates: number;
  markup: number;
}

/** Text elements that feeds fill with unescaped ("naked") HTML, or Atom with type="xhtml". */
const ATOM_TEXT = new Set(["title", "subtitle", "summary", "content", "rights", "tagline"]);
const RSS_TEXT = new Set(["title", "description", "content:encoded"]);
/** HTML elements without end tags; inside unescaped HTML they are written as empty elements. */
const HTML_VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const XHTML_TYPE = /\stype\s*=\s*(["'])(xhtml|application\/xhtml\+xml)\1/;

export function isHtmlVoid(name: string): boolean {
  return HTML_VOID.has(localName(name).toLowerCase());
}

export interface StartContext {
  atom: boolean;
  name: string;
  /** The repaired start tag, and the same without its closing `>`. */
  tag: string;
  open: string;
  part: number;
  depth: number;
  base: { url: string | undefined; explicit: boolean };
}

/** The special element a start tag opens, if any. */
export function startSpecial(c: StartContext): Special | undefined {
  const local = localName(c.name);
  const at = { name: c.name, part: c.part, depth: c.depth, open: c.open, text: "", children: false };
  const base = c.base.url ? { base: c.base.url } : {};
  if (c.depth === 0) return undefined;
  if (c.atom ? ATOM_TEXT.has(local) : RSS_TEXT.has(c.name)) return { kind: "markup", ...at };
  if (!c.atom) return c.name === "link" && c.base.explicit ? { kind: "rss-link", ...at, ...base } : undefined;
  if (local === "link" && !/\shref\s*=/.test(c.tag)) return { kind: "link", ...at, ...base };
  if (local === "published" || local === "updated") return { kind: "date", ...at };
  return undefined;
}

const isValidDate = (text: string) => !Number.isNaN(new Date(text).getTime());
const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const urlOf = (text: string, base: string | undefined) => escapeAttr(resolveHref(text.replace(/&amp;/g, "&"), base));

/**
 * Rewrites a completed special element in place: `parts` ends with its start tag and content.
 * Returns false when it should simply be closed as written.
 */
export function finishSpecial(s: Special, parts: string[], counts: SpecialCounts): boolean {
  const content = s.text.trim();
  switch (s.kind) {
    case "date":
      if (isValidDate(s.text)) return false;
      parts.length = s.part;
      if (isValidDate(content)) parts.push(`${s.open}>${content}</${s.name}>`);
      else counts.dates++;
      return true;
    case "rss-link":
      if (!/^\S+$/.test(content) || s.children) return false;
      parts.length = s.part;
      parts.push(`${s.open}>${urlOf(content, s.base)}</${s.name}>`);
      return true;
    case "link":
      parts.length = s.part;
      if (/^\S+$/.test(content)) parts.push(`${s.open} href="${urlOf(content, s.base)}"/>`);
      else if (s.open !== `<${s.name}`) parts.push(`${s.open}/>`); // other attributes: keep it
      else counts.links++;
      return true;
    case "markup": {
      const xhtml = XHTML_TYPE.test(s.open);
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
    }
  }
}
