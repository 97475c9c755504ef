import { createRequire } from "node:module";
import type { HtmlToTextOptions } from "html-to-text";
import { decodeEntities, stripTags } from "./html-fallback";

type Compile = (options: HtmlToTextOptions) => (html: string) => string;
let compileHtml: Compile | undefined;

/**
 * html-to-text costs ~35 ms and ~10 MB to import: it is loaded on the first input that needs it
 * (markup or entities), not with the package, through a require made from this module's URL (the
 * CommonJS build gets `import.meta.url` from tsup's shims).
 */
function loadCompile(): Compile {
  if (!compileHtml) {
    const load = createRequire(import.meta.url);
    compileHtml = (load("html-to-text") as { compile: Compile }).compile;
  }
  return compileHtml;
}

/**
 * Inputs beyond this are cut before conversion. html-to-text would otherwise cut at 16 MiB itself
 * and write a warning to stderr, which a library must not do.
 */
export const MAX_HTML_LENGTH = 4_000_000;

const SKIPPED = ["script", "style", "noscript", "iframe", "object", "embed", "svg", "template", "head", "img", "picture", "video", "audio", "canvas", "button", "input", "select", "textarea", "form"];
/** Not blocks in html-to-text's defaults (so their text would run together), but blocks to a reader. */
const EXTRA_BLOCKS = ["section", "figure", "figcaption", "dl", "address", "details", "summary", "caption", "center", "fieldset", "legend"];
/** Rows of a table or a definition list: one line each, no blank line between them. */
const LINE_BLOCKS = ["tr", "dt", "dd"];

const OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  limits: { maxInputLength: undefined },
  selectors: [
    ...SKIPPED.map((selector) => ({ selector, format: "skip" })),
    ...EXTRA_BLOCKS.map((selector) => ({ selector, format: "block" })),
    ...LINE_BLOCKS.map((selector) => ({ selector, format: "block", options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } })),
    { selector: "a", options: { ignoreHref: true } },
    ...["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: "ul", options: { itemPrefix: "- " } },
    { selector: "hr", format: "blockString", options: { string: "" } },
    ...["td", "th"].map((selector) => ({ selector, format: "inlineSurround", options: { prefix: "", suffix: " " } })),
  ],
};

let compiledHtml: ((html: string) => string) | undefined;
let compiledPlain: ((html: string) => string) | undefined;

/** Compiled on first use, not at import, so importing the package stays free of work. */
function converter(plain: boolean): (html: string) => string {
  if (plain) return (compiledPlain ??= loadCompile()({ ...OPTIONS, preserveNewlines: true }));
  return (compiledHtml ??= loadCompile()(OPTIONS));
}

/** Something that looks like a tag or a comment; a lone "<" as in "a < b" does not count. */
const TAG = /<\/?[a-zA-Z][^<>]*>|<!--/;

/**
 * Feeds sometimes wrap already-wrapped content, leaving literal `<![CDATA[ ... ]]>` in the text.
 * The HTML parser would read it as a comment and drop the content, so keep the inside instead.
 */
function unwrapCdata(input: string): string {
  return input.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, "$1").replace(/<!\[CDATA\[|\]\]>/g, "");
}

/** Line-level clean-up shared by the converter and the fallback. */
export function tidyWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u200B\uFEFF]/g, "")
    .replace(/[ \t\f\v\u00A0\u2000-\u200A\u202F\u205F\u3000]+/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * Readable plain text from an HTML fragment (or from plain text, which keeps its line breaks).
 *
 * Entities are decoded; scripts, styles, noscript, iframes, images and form controls are dropped;
 * links keep their text without the href; block elements become line breaks; no hard wrapping;
 * runs of blank lines become one blank line; each line and the result are trimmed. Never throws: if
 * the converter fails, tags are stripped instead.
 *
 * @example htmlToText("<p>Asylum &amp; migration</p><p>It&#8217;s <a href='/x'>here</a></p>")
 * // "Asylum & migration\n\nIt’s here"
 */
export function htmlToText(html: string): string {
  if (typeof html !== "string" || html === "") return "";
  const input = unwrapCdata(html.length > MAX_HTML_LENGTH ? html.slice(0, MAX_HTML_LENGTH) : html);
  const plain = !TAG.test(input);
  if (plain && !input.includes("&")) return tidyWhitespace(input);
  try {
    return tidyWhitespace(converter(plain)(input));
  } catch {
    return tidyWhitespace(decodeEntities(stripTags(input)));
  }
}
