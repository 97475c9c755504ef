/**
 * In-memory versions of the intake stores, with the Redis ones' semantics (the shared suite in
 * stores.suite.ts runs against both). For unit tests and single-shot tools.
 */
import { DocumentSchema, type Document } from "@corpus/model";
import type { FeedLock, FeedState, FeedStateStore, SeenStore } from "../intake/ports";
import type { ExportableDocumentStore } from "./redis-document-store";

/** Keeps the newest `keep` entries of an insertion-scored map (ties: lexicographic, like a ZSET). */
function trim(scores: Map<string, number>, keep: number): string[] {
  if (scores.size <= keep) return [];
  const sorted = [...scores].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  const dropped = sorted.slice(0, scores.size - keep).map(([k]) => k);
  for (const k of dropped) scores.delete(k);
  return dropped;
}

export function createMemorySeenStore({ globalKeep }: { globalKeep: number }): SeenStore & { size(feedId: string): number } {
  const feeds = new Map<string, Map<string, number>>();
  const owners = new Map<string, string>();
  const order = new Map<string, number>();
  return {
    async lookup(feedId, items) {
      return items.map((item) => {
        const owner = item.urlKey === undefined ? undefined : owners.get(item.urlKey);
        return { seen: feeds.get(feedId)?.has(item.key) ?? false, ...(owner ? { urlOwner: owner } : {}) };
      });
    },
    async claimUrls(entries, at) {
      const result = entries.map(({ urlKey, documentId }) => {
        if (!owners.has(urlKey)) {
          owners.set(urlKey, documentId);
          order.set(urlKey, at.getTime());
        }
        return owners.get(urlKey)!;
      });
      for (const k of trim(order, globalKeep)) owners.delete(k);
      return result;
    },
    async markSeen(feedId, keys, at, keep) {
      const set = feeds.get(feedId) ?? feeds.set(feedId, new Map()).get(feedId)!;
      for (const key of keys) if (!set.has(key)) set.set(key, at.getTime());
      trim(set, keep);
    },
    size: (feedId) => feeds.get(feedId)?.size ?? 0,
  };
}

export function createMemoryFeedStateStore(): FeedStateStore {
  const states = new Map<string, FeedState>();
  return {
    async get(feedId) {
      return structuredClone(states.get(feedId) ?? { initialized: false, identity: "guid", consecutiveFailures: 0, itemCount: 0 });
    },
    async update(feedId, patch) {
      const next: Record<string, unknown> = { ...(await this.get(feedId)) };
      for (const [field, value] of Object.entries(patch)) {
        if (value === undefined) delete next[field];
        else next[field] = value;
      }
      states.set(feedId, next as unknown as FeedState);
    },
  };
}

export function createMemoryDocumentStore({ keep }: { keep: number }): ExportableDocumentStore {
  const docs = new Map<string, string>();
  const order = new Map<string, number>();
  return {
    async putMany(documents, at) {
      for (const doc of documents) {
        if (docs.has(doc.id)) continue;
        docs.set(doc.id, JSON.stringify(doc));
        order.set(doc.id, at.getTime());
      }
      for (const id of trim(order, keep)) docs.delete(id);
    },
    async addFeed(documentId, feedId) {
      const json = docs.get(documentId);
      if (json === undefined) return;
      const doc = DocumentSchema.parse(JSON.parse(json));
      if (!doc.provenance.feeds.includes(feedId)) doc.provenance.feeds.push(feedId);
      docs.set(documentId, JSON.stringify(doc));
    },
    async *list({ since } = {}) {
      const ids = [...order].filter(([, t]) => since === undefined || t >= since.getTime()).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
      for (const [id] of ids) {
        const json = docs.get(id);
        if (json !== undefined) yield DocumentSchema.parse(JSON.parse(json)) as Document;
      }
    },
    async count() {
      return order.size;
    },
  };
}

export function createMemoryFeedLock(): FeedLock {
  const held = new Set<string>();
  return {
    async acquire(feedId) {
      if (held.has(feedId)) return undefined;
      held.add(feedId);
      return async () => void held.delete(feedId);
    },
  };
}
