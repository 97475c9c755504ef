/**
 * Every Redis key the watcher owns, in one place, under the configured prefix (the same prefix
 * BullMQ uses for its queues). With Redis Cluster the prefix carries a hash tag, e.g. "{corpus}", so
 * multi-key scripts stay in one slot.
 */
export function keyspace(prefix: string) {
  const k = (...parts: string[]) => [prefix, "w", ...parts].join(":");
  return {
    /** ZSET of item keys seen in one feed, scored by first-seen time (bounded by count). */
    seenFeed: (feedId: string) => k("seen", "feed", feedId),
    /** HASH canonical-URL key -> document id, across feeds (bounded by count via seenGlobalOrder). */
    seenGlobal: () => k("seen", "url"),
    seenGlobalOrder: () => k("seen", "url-order"),
    /** HASH of one feed's health and HTTP validators. */
    feedState: (feedId: string) => k("feed", feedId),
    /** STRING lock held while one process polls a feed (SET NX PX), so two polls never overlap. */
    feedLock: (feedId: string) => k("feed-lock", feedId),
    /** SET of configured feed ids (to find removed ones). */
    feedIndex: () => k("feeds"),
    /** HASH document id -> Document JSON, and its ZSET order (bounded by retention.documents). */
    documents: () => k("docs"),
    documentsOrder: () => k("docs-order"),
    /** Alert store and delivery state: owned by alerts/. */
    alerts: (subscriber: string) => k("alerts", subscriber),
    /**
     * HASH per document: field `<subscriber>/<alertId>` -> JSON list of the channel ids the alert was
     * queued on. Lets addSource find a document's undelivered alerts (see alerts/redis-alert-store.ts).
     */
    alertsByDocument: (documentId: string) => k("alerts-by-doc", documentId),
    pending: (subscriber: string, channel: string) => k("pending", subscriber, channel),
    delivered: (subscriber: string) => k("delivered", subscriber),
    inflight: (subscriber: string, channel: string) => k("inflight", subscriber, channel),
    digest: (digestId: string) => k("digest", digestId),
    digestRuns: (subscriber: string) => k("runs", subscriber),
    /** Per-host concurrency counters shared by every watcher process. */
    hostSlots: (host: string) => k("host", host),
  };
}
export type Keyspace = ReturnType<typeof keyspace>;
