import { htmlToText } from "@corpus/model";
import { foldText, looksLikeHtml, stripNoise } from "./normalize";
import { lightForm } from "./spelling";
import { stemLight } from "./stem";
import { STOP_WORDS } from "./stopwords";

/**
 * The text pipeline: HTML -> text, URLs and feed boilerplate out, NFKC + case + diacritics folded,
 * Unicode tokens (ASCII fast path), possessives dropped, stop words out, light normalisation
 * (spelling, plurals) for phrase matching, and a Porter stem (memoised, domain-protected) for
 * TF-IDF.
 */

/** One text as two parallel sequences of content words. */
export interface TokenStream {
  /** Light forms: the units multi-word phrases are matched on. */
  readonly words: string[];
  /** Porter stems (TF-IDF features), parallel to `words`. */
  readonly stems: string[];
}

interface MemoEntry {
  readonly light: string;
  readonly stem: string;
}
const STOP: MemoEntry = { light: "", stem: "" };
const MEMO_LIMIT = 200_000;
let memo = new Map<string, MemoEntry>();

function lookup(raw: string): MemoEntry {
  let e = memo.get(raw);
  if (e === undefined) {
    if (STOP_WORDS.has(raw)) {
      e = STOP;
    } else {
      const light = lightForm(raw);
      e = STOP_WORDS.has(light) ? STOP : { light, stem: stemLight(light) };
    }
    if (memo.size >= MEMO_LIMIT) memo = new Map();
    memo.set(raw, e);
  }
  return e;
}

/** Normalises one word or phrase part the way text is normalised (for theme terms). */
export function normalizeWord(raw: string): MemoEntry {
  return lookup(raw);
}

const MAX_TOKEN = 40;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function isWordChar(code: number, text: string, i: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
  return LETTER_OR_DIGIT.test(text[i] ?? "");
}

/** Emits raw (folded) tokens: runs of letters/digits; inner apostrophes joined; "'s" dropped. */
function scan(folded: string, emit: (raw: string) => void): void {
  const n = folded.length;
  let i = 0;
  while (i < n) {
    let c = folded.charCodeAt(i);
    if (!isWordChar(c, folded, i)) {
      i++;
      continue;
    }
    let start = i;
    let parts: string | undefined;
    let allDigits = true;
    for (;;) {
      while (i < n) {
        c = folded.charCodeAt(i);
        if (!isWordChar(c, folded, i)) break;
        if (c < 48 || c > 57) allDigits = false;
        i++;
      }
      // Inner apostrophe followed by a letter: possessive "'s" ends the word, otherwise join.
      if (c === 39 && i + 1 < n && isWordChar(folded.charCodeAt(i + 1), folded, i + 1)) {
        const next = folded.charCodeAt(i + 1);
        const after = i + 2 < n ? folded.charCodeAt(i + 2) : 32;
        if (next === 115 && !isWordChar(after, folded, i + 2)) {
          parts = (parts ?? "") + folded.slice(start, i);
          i += 2;
          break;
        }
        parts = (parts ?? "") + folded.slice(start, i);
        i++;
        start = i;
        continue;
      }
      parts = (parts ?? "") + folded.slice(start, i);
      break;
    }
    if (!allDigits && parts.length > 1 && parts.length <= MAX_TOKEN) emit(parts);
  }
}

/** Plain text of a field: HTML converted when it looks like HTML, then URLs and boilerplate out. */
export function plainText(text: string): string {
  return stripNoise(looksLikeHtml(text) ? htmlToText(text) : text);
}

/** Tokenises one field into light words and stems (stop words dropped). */
export function tokenize(text: string): TokenStream {
  const words: string[] = [];
  const stems: string[] = [];
  if (text.length === 0) return { words, stems };
  scan(foldText(plainText(text)), (raw) => {
    const e = lookup(raw);
    if (e !== STOP) {
      words.push(e.light);
      stems.push(e.stem);
    }
  });
  return { words, stems };
}

/** Normalises a theme keyword or phrase into its light words (same pipeline as text). */
export function phraseWords(phrase: string): string[] {
  return tokenize(phrase).words;
}

export interface Analysis {
  /** TF-IDF terms: Porter stems of the content words, in text order. */
  tokens: string[];
  /**
   * Multi-word units: with `options.phrases`, the given phrases found in the text (on token
   * boundaries, after light normalisation), one entry per occurrence, in their normalised form;
   * without, every pair of adjacent content words.
   */
  phrases: string[];
  /** Light-normalised content words (spelling and plurals normalised, not stemmed). */
  words: string[];
}

/** The text pipeline, exposed for tests, benchmarks and debugging. */
export function analyze(text: string, options: { phrases?: readonly string[] } = {}): Analysis {
  const { words, stems } = tokenize(text);
  const phrases: string[] = [];
  if (options.phrases) {
    const wanted = options.phrases.map(phraseWords).filter((p) => p.length > 0);
    for (let i = 0; i < words.length; i++) {
      for (const p of wanted) {
        if (p.length <= words.length - i && p.every((w, k) => words[i + k] === w)) phrases.push(p.join(" "));
      }
    }
  } else {
    for (let i = 0; i + 1 < words.length; i++) phrases.push(`${words[i]} ${words[i + 1]}`);
  }
  return { tokens: stems, phrases, words };
}
