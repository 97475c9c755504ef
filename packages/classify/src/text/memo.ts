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
 * The open-addressing table: slot i is table[4i .. 4i + 3] = 1 + offset of the entry's chars in
 * `chars` (0 = empty), its hash, its light id and its stem id (ids -1 for stop words), so a hit
 * reads one slot and the entry's chars. `chars` holds every entry as its length (two code units,
 * low and high 16 bits) followed by its folded chars, stored contiguously for collision checks.
 */
const INITIAL_SLOTS = 1 << 14;
let table = new Int32Array(INITIAL_SLOTS * 4);
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
/**
 * Light and stem ids of the entry in a slot returned by a lookup (valid until the next lookup);
 * -1 for stop words.
 */
export function entryLightId(slot: number): number {
  return table[4 * slot + 2] as number;
}
export function entryStemId(slot: number): number {
  return table[4 * slot + 3] as number;
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
  table = new Int32Array(INITIAL_SLOTS * 4);
  chars = new Uint16Array(INITIAL_SLOTS * 8);
  charsUsed = 0;
  count = 0;
  lightIds = new Map();
  stemIds = new Map();
  lightById = [];
  stemById = [];
  epoch++;
}

/** Runs the per-word pipeline on a new word and adds it as an entry; returns its slot. */
function insert(word: string, hash: number): number {
  let slots = table.length >> 2;
  if ((count + 1) * 2 > slots) {
    slots *= 2;
    const next = new Int32Array(slots * 4);
    const mask = slots - 1;
    for (let old = 0; old < table.length; old += 4) {
      if (table[old] === 0) continue;
      let at = (table[old + 1] as number) & mask;
      while (next[4 * at] !== 0) at = (at + 1) & mask;
      next.set(table.subarray(old, old + 4), 4 * at);
    }
    table = next;
  }
  const len = word.length;
  if (charsUsed + len + 2 > chars.length) {
    const c = new Uint16Array(Math.max(chars.length * 2, charsUsed + len + 2));
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
  count++;
  const off = charsUsed;
  chars[off] = len & 0xffff;
  chars[off + 1] = len >>> 16;
  for (let k = 0; k < len; k++) chars[off + 2 + k] = word.charCodeAt(k);
  charsUsed += len + 2;
  const mask = slots - 1;
  let at = hash & mask;
  while (table[4 * at] !== 0) at = (at + 1) & mask;
  table[4 * at] = off + 1;
  table[4 * at + 1] = hash;
  table[4 * at + 2] = lightId;
  table[4 * at + 3] = stemId;
  return at;
}

/**
 * The slot of the entry of text[start, end) whose hash (see hashStep) is `hash`; text is already
 * folded. Read the entry's ids with entryLightId / entryStemId.
 */
export function lookupSpanId(text: string, start: number, end: number, hash: number): number {
  const mask = (table.length >> 2) - 1;
  const len = end - start;
  const h = hash | 0;
  let at = h & mask;
  for (;;) {
    const o = table[4 * at] as number;
    if (o === 0) break;
    if (table[4 * at + 1] === h) {
      const off = o - 1;
      if (chars[off] === (len & 0xffff) && chars[off + 1] === len >>> 16) {
        let k = 0;
        while (k < len && chars[off + 2 + k] === text.charCodeAt(start + k)) k++;
        if (k === len) return at;
      }
    }
    at = (at + 1) & mask;
  }
  return insert(text.slice(start, end), h);
}

/**
 * As lookupSpanId, each char of the span compared and stored as fold[char]. Kept as a separate copy
 * rather than lookupSpanId with an identity table: this loop runs for every word of every item. (`fold` is a table over
 * UTF-16 code units; the hash must be of folded codes too).
 */
export function lookupFoldedSpanId(text: string, start: number, end: number, hash: number, fold: Uint16Array): number {
  const mask = (table.length >> 2) - 1;
  const len = end - start;
  const h = hash | 0;
  let at = h & mask;
  for (;;) {
    const o = table[4 * at] as number;
    if (o === 0) break;
    if (table[4 * at + 1] === h) {
      const off = o - 1;
      if (chars[off] === (len & 0xffff) && chars[off + 1] === len >>> 16) {
        let k = 0;
        while (k < len && chars[off + 2 + k] === fold[text.charCodeAt(start + k)]) k++;
        if (k === len) return at;
      }
    }
    at = (at + 1) & mask;
  }
  let folded = "";
  for (let k = start; k < end; k++) folded += String.fromCharCode(fold[text.charCodeAt(k)] as number);
  return insert(folded, h);
}

/** The slot of the entry of a whole (folded) word. */
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
