import type { Alert, Document, ThemeMatch } from "@corpus/model";
import { alertId } from "../alerts/alert-id";

/** What the pipeline needs to know about a subscriber (config + its channel ids). */
export interface SubscriberRule {
  id: string;
  themes: "all" | readonly string[];
  minScore: number;
  /** Only items from these feeds; undefined = every feed. */
  feeds?: readonly string[];
  channels: readonly string[];
}

/**
 * The matches that make an item relevant to a subscriber: themes that passed their own threshold,
 * that the subscriber follows, and that score at least the subscriber's `minScore`. Empty when the
 * item comes from a feed the subscriber filtered out.
 */
export function relevantMatches(subscriber: SubscriberRule, feedId: string, matches: readonly ThemeMatch[]): ThemeMatch[] {
  if (subscriber.feeds !== undefined && !subscriber.feeds.includes(feedId)) return [];
  const follows = (theme: string) => subscriber.themes === "all" || subscriber.themes.includes(theme);
  return matches.filter((m) => m.passed && follows(m.theme) && m.score >= subscriber.minScore);
}

/** The alert about `document` for `subscriber`; its id is deterministic (see alertId). */
export function buildAlert(subscriber: string, document: Document, feedId: string, matches: ThemeMatch[], now: Date): Alert {
  return {
    id: alertId(subscriber, document.id),
    subscriber,
    documentId: document.id,
    title: document.title,
    ...(document.url !== undefined && { url: document.url }),
    ...(document.publishedAt !== undefined && { publishedAt: document.publishedAt }),
    sources: [feedId],
    matches,
    createdAt: now.toISOString(),
  };
}
