/**
 * Text from feeds is untrusted: these helpers are the only way it reaches a rendered digest.
 * C0/C1 control characters (terminal escape sequences) and bidirectional overrides (text that
 * reads differently than it is stored) are removed everywhere.
 */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Removes control and bidi-override characters; keeps tabs and newlines. */
export function stripControls(text: string): string {
  return text.replace(CONTROLS, "");
}

/** One line of untrusted text: controls removed, runs of whitespace (newlines too) as one space. */
export function oneLine(text: string): string {
  return stripControls(text).replace(/\s+/g, " ").trim();
}

const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;", "=": "&#61;", ":": "&#58;" };

/**
 * Escapes text for HTML element content and quoted attribute values. Besides `& < > " '` it encodes
 * `` ` ``, `=` and `:`, which render the same but mean that feed text such as `onerror=` or
 * `javascript:` never appears literally in the HTML, not even as harmless text (so naive filters
 * downstream and our own string checks see none of it).
 */
export function escapeHtml(text: string): string {
  return stripControls(text).replace(/[&<>"'`=:]/g, (c) => HTML_ENTITIES[c] ?? c);
}

/** Escapes an already-validated http(s) URL for a double-quoted href (readable: `:` and `=` kept). */
export function escapeHref(url: string): string {
  return url.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/**
 * Escapes one line of text for Markdown (CommonMark + GFM), so feed text can never open a link, an
 * image, raw HTML, emphasis, a table cell or a heading: every character that starts such a construct
 * is backslash-escaped (CommonMark allows a backslash before any ASCII punctuation).
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>&|~#!]/g, (c) => `\\${c}`);
}
