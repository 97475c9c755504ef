/**
 * A forgiving scanner over XML markup: just enough structure (tags, text, CDATA, comments) to find a
 * feed's root element and its items and to repair common faults before the real XML parser runs.
 * It never throws; anything it cannot read as markup is text.
 */
export type TokenType = "text" | "start" | "end" | "empty" | "comment" | "cdata" | "pi" | "doctype";

export interface Token {
  type: TokenType;
  /** Offsets into the scanned string; `end` is exclusive. */
  start: number;
  end: number;
  /** Element name as written (with its prefix), for start/end/empty tags. */
  name?: string;
}

const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;

function skipTo(text: string, from: number, marker: string): number {
  const i = text.indexOf(marker, from);
  return i < 0 ? text.length : i + marker.length;
}

/** End of a tag starting at `from` ('<'), honouring quoted attribute values; -1 if unterminated. */
function tagEnd(text: string, from: number): number {
  let quote = "";
  for (let i = from + 1; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ">") return i + 1;
    else if (c === "<") return -1; // a new tag starts: this one is broken
  }
  return -1;
}

function doctypeEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === "[") depth++;
    else if (c === "]") depth--;
    else if (c === ">" && depth <= 0) return i + 1;
  }
  return text.length;
}

export function* scanXml(text: string): Generator<Token> {
  let pos = 0;
  let textStart = 0;
  const flushText = function* (upTo: number): Generator<Token> {
    if (upTo > textStart) yield { type: "text", start: textStart, end: upTo };
  };
  while (pos < text.length) {
    const lt = text.indexOf("<", pos);
    if (lt < 0) break;
    const next = text[lt + 1] ?? "";
    let token: Token | undefined;
    if (text.startsWith("<!--", lt)) token = { type: "comment", start: lt, end: skipTo(text, lt + 4, "-->") };
    else if (text.startsWith("<![CDATA[", lt)) token = { type: "cdata", start: lt, end: skipTo(text, lt + 9, "]]>") };
    else if (next === "?") token = { type: "pi", start: lt, end: skipTo(text, lt + 2, "?>") };
    else if (/^<!doctype/i.test(text.slice(lt, lt + 9))) token = { type: "doctype", start: lt, end: doctypeEnd(text, lt) };
    else if (next === "/" || NAME_START.test(next)) {
      const end = tagEnd(text, lt);
      if (end > 0) {
        const closing = next === "/";
        const name = /^[^\s/>]+/.exec(text.slice(lt + (closing ? 2 : 1), end))?.[0] ?? "";
        const type = closing ? "end" : text[end - 2] === "/" ? "empty" : "start";
        if (name) token = { type, start: lt, end, name };
      }
    }
    if (!token) {
      pos = lt + 1; // a stray '<' is text
      continue;
    }
    yield* flushText(lt);
    yield token;
    pos = textStart = token.end;
  }
  yield* flushText(text.length);
}

/** The part of a name after its namespace prefix. */
export function localName(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
}

/** Attributes of a start or empty tag (names as written, values with entities left as they are). */
export function tagAttributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  // Root and <link> tags are short; a bound keeps the pattern linear on pathological input.
  const body = tag.slice(0, 8192).replace(/^<[^\s/>]+/, "");
  for (const m of body.matchAll(/([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
    const name = m[1];
    if (name !== undefined && !attrs.has(name)) attrs.set(name, m[2] ?? m[3] ?? m[4] ?? "");
  }
  return attrs;
}
