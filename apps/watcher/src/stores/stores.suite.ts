/**
 * Conformance suite for the intake stores (seen-sets, feed state, documents, feed lock), run
 * against the in-memory versions (memory.test.ts) and Redis (tests/watcher-intake-stores.test.ts),
 * so the fakes the pipeline's unit tests use behave like production.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Document } from "@corpus/model";
import type { FeedLock, FeedStateStore, SeenStore } from "../intake/ports";
import type { ExportableDocumentStore } from "./redis-document-store";

export interface StoresHarness {
  /** Stores built with globalKeep 3 (seen URLs) and keep 3 (documents). */
  seen: SeenStore;
  states: FeedStateStore;
  documents: ExportableDocumentStore;
  lock: FeedLock;
  close(): Promise<void>;
}

const at = (minute: number) => new Date(Date.UTC(2025, 10, 25, 8, minute));

function doc(id: string, feeds = ["a"]): Document {
  return { id, kind: "news-item", title: `Doc ${id}`, authors: [], identifiers: {}, language: "en", keywords: [], themes: [], provenance: { feeds } };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}

export function describeStores(name: string, open: () => Promise<StoresHarness>): void {
  describe(`intake stores conformance: ${name}`, () => {
    let h: StoresHarness;
    beforeEach(async () => {
      h = await open();
    });
    afterEach(async () => {
      await h.close();
    });

    it("seen-set: per feed, trimmed by count keeping the first-seen newest", async () => {
      await h.seen.markSeen("a", ["k1", "k2"], at(1), 3);
      await h.seen.markSeen("a", ["k2", "k3"], at(2), 3);
      expect(await h.seen.lookup("a", [{ key: "k1" }, { key: "k3" }, { key: "k9" }])).toEqual([{ seen: true }, { seen: true }, { seen: false }]);
      expect(await h.seen.lookup("b", [{ key: "k1" }])).toEqual([{ seen: false }]);
      await h.seen.markSeen("a", ["k4"], at(3), 3);
      expect((await h.seen.lookup("a", [{ key: "k1" }, { key: "k2" }, { key: "k4" }])).map((l) => l.seen)).toEqual([false, true, true]);
      // k2 keeps its first-seen time (minute 1): re-marking does not refresh it.
      await h.seen.markSeen("a", ["k2"], at(9), 3);
      await h.seen.markSeen("a", ["k5"], at(10), 3);
      expect((await h.seen.lookup("a", [{ key: "k2" }, { key: "k3" }])).map((l) => l.seen)).toEqual([false, true]);
      expect(await h.seen.lookup("a", [])).toEqual([]);
    });

    it("URL claims: the first claim wins, owners are reported, oldest claims trimmed", async () => {
      expect(await h.seen.claimUrls([{ urlKey: "u-1", documentId: "g-a1" }, { urlKey: "u-2", documentId: "g-a2" }], at(1))).toEqual(["g-a1", "g-a2"]);
      expect(await h.seen.claimUrls([{ urlKey: "u-1", documentId: "g-b1" }], at(2))).toEqual(["g-a1"]);
      expect(await h.seen.lookup("b", [{ key: "g-b1", urlKey: "u-1" }, { key: "g-b3", urlKey: "u-3" }])).toEqual([{ seen: false, urlOwner: "g-a1" }, { seen: false }]);
      await h.seen.claimUrls([{ urlKey: "u-3", documentId: "x3" }, { urlKey: "u-4", documentId: "x4" }], at(3));
      expect(await h.seen.lookup("b", [{ key: "k", urlKey: "u-1" }, { key: "k", urlKey: "u-4" }])).toEqual([{ seen: false }, { seen: false, urlOwner: "x4" }]);
      expect(await h.seen.claimUrls([], at(4))).toEqual([]);
    });

    it("feed state: defaults, typed fields, removal of undefined fields", async () => {
      expect(await h.states.get("a")).toEqual({ initialized: false, identity: "guid", consecutiveFailures: 0, itemCount: 0 });
      await h.states.update("a", { initialized: true, identity: "url", consecutiveFailures: 3, itemCount: 12, etag: '"x"', lastError: "HTTP 500" });
      await h.states.update("a", { etag: undefined, lastNewItems: 0 });
      expect(await h.states.get("a")).toEqual({ initialized: true, identity: "url", consecutiveFailures: 3, itemCount: 12, lastError: "HTTP 500", lastNewItems: 0 });
    });

    it("documents: first version kept, feeds added, listed oldest first since a date, trimmed", async () => {
      await h.documents.putMany([doc("d1"), doc("d2")], at(1));
      await h.documents.putMany([{ ...doc("d1"), title: "changed" }, doc("d3")], at(2));
      await h.documents.addFeed("d1", "b");
      await h.documents.addFeed("d1", "b");
      await h.documents.addFeed("missing", "b");
      const all = await collect(h.documents.list());
      expect(all.map((d) => d.id)).toEqual(["d1", "d2", "d3"]);
      expect(all[0]).toMatchObject({ title: "Doc d1", provenance: { feeds: ["a", "b"] } });
      expect((await collect(h.documents.list({ since: at(2) }))).map((d) => d.id)).toEqual(["d3"]);
      await h.documents.putMany([doc("d4")], at(3));
      expect((await collect(h.documents.list({ batch: 1 }))).map((d) => d.id)).toEqual(["d2", "d3", "d4"]);
      expect(await h.documents.count()).toBe(3);
    });

    it("feed lock: one holder at a time", async () => {
      const release = await h.lock.acquire("a", 10_000);
      expect(release).toBeTypeOf("function");
      expect(await h.lock.acquire("a", 10_000)).toBeUndefined();
      expect(await h.lock.acquire("b", 10_000)).toBeTypeOf("function");
      await release!();
      expect(await h.lock.acquire("a", 10_000)).toBeTypeOf("function");
    });
  });
}
