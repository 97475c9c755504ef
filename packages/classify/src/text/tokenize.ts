import { modelPackage } from "../deps";
import { foldText, looksLikeHtml, stripNoise } from "./normalize";
import {
  entryLightId,
  entryStemId,
  HASH_SEED,
  hashStep,
  lightText,
  lookupFoldedSpanId,
  lookupSpanId,
  lookupWord,
  lookupWordId,
  memoEpoch,
  stemText,
} from "./memo";

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
  /** Memo ids of the words and stems (valid for `epoch`, see memoEpoch). */
  readonly wordIds: number[];
  readonly stemIds: number[];
  readonly epoch: number;
}

/** Normalises one word the way text is normalised: light form and stem ("" for stop words). */
export function normalizeWord(raw: string): { light: string; stem: string } {
  return lookupWord(raw);
}

const MAX_TOKEN = 40;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Fast path: ASCII text in any case, plus the typographic characters of English news text.
 * CODE maps an ASCII char to its lower-case word char, APOSTROPHE (39), or 0 (separator).
 */
const CODE = new Int32Array(128);
for (let c = 97; c <= 122; c++) CODE[c] = c;
for (let c = 65; c <= 90; c++) CODE[c] = c + 32;
for (let c = 48; c <= 57; c++) CODE[c] = c;
const APOSTROPHE = 39;
CODE[APOSTROPHE] = APOSTROPHE;
const NOT_FAST = -1;
/**
 * Latin-1 and Latin Extended-A letters whose diacritic-free form is one ASCII letter ("é" -> "e",
 * "ć" -> "c", "Ł" -> "l"); the others ("ß", "æ", "×") are left to the slow path.
 */
const LATIN_FROM = 0xc0;
const LATIN = new Int32Array(0x180 - LATIN_FROM);
for (let c = LATIN_FROM; c < 0x180; c++) {
  const ch = String.fromCharCode(c);
  const base = (({ "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ı": "i", "ħ": "h", "Ħ": "h", "ŧ": "t", "Ŧ": "t" }) as Record<string, string>)[ch]
    ?? ch.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
  LATIN[c - LATIN_FROM] = base.length === 1 && base >= "a" && base <= "z" ? base.charCodeAt(0) : NOT_FAST;
}

/** Non-ASCII chars the fast path understands: Latin letters, typographic apostrophes and separators. */
function fastCode(c: number): number {
  if (c >= LATIN_FROM && c < 0x180) return LATIN[c - LATIN_FROM] as number;
  switch (c) {
    case 0x2019: case 0x2018: case 0x02bc: case 0x2032:
      return APOSTROPHE;
    case 0x00a0: case 0x00ab: case 0x00bb: case 0x00b7: case 0x2002: case 0x2003: case 0x2009:
    case 0x200b: case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x201a: case 0x201c: case 0x201d: case 0x201e: case 0x2022: case 0x2026: case 0x2039:
    case 0x203a: case 0x20ac: case 0x00a3: case 0x00b0: case 0x00a9: case 0x00ae: case 0x2122:
    case 0x00a7: case 0x00b6: case 0xfeff:
      return 0;
    default:
      return NOT_FAST;
  }
}

/** Slow path (after foldText): letters and digits of any script are word chars. */
function foldedCode(c: number, text: string, i: number): number {
  if (c < 128) return CODE[c] as number;
  return LETTER_OR_DIGIT.test(text[i] ?? "") ? c : 0;
}

const WORD = (code: number): boolean => code > 0 && code !== APOSTROPHE;

/**
 * The fast path's codes for every UTF-16 code unit in one table (one load per char): 0 separator,
 * APOSTROPHE, FAST_NO (not handled by the fast path), else the folded word char (ASCII
 * lower-casing, Latin diacritics).
 */
const FAST_NO = 0xffff;
const FAST = new Uint16Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  const code = c < 128 ? (CODE[c] as number) : fastCode(c);
  FAST[c] = code === NOT_FAST ? FAST_NO : code;
}
const isWordFast = (code: number): boolean => code !== 0 && code !== APOSTROPHE && code !== FAST_NO;

/** Appends a memo entry's word and stem to the stream (stop words have no light id). */
function emit(entry: number, out: TokenStream): void {
  const lightId = entryLightId(entry);
  if (lightId < 0) return;
  const stemId = entryStemId(entry);
  out.words.push(lightText(lightId));
  out.stems.push(stemText(stemId));
  out.wordIds.push(lightId);
  out.stemIds.push(stemId);
}

/**
 * Scans raw text into words/stems on the fast path: ASCII in any case plus the typographic
 * characters and Latin letters of FAST, case and diacritics folded on the fly. Returns false
 * (having emitted nothing useful) on any other char; the caller then folds the text and uses `scan`.
 */
function scanFast(text: string, out: TokenStream): boolean {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let code = FAST[text.charCodeAt(i)] as number;
    if (code === 0 || code === APOSTROPHE) {
      i++;
      continue;
    }
    if (code === FAST_NO) return false;
    const start = i;
    let hash = HASH_SEED;
    let allDigits = true;
    for (;;) {
      if (code > 57) allDigits = false;
      hash = hashStep(hash, code);
      i++;
      if (i >= n) {
        code = 0;
        break;
      }
      code = FAST[text.charCodeAt(i)] as number;
      if (code === 0 || code === APOSTROPHE || code === FAST_NO) break;
    }
    if (code === FAST_NO) return false;
    const end = i;
    let entry = -1;
    // An inner apostrophe followed by a letter: a possessive "'s" ends the word, else join.
    if (code === APOSTROPHE && i + 1 < n && isWordFast(FAST[text.charCodeAt(i + 1)] as number)) {
      if (FAST[text.charCodeAt(i + 1)] === 115 && (i + 2 >= n || !isWordFast(FAST[text.charCodeAt(i + 2)] as number))) {
        i += 2;
        if (!allDigits && end - start >= 2 && end - start <= MAX_TOKEN) entry = lookupFoldedSpanId(text, start, end, hash, FAST);
      } else {
        let raw = "";
        for (let k = start; k < end; k++) raw += String.fromCharCode(FAST[text.charCodeAt(k)] as number);
        while (i + 1 < n && FAST[text.charCodeAt(i)] === APOSTROPHE && isWordFast(FAST[text.charCodeAt(i + 1)] as number)) {
          i++;
          while (i < n) {
            code = FAST[text.charCodeAt(i)] as number;
            if (code === FAST_NO) return false;
            if (!isWordFast(code)) break;
            if (code > 57) allDigits = false;
            raw += String.fromCharCode(code);
            i++;
          }
        }
        if (!allDigits && raw.length >= 2 && raw.length <= MAX_TOKEN) entry = lookupWordId(raw);
      }
    } else if (!allDigits && end - start >= 2 && end - start <= MAX_TOKEN) {
      entry = lookupFoldedSpanId(text, start, end, hash, FAST);
    }
    if (entry >= 0) emit(entry, out);
  }
  return true;
}

/**
 * Scans folded text (foldText) into words/stems: letters and digits of any script are word chars.
 * The slow path, for text `scanFast` does not handle; both give the same tokens where both apply.
 */
function scan(text: string, out: TokenStream): void {
  const n = text.length;
  const codeAt = (i: number): number => {
    const c = text.charCodeAt(i);
    if (c < 128) return CODE[c] as number;
    return foldedCode(c, text, i);
  };
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    let code = c < 128 ? (CODE[c] as number) : foldedCode(c, text, i);
    if (!WORD(code)) {
      i++;
      continue;
    }
    const start = i;
    let hash = HASH_SEED;
    let allDigits = true;
    while (i < n) {
      c = text.charCodeAt(i);
      code = c < 128 ? (CODE[c] as number) : foldedCode(c, text, i);
        if (!WORD(code)) break;
      if (code < 48 || code > 57) allDigits = false;
      hash = hashStep(hash, code);
      i++;
    }
    const end = i;
    let entry = -1;
    // An inner apostrophe followed by a letter: a possessive "'s" ends the word, else join.
    if (code === APOSTROPHE && i + 1 < n && WORD(codeAt(i + 1))) {
      if (codeAt(i + 1) === 115 && (i + 2 >= n || !WORD(codeAt(i + 2)))) {
        i += 2;
        if (!allDigits && end - start >= 2 && end - start <= MAX_TOKEN) entry = lookupSpanId(text, start, end, hash);
      } else {
        let raw = "";
        for (let k = start; k < end; k++) raw += String.fromCharCode(codeAt(k));
        while (i + 1 < n && codeAt(i) === APOSTROPHE && WORD(codeAt(i + 1))) {
          i++;
          while (i < n) {
            code = codeAt(i);
                    if (!WORD(code)) break;
            if (code < 48 || code > 57) allDigits = false;
            raw += String.fromCharCode(code);
            i++;
          }
        }
        if (!allDigits && raw.length >= 2 && raw.length <= MAX_TOKEN) entry = lookupWordId(raw);
      }
    } else if (!allDigits && end - start >= 2 && end - start <= MAX_TOKEN) {
      entry = lookupSpanId(text, start, end, hash);
    }
    if (entry >= 0) emit(entry, out);
  }
}

/** Plain text of a field: HTML converted when it looks like HTML. */
export function plainText(text: string): string {
  return looksLikeHtml(text) ? modelPackage().htmlToText(text) : text;
}

/** Tokenises one field into light words and stems (stop words dropped). */
export function tokenize(text: string): TokenStream {
  const out: TokenStream = { words: [], stems: [], wordIds: [], stemIds: [], epoch: memoEpoch() };
  if (text.length === 0) return out;
  const plain = stripNoise(plainText(text));
  if (!scanFast(plain, out)) {
    out.words.length = 0;
    out.stems.length = 0;
    out.wordIds.length = 0;
    out.stemIds.length = 0;
    scan(foldText(plain), out);
  }
  return out;
}
