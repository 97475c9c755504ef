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
 * = the entry's hash, side by side so a probe reads one cache line; `hashes` keeps the hashes by
 * entry for rehashing.
 */
const INITIAL_SLOTS = 1 << 14;
let table = new Int32Array(INITIAL_SLOTS * 2);
let hashes: number[] = [];
let entries: WordEntry[] = [];
let lightIds = new Map<string, number>();
let stemIds = new Map<string, number>();
let stemById: string[] = [];
let epoch = 0;

/** Changes whenever the memo restarts; caches keyed by lightId/stemId must then be dropped. */
export function memoEpoch(): number {
  return epoch;
}
/** Upper bounds (exclusive) of the light and stem ids handed out in this epoch. */
export function idCounts(): { lights: number; stems: number } {
  return { lights: lightIds.size, stems: stemIds.size };
}

/** The stem of a stem id of the current epoch. */
export function stemText(id: number): string {
  return stemById[id] as string;
}

function idOf(map: Map<string, number>, key: string): number {
  let id = map.get(key);
  if (id === undefined) {
    id = map.size;
    map.set(key, id);
  }
  return id;
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

function makeEntry(raw: string): WordEntry {
  const light = STOP_WORDS.has(raw) ? "" : lightForm(raw);
  if (light === "" || STOP_WORDS.has(light)) return { raw, light: "", stem: "", lightId: -1, stemId: -1 };
  const stem = stemLight(light);
  let stemId = stemIds.get(stem);
  if (stemId === undefined) {
    stemId = stemById.length;
    stemIds.set(stem, stemId);
    stemById.push(stem);
  }
  return { raw, light, stem, lightId: idOf(lightIds, light), stemId };
}

/**
 * Restarts the memo if it is over capacity. Called by the top-level operations (classify one item,
 * count one document, analyze one text) before they start, never in the middle of one, so ids of
 * one item always belong to one epoch; a single huge text may overshoot the capacity meanwhile.
 */
export function maintainMemo(): void {
  if (entries.length >= maxEntries) restart();
}

function restart(): void {
  table = new Int32Array(INITIAL_SLOTS * 2);
  hashes = [];
  entries = [];
  lightIds = new Map();
  stemIds = new Map();
  stemById = [];
  epoch++;
}

function insert(hash: number, entry: WordEntry): void {
  let slots = table.length >> 1;
  if ((entries.length + 1) * 2 > slots) {
    slots *= 2;
    const next = new Int32Array(slots * 2);
    const mask = slots - 1;
    for (let e = 0; e < entries.length; e++) {
      const h = hashes[e] as number;
      let at = h & mask;
      while (next[2 * at] !== 0) at = (at + 1) & mask;
      next[2 * at] = e + 1;
      next[2 * at + 1] = h;
    }
    table = next;
  }
  const mask = slots - 1;
  let at = hash & mask;
  while (table[2 * at] !== 0) at = (at + 1) & mask;
  entries.push(entry);
  hashes.push(hash);
  table[2 * at] = entries.length;
  table[2 * at + 1] = hash;
}
/**
 * The entry of text[start, end) whose hash (see hashStep) is `hash`. With `fold` (a table over
 * UTF-16 code units), each char of the span is compared and stored as fold[char] (the hash must
 * be of folded codes too).
 */
export function lookupSpan(
  text: string,
  start: number,
  end: number,
  hash: number,
  fold?: Uint16Array,
): WordEntry {
  const mask = (table.length >> 1) - 1;
  const len = end - start;
  let at = hash & mask;
  for (;;) {
    const slot = table[2 * at] as number;
    if (slot === 0) break;
    if (table[2 * at + 1] === (hash | 0)) {
      const e = entries[slot - 1] as WordEntry;
      const raw = e.raw;
      if (raw.length === len) {
        let k = 0;
        if (fold) {
          while (k < len && raw.charCodeAt(k) === fold[text.charCodeAt(start + k)]) k++;
        } else {
          while (k < len && raw.charCodeAt(k) === text.charCodeAt(start + k)) k++;
        }
        if (k === len) return e;
      }
    }
    at = (at + 1) & mask;
  }
  let word = text.slice(start, end);
  if (fold) {
    let folded = "";
    for (let k = start; k < end; k++) folded += String.fromCharCode(fold[text.charCodeAt(k)] as number);
    word = folded;
  }
  const entry = makeEntry(word);
  insert(hash, entry);
  return entry;
}

/** The entry of a whole (folded) word. */
export function lookupWord(raw: string): WordEntry {
  return lookupSpan(raw, 0, raw.length, hashString(raw));
}
