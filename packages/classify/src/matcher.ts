import type { Theme } from "@corpus/model";
import { tokenize, type TokenStream } from "./text/analyze";
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
export interface Matcher {
  readonly rules: readonly TermRule[];
  readonly byStem: ReadonlyMap<string, readonly number[]>;
  readonly byFirstWord: ReadonlyMap<string, readonly number[]>;
  readonly exclusions: readonly Exclusion[];
  readonly exclusionsByFirstWord: ReadonlyMap<string, readonly number[]>;
  readonly themeCount: number;
  /** Per theme: its context group, or -1 when the theme has no `context` (always in context). */
  readonly themeGroup: Int32Array;
  readonly contextByStem: ReadonlyMap<string, readonly number[]>;
  readonly contextPhrases: ReadonlyMap<string, readonly ContextTerm[]>;
  readonly contextExclusions: ReadonlyMap<string, readonly ContextTerm[]>;
}

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
  return {
    rules,
    byStem,
    byFirstWord,
    exclusions,
    exclusionsByFirstWord,
    themeCount: themes.length,
    themeGroup,
    contextByStem,
    contextPhrases,
    contextExclusions,
  };
}

/** A rule that fired in one field, before exclusions. */
interface Hit {
  readonly rule: number;
  readonly start: number;
  readonly end: number;
}

function matchesAt(words: readonly string[], i: number, units: readonly string[]): boolean {
  if (units.length > words.length - i) return false;
  for (let k = 0; k < units.length; k++) if (words[i + k] !== units[k]) return false;
  return true;
}

/**
 * Rule counts in one field after exclusions: `counts.get(rule)` is how many times the rule fired;
 * context groups with at least one term not cancelled by a context exclusion go into `contexts`.
 * A single keyword within `window` words of an exclusion of its theme is cancelled ("trafficking"
 * near "drug"); a phrase is cancelled only when an exclusion overlaps it.
 */
export function matchField(
  matcher: Matcher,
  stream: TokenStream,
  window: number,
  counts: Map<number, number>,
  contexts: Set<number>,
): void {
  const { words, stems } = stream;
  const hits: Hit[] = [];
  let spans: { theme: number; start: number; end: number }[] | undefined;
  let ctxHits: { group: number; start: number; end: number }[] | undefined;
  let ctxSpans: { group: number; start: number; end: number }[] | undefined;
  const hasContext = matcher.contextByStem.size > 0 || matcher.contextPhrases.size > 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const s = stems[i] as string;
    if (hasContext) {
      const cs = matcher.contextByStem.get(s);
      if (cs) for (const g of cs) (ctxHits ??= []).push({ group: g, start: i, end: i + 1 });
      const cp = matcher.contextPhrases.get(w);
      if (cp) for (const c of cp) if (matchesAt(words, i, c.units)) (ctxHits ??= []).push({ group: c.group, start: i, end: i + c.units.length });
      const cx = matcher.contextExclusions.get(w);
      if (cx) for (const c of cx) if (matchesAt(words, i, c.units)) (ctxSpans ??= []).push({ group: c.group, start: i, end: i + c.units.length });
    }
    const kw = matcher.byStem.get(s);
    if (kw) for (const r of kw) hits.push({ rule: r, start: i, end: i + 1 });
    const ph = matcher.byFirstWord.get(w);
    if (ph) {
      for (const r of ph) {
        const units = (matcher.rules[r] as TermRule).units;
        if (matchesAt(words, i, units)) hits.push({ rule: r, start: i, end: i + units.length });
      }
    }
    const ex = matcher.exclusionsByFirstWord.get(w);
    if (ex) {
      for (const x of ex) {
        const e = matcher.exclusions[x] as Exclusion;
        if (matchesAt(words, i, e.units)) (spans ??= []).push({ theme: e.theme, start: i, end: i + e.units.length });
      }
    }
  }
  if (ctxHits) {
    for (const h of ctxHits) {
      if (contexts.has(h.group)) continue;
      const cancelled = ctxSpans?.some((x) => x.group === h.group && h.start < x.end + window && h.end > x.start - window);
      if (!cancelled) contexts.add(h.group);
    }
  }
  for (const h of hits) {
    const rule = matcher.rules[h.rule] as TermRule;
    if (spans) {
      let cancelled = false;
      for (const x of spans) {
        if (x.theme !== rule.theme) continue;
        const lo = rule.kind === "keyword" ? x.start - window : x.start;
        const hi = rule.kind === "keyword" ? x.end + window : x.end;
        if (h.start < hi && h.end > lo) {
          cancelled = true;
          break;
        }
      }
      if (cancelled) continue;
    }
    counts.set(h.rule, (counts.get(h.rule) ?? 0) + 1);
  }
}
