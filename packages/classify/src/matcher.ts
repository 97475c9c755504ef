import type { Theme } from "@corpus/model";
import { lightIdOf } from "./text/memo";
import { tokenize, type TokenStream } from "./text/tokenize";
import { themeContext } from "./themes";

/** The three fields of an item, in `ThemeMatch` terms. */
export const FIELDS = ["title", "summary", "text"] as const;
export type Field = (typeof FIELDS)[number];

/** One keyword or phrase of one theme. */
export interface TermRule {
  readonly theme: number;
  /** As written in the theme file (shown in explanations). */
  readonly term: string;
  readonly weight: number;
  /** Single keywords match on stems; phrases (and single-word phrases) on light words. */
  readonly kind: "keyword" | "phrase";
  /** Light words (phrases) or the single stem (keywords). */
  readonly units: readonly string[];
  /** Stems of the words (for the keyword pseudo-document of the theme centroid). */
  readonly stems: readonly string[];
}

interface Exclusion {
  /** Theme index (rule exclusions) or context group index (context exclusions). */
  readonly theme: number;
  readonly units: readonly string[];
}

interface ContextTerm {
  readonly group: number;
  readonly units: readonly string[];
}

/** Keyword, phrase and exclusion rules of all themes, indexed for a single pass over a field. */
/** What starts at a word with this stem. */
interface StemSlot {
  readonly keywords: readonly number[];
  readonly contexts: readonly number[];
}
/** What starts at a word with this light form. */
interface WordSlot {
  readonly phrases: readonly number[];
  readonly exclusions: readonly number[];
  readonly contextPhrases: readonly ContextTerm[];
  readonly contextExclusions: readonly ContextTerm[];
}

export interface Matcher {
  readonly rules: readonly TermRule[];
  readonly exclusions: readonly Exclusion[];
  readonly themeCount: number;
  /** Per theme: its context group, or -1 when the theme has no `context` (always in context). */
  readonly themeGroup: Int32Array;
  /** One lookup per word for everything keyed by its stem, one for everything keyed by its form. */
  readonly byStem: ReadonlyMap<string, StemSlot>;
  readonly byWord: ReadonlyMap<string, WordSlot>;
  /** The two maps above cached by memo id (see text/memo); refilled when the memo restarts. */
  readonly cache: SlotCache;
}

interface SlotCache {
  epoch: number;
  /** By memo id: 0 not looked up yet, -1 nothing starts here, else the slot's index + 1. */
  stem: Int32Array;
  word: Int32Array;
  /** The slots of byStem / byWord, indexed by the numbers in `stem` / `word`. */
  readonly stemSlots: StemSlot[];
  readonly wordSlots: ResolvedWordSlot[];
}

/**
 * A WordSlot with, per candidate of each list, the light id of its second unit in the cache's
 * epoch: -2 for single-word candidates, -1 when that word has not been seen when the slot was
 * resolved (then only the string comparison decides). A known id rejects most candidates with
 * one integer comparison.
 */
interface ResolvedWordSlot {
  readonly slot: WordSlot;
  readonly phrases: Int32Array;
  readonly exclusions: Int32Array;
  readonly contextPhrases: Int32Array;
  readonly contextExclusions: Int32Array;
}

function secondIds(units: readonly (readonly string[])[]): Int32Array {
  const out = new Int32Array(units.length);
  for (let j = 0; j < units.length; j++) {
    const u = units[j] as readonly string[];
    out[j] = u.length < 2 ? -2 : lightIdOf(u[1] as string);
  }
  return out;
}

function resolve(m: Matcher, slot: WordSlot): ResolvedWordSlot {
  return {
    slot,
    phrases: secondIds(slot.phrases.map((r) => (m.rules[r] as TermRule).units)),
    exclusions: secondIds(slot.exclusions.map((x) => (m.exclusions[x] as Exclusion).units)),
    contextPhrases: secondIds(slot.contextPhrases.map((c) => c.units)),
    contextExclusions: secondIds(slot.contextExclusions.map((c) => c.units)),
  };
}

/** Whether a candidate whose second unit has id `second` (see ResolvedWordSlot) can start at i. */
function secondOk(wordIds: readonly number[], i: number, second: number): boolean {
  return second < 0 || wordIds[i + 1] === second;
}

function grown(cache: Int32Array, id: number): Int32Array {
  const next = new Int32Array(Math.max(1024, id * 2));
  next.set(cache);
  return next;
}

function stemSlot(m: Matcher, id: number, stem: string): StemSlot | null {
  const c = m.cache;
  if (id >= c.stem.length) c.stem = grown(c.stem, id);
  let v = c.stem[id] as number;
  if (v === 0) {
    const slot = m.byStem.get(stem);
    if (slot === undefined) v = -1;
    else {
      c.stemSlots.push(slot);
      v = c.stemSlots.length;
    }
    c.stem[id] = v;
  }
  return v < 0 ? null : (c.stemSlots[v - 1] as StemSlot);
}
function wordSlot(m: Matcher, id: number, word: string): ResolvedWordSlot | null {
  const c = m.cache;
  if (id >= c.word.length) c.word = grown(c.word, id);
  let v = c.word[id] as number;
  if (v === 0) {
    const slot = m.byWord.get(word);
    if (slot === undefined) v = -1;
    else {
      c.wordSlots.push(resolve(m, slot));
      v = c.wordSlots.length;
    }
    c.word[id] = v;
  }
  return v < 0 ? null : (c.wordSlots[v - 1] as ResolvedWordSlot);
}

const NONE: readonly never[] = [];

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function compileMatcher(themes: readonly Theme[]): Matcher {
  const rules: TermRule[] = [];
  const byStem = new Map<string, number[]>();
  const byFirstWord = new Map<string, number[]>();
  const exclusions: Exclusion[] = [];
  const exclusionsByFirstWord = new Map<string, number[]>();
  const themeGroup = new Int32Array(themes.length).fill(-1);
  const groups = new Map<string, number>();
  const contextByStem = new Map<string, number[]>();
  const contextPhrases = new Map<string, ContextTerm[]>();
  const contextExclusions = new Map<string, ContextTerm[]>();
  themes.forEach((theme, t) => {
    const ctx = themeContext(theme);
    if (ctx.context.length === 0) return;
    const key = JSON.stringify([ctx.context, ctx.contextExclusions]);
    let g = groups.get(key);
    if (g === undefined) {
      g = groups.size;
      groups.set(key, g);
      for (const term of ctx.context) {
        const { words, stems } = tokenize(term);
        if (words.length === 0) continue;
        if (words.length === 1) {
          const list = contextByStem.get(stems[0] as string) ?? [];
          if (!list.includes(g)) list.push(g);
          contextByStem.set(stems[0] as string, list);
        } else {
          push(contextPhrases, words[0] as string, { group: g, units: words });
        }
      }
      for (const term of ctx.contextExclusions) {
        const words = tokenize(term).words;
        if (words.length > 0) push(contextExclusions, words[0] as string, { group: g, units: words });
      }
    }
    themeGroup[t] = g;
  });
  themes.forEach((theme, t) => {
    const seen = new Set<string>();
    const add = (term: string, weight: number, asPhrase: boolean): void => {
      const { words, stems } = tokenize(term);
      const first = words[0];
      if (first === undefined) return;
      if (words.length === 1 && !asPhrase) {
        const stem = stems[0] || first;
        const key = `k:${stem}`;
        if (seen.has(key)) return;
        seen.add(key);
        push(byStem, stem, rules.length);
        rules.push({ theme: t, term, weight, kind: "keyword", units: [stem], stems: [stem] });
      } else {
        const key = `p:${words.join(" ")}`;
        if (seen.has(key)) return;
        seen.add(key);
        push(byFirstWord, first, rules.length);
        rules.push({ theme: t, term, weight, kind: "phrase", units: words, stems });
      }
    };
    for (const k of theme.keywords) add(k.term, k.weight, false);
    for (const p of theme.phrases) add(p.term, p.weight, true);
    for (const x of theme.exclusions) {
      const words = tokenize(x).words;
      const first = words[0];
      if (first === undefined) continue;
      push(exclusionsByFirstWord, first, exclusions.length);
      exclusions.push({ theme: t, units: words });
    }
  });
  const stemSlots = new Map<string, StemSlot>();
  for (const key of new Set([...byStem.keys(), ...contextByStem.keys()])) {
    stemSlots.set(key, { keywords: byStem.get(key) ?? NONE, contexts: contextByStem.get(key) ?? NONE });
  }
  const wordSlots = new Map<string, WordSlot>();
  for (const key of new Set([...byFirstWord.keys(), ...exclusionsByFirstWord.keys(), ...contextPhrases.keys(), ...contextExclusions.keys()])) {
    wordSlots.set(key, {
      phrases: byFirstWord.get(key) ?? NONE,
      exclusions: exclusionsByFirstWord.get(key) ?? NONE,
      contextPhrases: contextPhrases.get(key) ?? NONE,
      contextExclusions: contextExclusions.get(key) ?? NONE,
    });
  }
  return {
    rules,
    exclusions,
    themeCount: themes.length,
    themeGroup,
    byStem: stemSlots,
    byWord: wordSlots,
    cache: { epoch: -1, stem: new Int32Array(1024), word: new Int32Array(1024), stemSlots: [], wordSlots: [] },
  };
}

/** Rules that fired in one field, before exclusions: rule, start, end (reused across calls). */
const hitRule: number[] = [];
const hitStart: number[] = [];
const hitEnd: number[] = [];

/** Whether `units` occur at words[i...]; units[0] is known to equal words[i] (slots are keyed by it). */
function matchesAt(words: readonly string[], i: number, units: readonly string[]): boolean {
  if (units.length > words.length - i) return false;
  for (let k = 1; k < units.length; k++) if (words[i + k] !== units[k]) return false;
  return true;
}

/** Per-item rule counts, reused across items: `counts[rule * 3 + field]`; `fired` lists rules with a count, in first-fired order. */
export interface RuleCounts {
  counts: Int32Array;
  readonly fired: number[];
}

/** Zeroes the counts of the fired rules (cheaper than clearing the whole array). */
export function clearRuleCounts(rc: RuleCounts): void {
  for (const r of rc.fired) rc.counts.fill(0, r * 3, r * 3 + 3);
  rc.fired.length = 0;
}

/**
 * Rule counts in one field after exclusions: `rc.counts[rule * 3 + field]` is how many times the rule fired;
 * context groups with at least one term not cancelled by a context exclusion go into `contexts`.
 * A single keyword within `window` words of an exclusion of its theme is cancelled ("trafficking"
 * near "drug"); a phrase is cancelled only when an exclusion overlaps it.
 */
export function matchField(
  matcher: Matcher,
  stream: TokenStream,
  window: number,
  field: number,
  rc: RuleCounts,
  contexts: Set<number>,
): void {
  const { words, stems, wordIds, stemIds } = stream;
  if (matcher.cache.epoch !== stream.epoch) {
    matcher.cache.epoch = stream.epoch;
    matcher.cache.stem.fill(0);
    matcher.cache.word.fill(0);
    matcher.cache.stemSlots.length = 0;
    matcher.cache.wordSlots.length = 0;
  }
  let nHits = 0;
  let spans: { theme: number; start: number; end: number }[] | undefined;
  let ctxHits: { group: number; start: number; end: number }[] | undefined;
  let ctxSpans: { group: number; start: number; end: number }[] | undefined;
  for (let i = 0; i < words.length; i++) {
    const ss = stemSlot(matcher, stemIds[i] as number, stems[i] as string);
    if (ss !== null) {
      for (const g of ss.contexts) (ctxHits ??= []).push({ group: g, start: i, end: i + 1 });
      for (const r of ss.keywords) {
        hitRule[nHits] = r;
        hitStart[nHits] = i;
        hitEnd[nHits] = i + 1;
        nHits++;
      }
    }
    const rs = wordSlot(matcher, wordIds[i] as number, words[i] as string);
    if (rs === null) continue;
    const ws = rs.slot;
    for (let j = 0; j < ws.contextPhrases.length; j++) {
      const c = ws.contextPhrases[j] as ContextTerm;
      if (secondOk(wordIds, i, rs.contextPhrases[j] as number) && matchesAt(words, i, c.units)) (ctxHits ??= []).push({ group: c.group, start: i, end: i + c.units.length });
    }
    for (let j = 0; j < ws.contextExclusions.length; j++) {
      const c = ws.contextExclusions[j] as ContextTerm;
      if (secondOk(wordIds, i, rs.contextExclusions[j] as number) && matchesAt(words, i, c.units)) (ctxSpans ??= []).push({ group: c.group, start: i, end: i + c.units.length });
    }
    for (let j = 0; j < ws.phrases.length; j++) {
      if (!secondOk(wordIds, i, rs.phrases[j] as number)) continue;
      const r = ws.phrases[j] as number;
      const units = (matcher.rules[r] as TermRule).units;
      if (matchesAt(words, i, units)) {
        hitRule[nHits] = r;
        hitStart[nHits] = i;
        hitEnd[nHits] = i + units.length;
        nHits++;
      }
    }
    for (let j = 0; j < ws.exclusions.length; j++) {
      if (!secondOk(wordIds, i, rs.exclusions[j] as number)) continue;
      const e = matcher.exclusions[ws.exclusions[j] as number] as Exclusion;
      if (matchesAt(words, i, e.units)) (spans ??= []).push({ theme: e.theme, start: i, end: i + e.units.length });
    }
  }
  if (ctxHits) {
    for (const h of ctxHits) {
      if (contexts.has(h.group)) continue;
      const cancelled = ctxSpans?.some((x) => x.group === h.group && h.start < x.end + window && h.end > x.start - window);
      if (!cancelled) contexts.add(h.group);
    }
  }
  for (let j = 0; j < nHits; j++) {
    const hRule = hitRule[j] as number;
    const hStart = hitStart[j] as number;
    const hEnd = hitEnd[j] as number;
    const rule = matcher.rules[hRule] as TermRule;
    if (spans) {
      let cancelled = false;
      for (const x of spans) {
        if (x.theme !== rule.theme) continue;
        const lo = rule.kind === "keyword" ? x.start - window : x.start;
        const hi = rule.kind === "keyword" ? x.end + window : x.end;
        if (hStart < hi && hEnd > lo) {
          cancelled = true;
          break;
        }
      }
      if (cancelled) continue;
    }
    const base = hRule * 3;
    const counts = rc.counts;
    if ((counts[base] as number) + (counts[base + 1] as number) + (counts[base + 2] as number) === 0) rc.fired.push(hRule);
    counts[base + field] = (counts[base + field] as number) + 1;
  }
}
