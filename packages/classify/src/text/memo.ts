import { lightForm } from "./spelling";
import { stemLight } from "./stem";
import { STOP_WORDS } from "./stopwords";

/**
 * Memo of the per-word pipeline (stop word? light form, stem), keyed by the raw folded token.
 * An open-addressing table hashed on char codes lets the tokenizer look a token up straight from
 * the text, without cutting a substring out first: a hit allocates nothing. Porter runs once per
 * distinct word. The table is dropped and restarted beyond 200,000 distinct words.
 */
export interface WordEntry {
  readonly raw: string;
  /** "" for stop words. */
  readonly light: string;
  readonly stem: string;
  /** Small integer ids of `light` and `stem`, stable until the memo restarts (see memoEpoch). */
  readonly lightId: number;
  readonly stemId: number;
}

let maxEntries = 200_000;

/** Changes the restart limit (tests exercise the restart with a small one); returns the old one. */
export function setMemoCapacity(entries: number): number {
  const old = maxEntries;
  maxEntries = entries;
  return old;
}
/**
 * The open-addressing table: slot i is table[2i] = entry index + 1 (0 = empty) and table[2i + 1]
 * = the entry's hash, side by side so a probe reads one cache line. Entries live in typed arrays,
 * not objects: `meta[4e .. 4e + 3]` = offset of its chars in `chars`, length, light id, stem id
 * (one cache line per entry; ids -1 for stop words), the folded chars of every entry stored
 * contiguously for collision checks, and `hashes` by entry for rehashing.
 */
const INITIAL_SLOTS = 1 << 14;
let table = new Int32Array(INITIAL_SLOTS * 2);
let hashes = new Int32Array(INITIAL_SLOTS);
let meta = new Int32Array(INITIAL_SLOTS * 4);
let chars = new Uint16Array(INITIAL_SLOTS * 8);
let charsUsed = 0;
let count = 0;
let lightIds = new Map<string, number>();
let stemIds = new Map<string, number>();
let lightById: string[] = [];
let stemById: string[] = [];
let epoch = 0;

/** Changes whenever the memo restarts; caches keyed by lightId/stemId must then be dropped. */
export function memoEpoch(): number {
  return epoch;
}
/** Upper bounds (exclusive) of the light and stem ids handed out in this epoch. */
export function idCounts(): { lights: number; stems: number } {
  return { lights: lightById.length, stems: stemById.length };
}
/** The number of stem ids handed out in this epoch. */
export function stemCount(): number {
  return stemById.length;
}

/** The stem of a stem id of the current epoch. */
export function stemText(id: number): string {
  return stemById[id] as string;
}
/** The light form of a light id of the current epoch. */
export function lightText(id: number): string {
  return lightById[id] as string;
}
/** The light id of a light form in this epoch, -1 when no word of that form has been seen yet. */
export function lightIdOf(light: string): number {
  return lightIds.get(light) ?? -1;
}
/** Light and stem ids of an entry (see lookupSpanId); -1 for stop words. */
export function entryLightId(e: number): number {
  return meta[4 * e + 2] as number;
}
export function entryStemId(e: number): number {
  return meta[4 * e + 3] as number;
}

/** FNV-1a over UTF-16 code units, as the tokenizer computes it while scanning. */
export const HASH_SEED = 0x811c9dc5;
export function hashStep(h: number, code: number): number {
  return Math.imul(h ^ code, 16777619);
}
function hashString(s: string): number {
  let h = HASH_SEED;
  for (let i = 0; i < s.length; i++) h = hashStep(h, s.charCodeAt(i));
  return h;
}

/**
 * Restarts the memo if it is over capacity. Called by the top-level operations (classify one item,
 * count one document, analyze one text) before they start, never in the middle of one, so ids of
 * one item always belong to one epoch; a single huge text may overshoot the capacity meanwhile.
 */
export function maintainMemo(): void {
  if (count >= maxEntries) restart();
}

function restart(): void {
  table = new Int32Array(INITIAL_SLOTS * 2);
  hashes = new Int32Array(INITIAL_SLOTS);
  meta = new Int32Array(INITIAL_SLOTS * 4);
  chars = new Uint16Array(INITIAL_SLOTS * 8);
  charsUsed = 0;
  count = 0;
  lightIds = new Map();
  stemIds = new Map();
  lightById = [];
  stemById = [];
  epoch++;
}

/** Runs the per-word pipeline on a new word and appends it as an entry; returns its index. */
function insert(word: string, hash: number): number {
  let slots = table.length >> 1;
  if ((count + 1) * 2 > slots) {
    slots *= 2;
    const next = new Int32Array(slots * 2);
    const mask = slots - 1;
    for (let e = 0; e < count; e++) {
      const h = hashes[e] as number;
      let at = h & mask;
      while (next[2 * at] !== 0) at = (at + 1) & mask;
      next[2 * at] = e + 1;
      next[2 * at + 1] = h;
    }
    table = next;
  }
  if (count >= hashes.length) {
    const h = new Int32Array(hashes.length * 2);
    h.set(hashes);
    hashes = h;
    const m = new Int32Array(meta.length * 2);
    m.set(meta);
    meta = m;
  }
  if (charsUsed + word.length > chars.length) {
    const c = new Uint16Array(Math.max(chars.length * 2, charsUsed + word.length));
    c.set(chars);
    chars = c;
  }
  let lightId = -1;
  let stemId = -1;
  const light = STOP_WORDS.has(word) ? "" : lightForm(word);
  if (light !== "" && !STOP_WORDS.has(light)) {
    const stem = stemLight(light);
    const knownStem = stemIds.get(stem);
    if (knownStem === undefined) {
      stemId = stemById.length;
      stemIds.set(stem, stemId);
      stemById.push(stem);
    } else stemId = knownStem;
    const knownLight = lightIds.get(light);
    if (knownLight === undefined) {
      lightId = lightById.length;
      lightIds.set(light, lightId);
      lightById.push(light);
    } else lightId = knownLight;
  }
  const e = count++;
  for (let k = 0; k < word.length; k++) chars[charsUsed + k] = word.charCodeAt(k);
  meta[4 * e] = charsUsed;
  meta[4 * e + 1] = word.length;
  meta[4 * e + 2] = lightId;
  meta[4 * e + 3] = stemId;
  charsUsed += word.length;
  hashes[e] = hash;
  const mask = slots - 1;
  let at = hash & mask;
  while (table[2 * at] !== 0) at = (at + 1) & mask;
  table[2 * at] = e + 1;
  table[2 * at + 1] = hash;
  return e;
}

/**
 * The entry index of text[start, end) whose hash (see hashStep) is `hash`; text is already folded.
 */
export function lookupSpanId(text: string, start: number, end: number, hash: number): number {
  const mask = (table.length >> 1) - 1;
  const len = end - start;
  const h = hash | 0;
  let at = h & mask;
  for (;;) {
    const slot = table[2 * at] as number;
    if (slot === 0) break;
    if (table[2 * at + 1] === h) {
      const e = slot - 1;
      if (meta[4 * e + 1] === len) {
        const off = meta[4 * e] as number;
        let k = 0;
        while (k < len && chars[off + k] === text.charCodeAt(start + k)) k++;
        if (k === len) return e;
      }
    }
    at = (at + 1) & mask;
  }
  return insert(text.slice(start, end), h);
}

/**
 * As lookupSpanId, each char of the span compared and stored as fold[char] (`fold` is a table over
 * UTF-16 code units; the hash must be of folded codes too).
 */
export function lookupFoldedSpanId(text: string, start: number, end: number, hash: number, fold: Uint16Array): number {
  const mask = (table.length >> 1) - 1;
  const len = end - start;
  const h = hash | 0;
  let at = h & mask;
  for (;;) {
    const slot = table[2 * at] as number;
    if (slot === 0) break;
    if (table[2 * at + 1] === h) {
      const e = slot - 1;
      if (meta[4 * e + 1] === len) {
        const off = meta[4 * e] as number;
        let k = 0;
        while (k < len && chars[off + k] === fold[text.charCodeAt(start + k)]) k++;
        if (k === len) return e;
      }
    }
    at = (at + 1) & mask;
  }
  let folded = "";
  for (let k = start; k < end; k++) folded += String.fromCharCode(fold[text.charCodeAt(k)] as number);
  return insert(folded, h);
}

/** The entry index of a whole (folded) word. */
export function lookupWordId(raw: string): number {
  return lookupSpanId(raw, 0, raw.length, hashString(raw));
}

/** The entry of a whole (folded) word. */
export function lookupWord(raw: string): WordEntry {
  const e = lookupWordId(raw);
  const lightId = entryLightId(e);
  const stemId = entryStemId(e);
  if (lightId < 0) return { raw, light: "", stem: "", lightId: -1, stemId: -1 };
  return { raw, light: lightById[lightId] as string, stem: stemById[stemId] as string, lightId, stemId };
}
