import { createRequire } from "node:module";

/**
 * rss-parser 3.13 computes `contentSnippet` (from `content`, `content:encoded` and Atom `content`)
 * with `utils.stripHtml`, two regex replacements:
 *
 *   /([^\n])<\/?(h|br|p|ul|ol|li|blockquote|section|table|tr|div)(?:.|\n)*?>([^\n])/gm -> "$1\n$3"
 *   /<(?:.|\n)*?>/gm -> ""
 *
 * Both are quadratic on hostile input: every `<` with no `>` after it scans to the end of the text
 * (the second), and so does every block tag when each later `>` is followed by a newline (the
 * first). `stripHtml` below gives the same result in linear time, and `installLinearSnippet`
 * swaps it in for rss-parser's, whose `getSnippet` calls it through the shared `utils` object.
 */

const BLOCK_NAMES = ["h", "br", "p", "ul", "ol", "li", "blockquote", "section", "table", "tr", "div"];
/** The characters `.` does not match (no `s` flag) besides `\n`, which `(?:.|\n)` adds back. */
const NOT_DOT = /[\r\u2028\u2029]/g;
/** A `>` that `>([^\n])` can end on: followed by a character that is not a newline. */
const GT_THEN_NOT_NEWLINE = />[^\n]/g;
const GT = />/g;

/**
 * The index of the first match of `pattern` at or after `from` (`text.length` when none). Queries
 * with non-decreasing `from` reuse the last answer, so a whole pass costs linear time.
 */
function finder(text: string, pattern: RegExp): (from: number) => number {
  const re = new RegExp(pattern.source, "g");
  let searchedFrom = text.length + 1;
  let found = text.length;
  return (from) => {
    if (from >= searchedFrom && from <= found) return found;
    re.lastIndex = from;
    const m = re.exec(text);
    searchedFrom = from;
    found = m ? m.index : text.length;
    return found;
  };
}

/** The first replacement: a block tag with a character either side becomes a newline between them. */
function breakBlocks(str: string): string {
  const n = str.length;
  const nextEnd = finder(str, GT_THEN_NOT_NEWLINE);
  const nextNotDot = finder(str, NOT_DOT);
  const out: string[] = [];
  let last = 0;
  let i = str.indexOf("<", 1) - 1;
  while (i >= 0 && i + 1 < n) {
    let matched = false;
    if (str[i] !== "\n") {
      const j = str[i + 2] === "/" ? i + 3 : i + 2;
      const name = BLOCK_NAMES.find((b) => str.startsWith(b, j));
      if (name !== undefined) {
        const from = j + name.length;
        const k = nextEnd(from);
        if (k < n && nextNotDot(from) >= k) {
          out.push(str.slice(last, i + 1), "\n", str[k + 1] as string);
          last = k + 2;
          matched = true;
          const lt = str.indexOf("<", last + 1);
          i = lt < 0 ? -1 : lt - 1;
        }
      }
    }
    if (!matched) {
      const lt = str.indexOf("<", i + 2);
      i = lt < 0 ? -1 : lt - 1;
    }
  }
  out.push(str.slice(last));
  return out.join("");
}

/** The second replacement: every `<...>` (not across `\r`, U+2028, U+2029) is removed. */
function removeTags(str: string): string {
  const n = str.length;
  const nextGt = finder(str, GT);
  const nextNotDot = finder(str, NOT_DOT);
  const out: string[] = [];
  let last = 0;
  let i = str.indexOf("<");
  while (i >= 0) {
    const k = nextGt(i + 1);
    if (k < n && nextNotDot(i + 1) >= k) {
      out.push(str.slice(last, i));
      last = k + 1;
      i = str.indexOf("<", last);
    } else i = str.indexOf("<", i + 1);
  }
  out.push(str.slice(last));
  return out.join("");
}

/** rss-parser 3.13's `utils.stripHtml`, to the character, in linear time. */
export function stripHtml(str: string): string {
  return removeTags(breakBlocks(str));
}

/** The body of rss-parser 3.13's `stripHtml`, whose behaviour `stripHtml` above reproduces. */
const KNOWN_SOURCE = [
  String.raw`str = str.replace(/([^\n])<\/?(h|br|p|ul|ol|li|blockquote|section|table|tr|div)(?:.|\n)*?>([^\n])/gm, '$1\n$3')`,
  String.raw`str = str.replace(/<(?:.|\n)*?>/gm, '');`,
  "return str;",
];

interface RssParserUtils {
  stripHtml: (str: string) => string;
}

/**
 * Replaces rss-parser's `utils.stripHtml` with the linear one, when it is the 3.13 code this module
 * reproduces; returns whether the linear one is in place (a different rss-parser is left alone).
 */
export function installLinearSnippet(): boolean {
  const require = createRequire(import.meta.url);
  const utils = require("rss-parser/lib/utils.js") as RssParserUtils;
  if (utils.stripHtml === stripHtml) return true;
  const source = String(utils.stripHtml);
  let at = 0;
  for (const line of KNOWN_SOURCE) {
    at = source.indexOf(line, at);
    if (at < 0) return false;
    at += line.length;
  }
  utils.stripHtml = stripHtml;
  return true;
}
