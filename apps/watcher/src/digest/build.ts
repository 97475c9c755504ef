import { canonicalUrl, type Alert, type Digest, type DigestItem, type DigestSection, type ThemeMatch } from "@corpus/model";

/** What a digest shows of a theme: its heading and scope note. */
export interface DigestTheme {
  id: string;
  label: string;
  scopeNote?: string | undefined;
}

/** Everything a digest is built from; the caller supplies the id and the time (no clock reads here). */
export interface BuildDigestInput {
  id: string;
  subscriber: string;
  channel: string;
  createdAt: Date;
  /** The alerts claimed for this digest (already capped by the claim). */
  alerts: readonly Alert[];
  /** Labels and scope notes; an unknown theme id is shown by its id. */
  themes: readonly DigestTheme[];
  /** Themes the subscriber follows. @default "all" */
  follows?: "all" | readonly string[];
  /** Lowest score that places an item under a theme. @default 0 */
  minScore?: number;
  /** Items still pending after this digest because it was capped. @default 0 */
  remaining?: number;
}

/** The section of alerts that matched no theme at all (kept so no claimed alert goes unshown). */
export const OTHER_THEME: DigestTheme = { id: "other", label: "Other items", scopeNote: "Items that matched none of the themes you follow." };

/** One document across the claimed alerts (two alerts about one document are merged). */
interface Merged {
  alert: Alert;
  sources: string[];
  matches: Map<string, ThemeMatch>;
}

function mergeByDocument(alerts: readonly Alert[]): Merged[] {
  const byDoc = new Map<string, Merged>();
  for (const alert of alerts) {
    const seen = byDoc.get(alert.documentId);
    const merged = seen ?? { alert, sources: [], matches: new Map<string, ThemeMatch>() };
    for (const source of alert.sources) if (!merged.sources.includes(source)) merged.sources.push(source);
    for (const match of alert.matches) {
      const previous = merged.matches.get(match.theme);
      if (!previous || match.score > previous.score) merged.matches.set(match.theme, match);
    }
    byDoc.set(alert.documentId, merged);
  }
  return [...byDoc.values()];
}

/**
 * The themes an item is listed under: the followed themes it passed with at least `minScore`; else
 * (the subscriber's themes changed since the alert) every theme it passed; else its best match;
 * else the "other" section. Never empty, so every claimed alert is shown.
 */
function placeItem(matches: readonly ThemeMatch[], follows: "all" | readonly string[], minScore: number): ThemeMatch[] {
  const byScore = [...matches].sort((a, b) => b.score - a.score || a.theme.localeCompare(b.theme));
  const followed = (m: ThemeMatch) => follows === "all" || follows.includes(m.theme);
  const chosen = byScore.filter((m) => m.passed && m.score >= minScore && followed(m));
  if (chosen.length > 0) return chosen;
  const passed = byScore.filter((m) => m.passed);
  if (passed.length > 0) return passed;
  return byScore.slice(0, 1);
}

function cleanTitle(title: string): string {
  const clean = title.replace(/\s+/g, " ").trim();
  return clean === "" ? "(untitled)" : clean;
}

function itemFor(merged: Merged, match: ThemeMatch | undefined, themes: readonly string[]): DigestItem {
  const { alert } = merged;
  const url = alert.url === undefined ? undefined : canonicalUrl(alert.url);
  const nearest = match?.evidence.nearest[0];
  const terms = [...new Set((match?.evidence.matchedTerms ?? []).map((t) => t.term))];
  return {
    documentId: alert.documentId,
    title: cleanTitle(alert.title),
    ...(url === undefined ? {} : { url }),
    sources: merged.sources,
    ...(alert.publishedAt === undefined ? {} : { publishedAt: alert.publishedAt }),
    score: match?.score ?? 0,
    themes: [...themes],
    why: {
      matchedTerms: terms,
      ...(nearest === undefined
        ? {}
        : { nearest: { id: nearest.id, ...(nearest.title === undefined ? {} : { title: nearest.title }), similarity: nearest.similarity } }),
    },
  };
}

function byRelevance(a: DigestItem, b: DigestItem): number {
  return b.score - a.score || (b.publishedAt ?? "").localeCompare(a.publishedAt ?? "") || a.title.localeCompare(b.title) || a.documentId.localeCompare(b.documentId);
}

/**
 * Builds the digest of one (subscriber, channel, run): items grouped by theme, best score first,
 * sections ordered by their best item. An item matching two followed themes is listed under both
 * (its `themes` names every section it is in) and counted once in `counts.items`. Pure.
 */
export function buildDigest(input: BuildDigestInput): Digest {
  const follows = input.follows ?? "all";
  const minScore = input.minScore ?? 0;
  const themeInfo = new Map(input.themes.map((t) => [t.id, t]));
  const sections = new Map<string, DigestItem[]>();
  const merged = mergeByDocument(input.alerts);
  for (const entry of merged) {
    const placed = placeItem([...entry.matches.values()], follows, minScore);
    const themeIds = placed.length > 0 ? placed.map((m) => m.theme) : [OTHER_THEME.id];
    const targets: (ThemeMatch | undefined)[] = placed.length > 0 ? placed : [undefined];
    for (const match of targets) {
      const themeId = match?.theme ?? OTHER_THEME.id;
      const items = sections.get(themeId) ?? [];
      items.push(itemFor(entry, match, themeIds));
      sections.set(themeId, items);
    }
  }
  const built: DigestSection[] = [...sections.entries()].map(([id, items]) => {
    const theme = themeInfo.get(id) ?? (id === OTHER_THEME.id ? OTHER_THEME : { id, label: id });
    const scopeNote = theme.scopeNote?.trim();
    return { theme: { id, label: theme.label, ...(scopeNote ? { scopeNote } : {}) }, items: items.sort(byRelevance) };
  });
  built.sort((a, b) => (b.items[0]?.score ?? 0) - (a.items[0]?.score ?? 0) || a.theme.label.localeCompare(b.theme.label));
  const created = input.alerts.map((a) => Date.parse(a.createdAt)).filter(Number.isFinite);
  const from = created.length > 0 ? new Date(Math.min(...created)).toISOString() : undefined;
  return {
    id: input.id,
    subscriber: input.subscriber,
    channel: input.channel,
    createdAt: input.createdAt.toISOString(),
    period: { ...(from === undefined ? {} : { from }), to: input.createdAt.toISOString() },
    sections: built,
    counts: { items: merged.length, themes: built.length, remaining: input.remaining ?? 0 },
  };
}
