import { fromFeedItem, type Document, type FeedRef } from "@corpus/model";
import type { AlertStore, Logger } from "../ports";
import { itemKey, shouldKeyByUrl, type IdentityCache, type ItemKey } from "./identity";
import { buildAlert, relevantMatches, type SubscriberRule } from "./match";
import type { Classifier, DocumentStore, FeedState, IdentityMode, SeenStore } from "./ports";

/** The feed settings item processing needs (a subset of FeedConfig). */
export interface FeedRules {
  id: string;
  /** Alert on what the first poll finds. */
  backfill: boolean;
  /** Items published longer ago (ms) are recorded but never alerted. */
  maxItemAge: number;
}

export interface ProcessDeps {
  seen: SeenStore;
  documents: DocumentStore;
  alerts: AlertStore;
  classifier: Classifier;
  subscribers: readonly SubscriberRule[];
  /** retention.seenPerFeed; the seen-set keeps at least 10x the feed's items regardless. */
  seenPerFeed: number;
  logger: Logger;
  /** Remembers item identities across polls (per process); optional. */
  identityCache?: IdentityCache;
  /** Test hook: awaited before each alert write (CORPUS_TEST_DELAY_MS). */
  beforeAlert?: () => Promise<void>;
}

export interface ProcessResult {
  /** Distinct items in the feed. */
  items: number;
  /** Items no key of which was known. */
  newItems: number;
  /** Alerts created (an alert that already existed is not counted). */
  alerts: number;
  alertsBySubscriber: Record<string, number>;
  /** Items first seen in another feed (same canonical URL): the existing alerts gained a source. */
  duplicates: number;
  /** New items recorded without alerts (first poll, too old, identity switch). */
  recordedOnly: number;
  identity: IdentityMode;
  /** The feed's GUIDs became unusable and it switched to URL keys during this poll. */
  switchedIdentity: boolean;
  firstPoll: boolean;
}

/** The lower bound on a seen-set: old items must never fall out while the feed still shows them. */
export const SEEN_SAFETY_FACTOR = 10;

/** One feed item: the raw parsed item, its key, and its id under GUID keys (before a switch). */
interface Entry {
  item: unknown;
  key: ItemKey;
  guidModeId: string;
}

function toKeys(items: readonly unknown[], feed: FeedRef, fetchedAt: string, trustGuid: boolean, cache?: IdentityCache): ItemKey[] {
  return items.map((item) => itemKey(item, feed, { fetchedAt, trustGuid }, cache));
}

/** One entry per id: a feed listing an item twice yields it once. */
function uniqueById(entries: readonly Entry[]): Entry[] {
  const unique = new Map<string, Entry>();
  for (const entry of entries) if (!unique.has(entry.key.id)) unique.set(entry.key.id, entry);
  return [...unique.values()];
}

function isTooOld(doc: Document, maxItemAge: number, now: Date): boolean {
  if (doc.publishedAt === undefined) return false;
  return now.getTime() - Date.parse(doc.publishedAt) > maxItemAge;
}

/**
 * Finds the new items of one fetched feed, classifies them, records alerts, stores documents and
 * marks the items seen, in that order: a crash at any point loses nothing, and doing it again
 * records nothing twice (alert ids are deterministic and AlertStore.record is idempotent).
 *
 * An item is known when its key is in the feed's seen-set, or when its canonical URL was first
 * recorded under another document (the same story through another feed: that document's pending
 * alerts gain this feed as a source instead).
 */
export async function processItems(
  deps: ProcessDeps,
  feed: FeedRules,
  feedRef: FeedRef,
  items: readonly unknown[],
  state: Pick<FeedState, "identity" | "initialized">,
  now: Date,
): Promise<ProcessResult> {
  const fetchedAt = now.toISOString();
  const before = toKeys(items, feedRef, fetchedAt, state.identity === "guid", deps.identityCache);
  const switchedIdentity = state.identity === "guid" && shouldKeyByUrl(before.map((k) => k.guidKey));
  const current = switchedIdentity ? toKeys(items, feedRef, fetchedAt, false, deps.identityCache) : before;
  const identity: IdentityMode = switchedIdentity ? "url" : state.identity;
  const entries = uniqueById(items.map((item, i) => ({ item, key: current[i]!, guidModeId: before[i]!.id })));
  const docs = entries.map((e) => e.key);
  const firstPoll = !state.initialized;
  const log = deps.logger.child({ feed: feed.id });

  const urlKeys = docs.map((d) => d.urlKey);
  const lookups = await deps.seen.lookup(
    feed.id,
    docs.map((d) => ({ key: d.id, ...(d.urlKey !== undefined && { urlKey: d.urlKey }) })),
  );
  const knownBefore = switchedIdentity ? await deps.seen.lookup(feed.id, entries.map((e) => ({ key: e.guidModeId }))) : undefined;

  // Classify each item: already seen here, first seen elsewhere (duplicate), or new.
  const fresh: number[] = [];
  const duplicates: { index: number; owner: string }[] = [];
  const toMark: string[] = [];
  docs.forEach((doc, i) => {
    const lookup = lookups[i]!;
    if (lookup.seen) return;
    toMark.push(doc.id);
    if (knownBefore?.[i]?.seen) return; // re-keyed after an identity switch
    if (lookup.urlOwner !== undefined && lookup.urlOwner !== doc.id) duplicates.push({ index: i, owner: lookup.urlOwner });
    else fresh.push(i);
  });

  // Claim the canonical URLs of new items (first claim wins across feeds and processes).
  const claims = fresh.filter((i) => urlKeys[i] !== undefined);
  const owners = await deps.seen.claimUrls(claims.map((i) => ({ urlKey: urlKeys[i]!, documentId: docs[i]!.id })), now);
  const lost = new Set<number>();
  claims.forEach((i, n) => {
    const owner = owners[n];
    if (owner !== undefined && owner !== docs[i]!.id) {
      lost.add(i);
      duplicates.push({ index: i, owner });
    }
  });
  const newIndexes = fresh.filter((i) => !lost.has(i));

  // A switch that changes the keys of items the feed showed before records this poll without
  // alerts (the keys are new, the items mostly are not). When no key changes (a feed that never
  // sent usable GUIDs was already keyed by URL) it is bookkeeping and alerts go out as usual.
  const rekeyed = switchedIdentity && entries.some((e) => e.guidModeId !== e.key.id);
  const alertsAllowed = firstPoll ? feed.backfill : !rekeyed;
  const classified: Document[] = [];
  const pendingAlerts: { alert: ReturnType<typeof buildAlert>; channels: readonly string[] }[] = [];
  let recordedOnly = 0;
  for (const i of newIndexes) {
    // Only new items pay for the full conversion (HTML to text of their content).
    const doc = fromFeedItem(entries[i]!.item, feedRef, { fetchedAt, trustGuid: identity === "guid" }).document;
    const result = deps.classifier.classify({ title: doc.title, summary: doc.summary ?? doc.abstract, text: doc.text });
    const themes = result.matches.filter((m) => m.passed).map((m) => ({ theme: m.theme, by: "classifier" as const, score: m.score }));
    classified.push({ ...doc, themes });
    if (!alertsAllowed || isTooOld(doc, feed.maxItemAge, now)) {
      recordedOnly++;
      continue;
    }
    for (const sub of deps.subscribers) {
      const matches = relevantMatches(sub, feed.id, result.matches);
      if (matches.length > 0) pendingAlerts.push({ alert: buildAlert(sub.id, doc, feed.id, matches, now), channels: sub.channels });
    }
  }

  // 1. documents and alerts (durable), 2. sources of duplicates, 3. only then the seen marks.
  await deps.documents.putMany(classified, now);
  let results: ("created" | "exists")[] = [];
  if (deps.beforeAlert) {
    for (const { alert, channels } of pendingAlerts) {
      await deps.beforeAlert();
      results.push(await deps.alerts.record(alert, channels));
    }
  } else {
    results = await Promise.all(pendingAlerts.map(({ alert, channels }) => deps.alerts.record(alert, channels)));
  }
  const alertsBySubscriber: Record<string, number> = {};
  results.forEach((r, i) => {
    const sub = pendingAlerts[i]!.alert.subscriber;
    if (r === "created") alertsBySubscriber[sub] = (alertsBySubscriber[sub] ?? 0) + 1;
  });
  const created = results.filter((r) => r === "created").length;
  for (const { owner } of duplicates) {
    await deps.alerts.addSource(owner, feed.id);
    await deps.documents.addFeed(owner, feed.id);
  }
  const keep = Math.max(deps.seenPerFeed, SEEN_SAFETY_FACTOR * docs.length);
  await deps.seen.markSeen(feed.id, toMark, now, keep);

  if (switchedIdentity) log.warn({ items: docs.length }, "feed GUIDs are blank or repeated: switched to URL keys, recorded current items without alerts");
  return {
    items: docs.length,
    newItems: newIndexes.length,
    alerts: created,
    alertsBySubscriber,
    duplicates: duplicates.length,
    recordedOnly,
    identity,
    switchedIdentity,
    firstPoll,
  };
}
