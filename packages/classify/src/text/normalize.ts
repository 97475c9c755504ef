/**
 * Character-level normalisation: NFKC, case folding, diacritics folded, typographic apostrophes
 * and dashes made plain. Pure ASCII input (most English news text) skips the Unicode work.
 */

// Letters that do not decompose under NFD but have an obvious Latin base.
const FOLD: Readonly<Record<string, string>> = {
  "ß": "ss", "ẞ": "ss", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ð": "d",
  "þ": "th", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "ħ": "h", "ŧ": "t",
  "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "\u00b4": "'",
};
const FOLD_RE = /[ßẞłŁøØđĐðþæÆœŒıħŧ\u2019\u2018\u02bc\u2032\u00b4]/g;
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
/** Feed boilerplate at the start of a title or teaser ("Project News: ..."). */
const PREFIX_RE =
  /^\s*(?:project news|expert voice|press release|news release|news|blog post|blog|op-ed|update|call for papers|new publication)\s*[:|\u2013\u2014-]\s+/i;
/** Feed boilerplate links ("Read more...", "More information about the workshop is available..."). */
const TRAILER_RE =
  /\b(?:read more|continue reading|click here|full story)\b(?:\s*(?:\.\.\.|\u2026|\u00bb|>+))?|\bmore information\b[^.\n]{0,120}(?:\.\.\.|\u2026|\.)?/gi;
const TRAILER_HINT = /more|click|reading|story/i;
const TRAILER_SPAN = 300;
/** Boilerplate is looked for in feed-sized fields only; in long bodies it is noise in the noise. */
const SHORT_FIELD = 4000;

/** Removes URLs and feed boilerplate (case-insensitive; works on raw or folded text). */
export function stripNoise(text: string): string {
  let out = text;
  if (out.includes("://") || out.includes("www.") || out.includes("WWW.")) out = out.replace(URL_RE, " ");
  if (out.length <= SHORT_FIELD) {
    out = out.replace(PREFIX_RE, " ");
    // Link boilerplate closes a teaser: look at its end only.
    const cut = Math.max(0, out.length - TRAILER_SPAN);
    const tail = cut > 0 ? out.slice(cut) : out;
    if (TRAILER_HINT.test(tail)) {
      // Rebuilt only when something was removed: a concatenated string is slower to scan.
      const cleaned = tail.replace(TRAILER_RE, " ");
      if (cleaned !== tail) out = out.slice(0, cut) + cleaned;
    }
  }
  return out;
}
