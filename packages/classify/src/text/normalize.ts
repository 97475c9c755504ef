/**
 * Character-level normalisation: NFKC, case folding, diacritics folded, typographic apostrophes
 * and dashes made plain. Pure ASCII input (most English news text) skips the Unicode work.
 */

// Letters that do not decompose under NFD but have an obvious Latin base.
const FOLD: Readonly<Record<string, string>> = {
  "ß": "ss", "ẞ": "ss", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ð": "d",
  "þ": "th", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "ħ": "h", "ŧ": "t",
  "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "\u0060": "'", "\u00b4": "'",
};
const FOLD_RE = /[ßẞłŁøØđĐðþæÆœŒıħŧ\u2019\u2018\u02bc\u2032`\u00b4]/g;
// Non-ASCII: anything outside 0x00-0x7f.
const NON_ASCII = /[^\u0000-\u007f]/;
const COMBINING = /\p{M}+/gu;

export function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}

/** Lower-cased, folded text; tokens are then runs of letters and digits. */
export function foldText(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize("NFKC")
    .replace(FOLD_RE, (c) => FOLD[c] ?? c)
    .normalize("NFD")
    .replace(COMBINING, "")
    .toLowerCase();
}

const HTML_HINT = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>|<!--|&(?:[a-z]{2,8}|#\d{2,6}|#x[0-9a-f]{2,6});/i;

/** True when a field looks like HTML (a tag, a comment or an entity) rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  return text.includes("<") || text.includes("&") ? HTML_HINT.test(text) : false;
}

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+/gi;
/** Feed boilerplate that says nothing about the topic. */
const BOILERPLATE_RE =
  /^\s*(?:project news|expert voice|press release|news release|news|blog post|blog|op-ed|opinion|update|event|events|call for papers|new publication|publication)\s*[:|–—-]\s+|\b(?:read more|more information|continue reading|click here|full story)\b[^.\n]*(?:\.\.\.|…)?/gi;

/** Removes URLs and feed boilerplate ("Project News:", "Read more..."). */
export function stripNoise(text: string): string {
  let out = text;
  if (out.includes("http") || out.includes("www.")) out = out.replace(URL_RE, " ");
  return out.replace(BOILERPLATE_RE, " ");
}
