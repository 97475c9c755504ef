import type { Redis } from "ioredis";
import { DocumentSchema, type Document } from "@corpus/model";
import type { DocumentStore } from "../intake/ports";
import type { Keyspace } from "../redis/keys";
import { BOUNDED_HSETNX } from "../redis/bounded-hash";

export interface ExportableDocumentStore extends DocumentStore {
  /** Stored documents first recorded at or after `since`, oldest first. */
  list(options?: { since?: Date; batch?: number }): AsyncIterable<Document>;
  count(): Promise<number>;
}

/**
 * Classified items as corpus documents: `keys.documents()` HASH id -> Document JSON, ordered by
 * first-recorded time in `keys.documentsOrder()`, trimmed to `keep` (retention.documents).
 */
export function createRedisDocumentStore({ redis, keys, keep }: { redis: Redis; keys: Keyspace; keep: number }): ExportableDocumentStore {
  return {
    async putMany(documents, at) {
      if (documents.length === 0) return;
      const args = documents.flatMap((d) => [d.id, JSON.stringify(d)]);
      await BOUNDED_HSETNX.run(redis, [keys.documents(), keys.documentsOrder()], [at.getTime(), keep, ...args]);
    },

    async addFeed(documentId, feedId) {
      const json = await redis.hget(keys.documents(), documentId);
      if (json === null) return;
      const doc = DocumentSchema.parse(JSON.parse(json));
      if (doc.provenance.feeds.includes(feedId)) return;
      doc.provenance.feeds.push(feedId);
      // HSET XX semantics: only if the document was not trimmed meanwhile.
      if (await redis.hexists(keys.documents(), documentId)) await redis.hset(keys.documents(), documentId, JSON.stringify(doc));
    },

    async *list({ since, batch = 500 } = {}) {
      // Offset paging: a trim running during an export may skip a few of the oldest documents.
      const min = since ? String(since.getTime()) : "-inf";
      let offset = 0;
      for (;;) {
        const ids = await redis.zrangebyscore(keys.documentsOrder(), min, "+inf", "LIMIT", offset, batch);
        if (ids.length === 0) return;
        const values = await redis.hmget(keys.documents(), ...ids);
        for (const value of values) if (value !== null) yield DocumentSchema.parse(JSON.parse(value));
        offset += ids.length;
      }
    },

    count() {
      return redis.zcard(keys.documentsOrder());
    },
  };
}
