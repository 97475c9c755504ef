import type { Digest, DigestItem, DigestSection } from "@corpus/model";
import { oneLine } from "./escape";

/** Presentation options shared by the three renderers. */
export interface RenderOptions {
  /** Shown in the heading instead of the subscriber id. */
  subscriberName?: string | undefined;
  /** IANA time zone for dates shown to the reader. @default "UTC" */
  timeZone?: string | undefined;
  /** Feed id -> display name, for the "Source" line. */
  feedNames?: Readonly<Record<string, string>> | undefined;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "16 Aug 2019" in the reader's time zone; the raw value when it is not a date. */
export function formatDate(iso: string, timeZone = "UTC"): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return oneLine(iso);
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone }).format(date);
}

/** "25 Nov 2026, 09:00 CET" in the reader's time zone. */
export function formatDateTime(iso: string, timeZone = "UTC"): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return oneLine(iso);
  const day = formatDate(iso, timeZone);
  const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone, timeZoneName: "short" }).format(date);
  return `${day}, ${time}`;
}

export function digestTitle(digest: Digest, options: RenderOptions): string {
  const who = oneLine(options.subscriberName ?? digest.subscriber);
  return `corpus digest for ${who}, ${formatDate(digest.createdAt, options.timeZone)}`;
}

/** "12 new items in 3 themes", or "Nothing new since the last digest." */
export function countsLine(digest: Digest): string {
  if (digest.counts.items === 0) return "Nothing new since the last digest.";
  return `${plural(digest.counts.items, "new item")} in ${plural(digest.counts.themes, "theme")}`;
}

/** The note on a capped digest, or undefined when nothing is waiting. */
export function remainingLine(digest: Digest): string | undefined {
  const n = digest.counts.remaining ?? 0;
  if (n === 0) return undefined;
  return `${plural(n, "more item")} ${n === 1 ? "is" : "are"} waiting: this digest was capped and the rest will follow in the next one.`;
}

export function sourceNames(item: DigestItem, options: RenderOptions): string {
  return item.sources.map((id) => oneLine(options.feedNames?.[id] ?? id)).join(", ");
}

/** "Source: ICMPD News · 16 Aug 2019 · score 0.72" */
export function metaLine(item: DigestItem, options: RenderOptions): string {
  const parts = [`${item.sources.length > 1 ? "Sources" : "Source"}: ${sourceNames(item, options)}`];
  if (item.publishedAt) parts.push(formatDate(item.publishedAt, options.timeZone));
  parts.push(`score ${item.score.toFixed(2)}`);
  return parts.join(" · ");
}

/** Matched terms shown per item (the JSON keeps them all). */
export const MAX_TERMS_SHOWN = 6;

/** "matched asylum, return · nearest: EU Pact briefing (0.81)", or undefined without evidence. */
export function whyLine(item: DigestItem): string | undefined {
  const parts: string[] = [];
  const terms = item.why.matchedTerms;
  if (terms.length > 0) {
    const more = terms.length > MAX_TERMS_SHOWN ? ` and ${terms.length - MAX_TERMS_SHOWN} more` : "";
    parts.push(`matched ${terms.slice(0, MAX_TERMS_SHOWN).map(oneLine).join(", ")}${more}`);
  }
  const nearest = item.why.nearest;
  if (nearest) parts.push(`nearest: ${oneLine(nearest.title ?? nearest.id)} (${nearest.similarity.toFixed(2)})`);
  return parts.length > 0 ? parts.join(" · ") : undefined;
}

/** Labels of the other sections this item is also listed in, or undefined. */
export function alsoIn(item: DigestItem, section: DigestSection, digest: Digest): string | undefined {
  const labels = new Map(digest.sections.map((s) => [s.theme.id, s.theme.label]));
  const others = item.themes.filter((t) => t !== section.theme.id).map((t) => oneLine(labels.get(t) ?? t));
  return others.length > 0 ? others.join(", ") : undefined;
}

/**
 * The e-mail subject: subscriber, item and theme counts, and the largest themes.
 *
 * @example "[corpus] analyst: 12 new items in 3 themes (Border management 5, Asylum 4, +1 more)"
 */
export function digestSubject(digest: Digest, options: RenderOptions): string {
  const who = oneLine(options.subscriberName ?? digest.subscriber);
  if (digest.counts.items === 0) return `[corpus] ${who}: nothing new`;
  const top = [...digest.sections]
    .sort((a, b) => b.items.length - a.items.length)
    .slice(0, 2)
    .map((s) => `${oneLine(s.theme.label)} ${s.items.length}`);
  const more = digest.sections.length > 2 ? `, +${digest.sections.length - 2} more` : "";
  const waiting = (digest.counts.remaining ?? 0) > 0 ? ` [+${digest.counts.remaining} waiting]` : "";
  return `[corpus] ${who}: ${countsLine(digest)} (${top.join(", ")}${more})${waiting}`;
}
