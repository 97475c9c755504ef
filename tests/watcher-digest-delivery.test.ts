import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DigestSchema, type Digest } from "@corpus/model";
import { digestId } from "../apps/watcher/src/digest/id";
import { runSubscriber } from "../apps/watcher/src/digest/run";
import { startSmtpSink, startWebhookReceiver, type SmtpSink, type WebhookReceiver } from "./helpers/digest-receivers";
import { testAlert } from "./helpers/digest-fixtures";
import { digestHarness, manualClock } from "./helpers/digest-services";
import { listKeys, openTestRedis, type TestRedis } from "./helpers/redis";

const SECRET = "delivery-secret";
let t: TestRedis;
let dir: string;
const closers: (() => Promise<void>)[] = [];

beforeEach(async () => {
  t = await openTestRedis();
  dir = await mkdtemp(join(tmpdir(), "corpus-delivery-"));
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

/** Every digest JSON written under `root`, oldest first (ids start with the creation time). */
async function fileDigests(root: string): Promise<Digest[]> {
  const names = (await readdir(root).catch(() => [] as string[])).filter((n) => n.endsWith(".json")).sort();
  return Promise.all(names.map(async (n) => DigestSchema.parse(JSON.parse(await readFile(join(root, n), "utf8")))));
}

/** documentId -> how many digests carried it. */
function deliveries(digests: Digest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of digests) {
    const docs = new Set(d.sections.flatMap((s) => s.items.map((i) => i.documentId)));
    for (const doc of docs) counts.set(doc, (counts.get(doc) ?? 0) + 1);
  }
  return counts;
}

function expectEachOnce(counts: Map<string, number>, ns: number[]): void {
  expect([...counts.keys()].sort()).toEqual(ns.map((n) => `doc-test-${n}`).sort());
  for (const [doc, n] of counts) expect(n, doc).toBe(1);
}

describe("delivery state in Redis", () => {
  it("claims pending alerts into one digest per channel, capped, and deletes an alert once every channel has it", async () => {
    const clock = manualClock();
    const h = digestHarness({
      redis: t.redis,
      prefix: t.prefix,
      clock,
      baseDir: dir,
      config: { subscribers: [{ id: "analyst", maxItems: 3, channels: [{ type: "file", dir: "a" }, { type: "file", id: "archive", dir: "b" }] }] },
    });
    for (let n = 1; n <= 5; n++) await h.store.record(testAlert(n), ["file", "archive"]);

    const [first] = await runSubscriber(h.services, "analyst", { channels: ["file"] });
    expect(first!.runs).toMatchObject([{ outcome: "delivered", items: 3, remaining: 2 }]);
    expect(await t.redis.zcard(h.keys.pending("analyst", "file"))).toBe(2);
    expect(await t.redis.hlen(h.keys.alerts("analyst"))).toBe(5); // "archive" still has all five
    expect(await t.redis.zcard(h.keys.delivered("analyst"))).toBe(3);

    clock.advance(60_000);
    await runSubscriber(h.services, "analyst", { channels: ["archive"] });
    expect(await t.redis.hlen(h.keys.alerts("analyst"))).toBe(2); // the oldest three are delivered everywhere
    expect(await t.redis.exists(h.keys.alertsByDocument("doc-test-1"))).toBe(0);
    expect(await t.redis.exists(h.keys.alertsByDocument("doc-test-5"))).toBe(1);

    clock.advance(60_000);
    const both = await runSubscriber(h.services, "analyst");
    expect(both.map((o) => o.runs.map((r) => [r.outcome, r.items, r.remaining]))).toEqual([[["delivered", 2, 0]], [["delivered", 2, 0]]]);

    const a = await fileDigests(join(dir, "a", "analyst"));
    const b = await fileDigests(join(dir, "b", "analyst"));
    expect(a.map((d) => d.counts)).toEqual([{ items: 3, themes: 1, remaining: 2 }, { items: 2, themes: 1, remaining: 0 }]);
    expectEachOnce(deliveries(a), [1, 2, 3, 4, 5]);
    expectEachOnce(deliveries(b), [1, 2, 3, 4, 5]);
    // nothing is left in flight or pending; alerts are gone, delivered ids and run records stay
    const left = (await listKeys(t.redis, t.prefix)).map((k) => k.slice(t.prefix.length + 3));
    expect(left.sort()).toEqual(["delivered:analyst", "runs:analyst"]);
    const runs = await h.state.runs("analyst");
    expect(runs).toHaveLength(4);
    expect(runs[0]).toMatchObject({ subscriber: "analyst", outcome: "delivered" });
    expect(runs.every((r) => r.digestId && r.durationMs >= 0 && r.where?.length === 4)).toBe(true);
  });

  it("computes the id the claim stores from (subscriber, channel, time, nonce), and resumes it unchanged", async () => {
    const h = digestHarness({ redis: t.redis, prefix: t.prefix, config: { subscribers: [{ id: "analyst" }] } });
    await h.store.record(testAlert(1), ["file"]);
    const now = new Date("2026-11-25T08:00:00.250Z");
    const claimed = await h.state.claim("analyst", "file", { now, maxItems: 10, sendEmpty: false, nonce: "abc" });
    expect(claimed.kind).toBe("claimed");
    if (claimed.kind === "empty") return;
    expect(claimed.record.id).toBe(digestId({ subscriber: "analyst", channel: "file", createdAt: now, nonce: "abc" }));
    expect(claimed.record.alerts.map((a) => a.id)).toEqual([testAlert(1).id]);
    await h.store.record(testAlert(2), ["file"]);
    const again = await h.state.claim("analyst", "file", { now: new Date(), maxItems: 10, sendEmpty: false });
    expect(again).toMatchObject({ kind: "resumed", record: { id: claimed.record.id, alertIds: [testAlert(1).id] } });
  });

  it("claims nothing when nothing is new, unless sendEmpty asks for a 'nothing new' digest", async () => {
    const h = digestHarness({ redis: t.redis, prefix: t.prefix, baseDir: dir, config: { subscribers: [{ id: "quiet", channels: [{ type: "file", dir: "q" }] }, { id: "loud", sendEmpty: true, channels: [{ type: "file", dir: "l" }] }] } });
    const [quiet] = await runSubscriber(h.services, "quiet");
    expect(quiet!.runs).toMatchObject([{ outcome: "empty", items: 0 }]);
    expect(await readdir(join(dir, "q")).catch(() => [])).toEqual([]);
    const [loud] = await runSubscriber(h.services, "loud");
    expect(loud!.runs).toMatchObject([{ outcome: "delivered", items: 0 }]);
    const [digest] = await fileDigests(join(dir, "l", "loud"));
    expect(digest!.sections).toEqual([]);
    expect(await readFile(join(dir, "l", "loud", `${digest!.id}.txt`), "utf8")).toContain("Nothing new since the last digest.");
  });

  it("after a crash between claim and delivery, the next run re-sends the same digest id", async () => {
    const h = digestHarness({ redis: t.redis, prefix: t.prefix, baseDir: dir, config: { subscribers: [{ id: "analyst", channels: [{ type: "file", dir: "out" }] }] } });
    await h.store.record(testAlert(1), ["file"]);
    await h.store.record(testAlert(2), ["file"]);
    const claimed = await h.state.claim("analyst", "file", { now: new Date(), maxItems: 10, sendEmpty: false });
    if (claimed.kind === "empty") throw new Error("expected a claim");
    // "crash": the process is gone; a new one starts with fresh objects on the same Redis
    const restarted = digestHarness({ redis: t.redis, prefix: t.prefix, baseDir: dir, config: { subscribers: [{ id: "analyst", channels: [{ type: "file", dir: "out" }] }] } });
    await restarted.store.record(testAlert(3), ["file"]);
    const [outcome] = await runSubscriber(restarted.services, "analyst");
    expect(outcome!.runs.map((r) => [r.digestId === claimed.record.id, r.resumed, r.items])).toEqual([
      [true, true, 2],
      [false, false, 1],
    ]);
    expectEachOnce(deliveries(await fileDigests(join(dir, "out", "analyst"))), [1, 2, 3]);
  });

  it("a channel whose lease another process holds is left alone and reports when to retry", async () => {
    const h = digestHarness({ redis: t.redis, prefix: t.prefix, baseDir: dir, config: { subscribers: [{ id: "analyst", channels: [{ type: "file", dir: "out" }] }] } });
    await h.store.record(testAlert(1), ["file"]);
    const lease = await h.state.lease("analyst", "file", 5_000);
    const [outcome] = await runSubscriber(h.services, "analyst");
    expect(outcome!.busyMs).toBeGreaterThan(0);
    expect(outcome!.runs).toEqual([]);
    expect(await t.redis.zcard(h.keys.pending("analyst", "file"))).toBe(1);
    if ("release" in lease) await lease.release();
    const [after] = await runSubscriber(h.services, "analyst");
    expect(after!.runs).toMatchObject([{ outcome: "delivered", items: 1 }]);
  });
});

describe("failing channels", () => {
  it("a webhook that fails twice, then succeeds, gets the digest once under one id; alerts from the outage come next", async () => {
    const receiver: WebhookReceiver = await startWebhookReceiver(SECRET, (n) => (n <= 2 ? 500 : 200));
    closers.push(() => receiver.close());
    const clock = manualClock();
    const h = digestHarness({
      redis: t.redis,
      prefix: t.prefix,
      clock,
      env: { HOOK_SECRET: SECRET },
      config: { network: { allowPrivateAddresses: true }, subscribers: [{ id: "analyst", channels: [{ type: "webhook", url: receiver.url, secretEnv: "HOOK_SECRET" }] }] },
    });
    for (const n of [1, 2]) await h.store.record(testAlert(n), ["webhook"]);

    const [run1] = await runSubscriber(h.services, "analyst"); // scheduled run: claims, fails
    expect(run1!.error).toBeDefined();
    await h.store.record(testAlert(3), ["webhook"]); // arrives during the outage
    clock.advance(30_000);
    const [run2] = await runSubscriber(h.services, "analyst", { resumeOnly: true }); // BullMQ retry
    expect(run2!.error).toBeDefined();
    clock.advance(60_000);
    const [run3] = await runSubscriber(h.services, "analyst", { resumeOnly: true });
    expect(run3!.error).toBeUndefined();
    expect(run3!.runs).toMatchObject([{ outcome: "delivered", items: 2, resumed: true }]);

    const firstId = receiver.requests[0]!.digestId;
    expect(receiver.requests.map((r) => [r.digestId, r.status])).toEqual([
      [firstId, 500],
      [firstId, 500],
      [firstId, 200],
    ]);
    expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1); // byte-identical re-sends
    expect(receiver.requests.every((r) => r.signatureValid)).toBe(true);

    clock.advance(3_600_000);
    await runSubscriber(h.services, "analyst"); // next scheduled run: the outage's alert
    const accepted = receiver.accepted().map((r) => DigestSchema.parse(JSON.parse(r.body)));
    expect(accepted.map((d) => d.id)[0]).toBe(firstId);
    expectEachOnce(deliveries(accepted), [1, 2, 3]);
    const runs = await h.state.runs("analyst");
    expect(runs.map((r) => r.outcome)).toEqual(["delivered", "delivered", "failed", "failed"]);
    expect(runs[2]!.error).toMatch(/answered 500/);
  });

  it("an SMTP server that is down for a while gets every digest after it comes back; the file channel is not held up", async () => {
    const sink: SmtpSink = await startSmtpSink();
    closers.push(() => sink.close());
    await sink.stop();
    const clock = manualClock();
    const h = digestHarness({
      redis: t.redis,
      prefix: t.prefix,
      clock,
      baseDir: dir,
      env: { SMTP_URL: sink.url },
      config: { network: { timeout: "2s" }, subscribers: [{ id: "analyst", maxItems: 2, channels: [{ type: "file", dir: "out" }, { type: "email", to: "desk@example.org" }] }] },
    });
    for (const n of [1, 2, 3]) await h.store.record(testAlert(n), ["file", "email"]);
    const down1 = await runSubscriber(h.services, "analyst");
    expect(down1.map((o) => [o.channel, o.error === undefined])).toEqual([
      ["file", true],
      ["email", false],
    ]);
    await h.store.record(testAlert(4), ["file", "email"]);
    clock.advance(3_600_000);
    const down2 = await runSubscriber(h.services, "analyst");
    expect(down2[1]!.runs).toMatchObject([{ outcome: "failed", resumed: true, items: 2 }]);
    expect(await t.redis.hlen(h.keys.alerts("analyst"))).toBe(4); // nothing lost: e-mail still owes all four

    await sink.start();
    clock.advance(3_600_000);
    const up = await runSubscriber(h.services, "analyst");
    expect(up[1]!.runs.map((r) => [r.outcome, r.resumed, r.items, r.remaining])).toEqual([
      ["delivered", true, 2, 1],
      ["delivered", false, 2, 0],
    ]);
    const mails = sink.messages.map((m) => ({ id: m.headers.get("x-corpus-digest-id")!, text: m.text ?? "" }));
    expect(mails).toHaveLength(2);
    expect(mails[0]!.id).toBe(down2[1]!.runs[0]!.digestId);
    for (const n of [1, 2, 3, 4]) expect(mails.filter((m) => m.text.includes(`Test item ${n}:`))).toHaveLength(1);
    expect(mails[0]!.text).toContain("1 more item is waiting");
    expectEachOnce(deliveries(await fileDigests(join(dir, "out", "analyst"))), [1, 2, 3, 4]);
    expect(await t.redis.hlen(h.keys.alerts("analyst"))).toBe(0);
  });
});
