/**
 * Conformance suite for AlertStore: every implementation runs it (memory-alert-store.test.ts, and
 * tests/watcher-intake-alert-store.test.ts against real Redis). A harness supplies the store and
 * the two moves the digest stage makes on the same data.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Alert } from "@corpus/model";
import type { AlertStore } from "../ports";
import { alertId } from "./alert-id";

export interface AlertStoreHarness {
  store: AlertStore;
  /** A digest took the alert off `channel`'s pending list. */
  take(subscriber: string, channel: string, alertId: string): Promise<void>;
  /** The alert was delivered on every channel: deleted, its id kept in the delivered set. */
  markDelivered(subscriber: string, alertId: string): Promise<void>;
  close(): Promise<void>;
}

export function makeAlert(subscriber: string, documentId: string, overrides: Partial<Alert> = {}): Alert {
  return {
    id: alertId(subscriber, documentId),
    subscriber,
    documentId,
    title: `Story ${documentId}`,
    url: `https://example.org/${documentId}`,
    sources: ["feed-a"],
    matches: [
      {
        theme: "asylum-procedures",
        score: 0.72,
        threshold: 0.3,
        passed: true,
        evidence: { matchedTerms: [{ term: "asylum", field: "title", count: 2 }], topTerms: [], nearest: [] },
      },
    ],
    createdAt: "2025-11-25T08:00:00.000Z",
    ...overrides,
  };
}

export function describeAlertStore(name: string, open: () => Promise<AlertStoreHarness>): void {
  describe(`AlertStore conformance: ${name}`, () => {
    let h: AlertStoreHarness;
    beforeEach(async () => {
      h = await open();
    });
    afterEach(async () => {
      await h.close();
    });

    it("records an alert once and lists it as pending on each channel", async () => {
      const alert = makeAlert("ana", "u-1");
      expect(await h.store.record(alert, ["email", "file"])).toBe("created");
      expect(await h.store.pending("ana", "email")).toEqual([alert]);
      expect(await h.store.pending("ana", "file")).toEqual([alert]);
      expect(await h.store.countPending("ana", "email")).toBe(1);
      expect(await h.store.countPending("ana", "webhook")).toBe(0);
      expect(await h.store.pending("bob", "email")).toEqual([]);
    });

    it("returns exists for an id it already holds and keeps the first version", async () => {
      const alert = makeAlert("ana", "u-1");
      await h.store.record(alert, ["email"]);
      expect(await h.store.record({ ...alert, title: "changed" }, ["email", "file"])).toBe("exists");
      expect(await h.store.pending("ana", "email")).toEqual([alert]);
      expect(await h.store.countPending("ana", "email")).toBe(1);
      expect(await h.store.countPending("ana", "file")).toBe(0);
    });

    it("treats an alert taken by a digest or delivered as existing", async () => {
      const taken = makeAlert("ana", "u-1");
      const done = makeAlert("ana", "u-2");
      await h.store.record(taken, ["email"]);
      await h.store.record(done, ["email"]);
      await h.take("ana", "email", taken.id);
      await h.markDelivered("ana", done.id);
      expect(await h.store.record(taken, ["email"])).toBe("exists");
      expect(await h.store.record(done, ["email"])).toBe("exists");
      expect(await h.store.countPending("ana", "email")).toBe(0);
    });

    it("lists pending alerts oldest first, up to a limit", async () => {
      const late = makeAlert("ana", "u-late", { createdAt: "2025-11-25T10:00:00.000Z" });
      const early = makeAlert("ana", "u-early", { createdAt: "2025-11-25T06:00:00+01:00" });
      const mid = makeAlert("ana", "u-mid", { createdAt: "2025-11-25T08:00:00.000Z" });
      for (const a of [late, early, mid]) await h.store.record(a, ["file"]);
      expect((await h.store.pending("ana", "file")).map((a) => a.documentId)).toEqual(["u-early", "u-mid", "u-late"]);
      expect((await h.store.pending("ana", "file", 2)).map((a) => a.documentId)).toEqual(["u-early", "u-mid"]);
      expect(await h.store.pending("ana", "file", 0)).toEqual([]);
    });

    it("adds a source to every undelivered alert of a document, once", async () => {
      await h.store.record(makeAlert("ana", "u-1"), ["email"]);
      await h.store.record(makeAlert("bob", "u-1"), ["file"]);
      await h.store.record(makeAlert("ana", "u-2"), ["email"]);
      expect(await h.store.addSource("u-1", "feed-b")).toBe(2);
      expect(await h.store.addSource("u-1", "feed-b")).toBe(0);
      const ana = await h.store.pending("ana", "email");
      expect(ana.find((a) => a.documentId === "u-1")?.sources).toEqual(["feed-a", "feed-b"]);
      expect(ana.find((a) => a.documentId === "u-2")?.sources).toEqual(["feed-a"]);
      expect((await h.store.pending("bob", "file"))[0]?.sources).toEqual(["feed-a", "feed-b"]);
      expect(await h.store.addSource("u-unknown", "feed-b")).toBe(0);
    });

    it("leaves alerts alone once delivered or taken on every channel", async () => {
      const both = makeAlert("ana", "u-1");
      const gone = makeAlert("bob", "u-1");
      const halfTaken = makeAlert("cem", "u-1");
      await h.store.record(both, ["email", "file"]);
      await h.store.record(gone, ["file"]);
      await h.store.record(halfTaken, ["email", "file"]);
      await h.take("ana", "email", both.id);
      await h.take("ana", "file", both.id);
      await h.markDelivered("bob", gone.id);
      await h.take("cem", "email", halfTaken.id);
      expect(await h.store.addSource("u-1", "feed-b")).toBe(1);
      expect((await h.store.pending("cem", "file"))[0]?.sources).toEqual(["feed-a", "feed-b"]);
    });

    it("round-trips an alert exactly, empty lists and extra fields included", async () => {
      const alert = { ...makeAlert("ana", "u-1"), extra: { nested: [] as unknown[] } } as Alert;
      await h.store.record(alert, ["file"]);
      expect(await h.store.pending("ana", "file")).toEqual([alert]);
    });

    it("rejects an invalid alert without writing anything", async () => {
      const bad = { ...makeAlert("ana", "u-1"), sources: [] };
      await expect(h.store.record(bad, ["file"])).rejects.toThrow();
      expect(await h.store.countPending("ana", "file")).toBe(0);
    });
  });
}
