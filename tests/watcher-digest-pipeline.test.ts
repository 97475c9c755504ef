import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Queue, QueueEvents } from "bullmq";
import { DigestSchema, type Digest } from "@corpus/model";
import { createApp, type App } from "../apps/watcher/src/app";
import { parseConfig } from "../apps/watcher/src/config/load";
import { DIGEST_QUEUE, createDigestRuntime, type DigestRuntime } from "../apps/watcher/src/digest/runtime";
import { silentLogger } from "../apps/watcher/src/intake/testing";
import { nextRun } from "../apps/watcher/src/schedule/cron";
import { schedulerFor } from "../apps/watcher/src/schedule/scheduler";
import { tempDir } from "./helpers/config";
import { startSmtpSink, startWebhookReceiver, type SmtpSink, type WebhookReceiver } from "./helpers/digest-receivers";
import { startFeedServer, type FeedServer } from "./helpers/feed-server";
import { ICMPD_NEW_ITEMS, readFixture, withItems } from "./helpers/feeds";
import { openTestRedis, type TestRedis } from "./helpers/redis";

const SECRET = "pipeline-secret";
const fixture = readFixture("icmpd-news.xml");
/** The fixture is from August 2019; a clock then keeps its items within maxItemAge. */
const clock = { now: () => new Date("2019-08-21T08:00:00Z") };

describe("feed -> poll -> alerts -> scheduled digest -> file, webhook and e-mail", () => {
  let t: TestRedis;
  let server: FeedServer;
  let receiver: WebhookReceiver;
  let sink: SmtpSink;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let app: App | undefined;
  let runtime: DigestRuntime | undefined;
  const queues: { close(): Promise<void> }[] = [];

  beforeEach(async () => {
    t = await openTestRedis();
    server = await startFeedServer();
    receiver = await startWebhookReceiver(SECRET);
    sink = await startSmtpSink();
    dir = await tempDir("corpus-pipeline-");
  });
  afterEach(async () => {
    await runtime?.close();
    await app?.close();
    runtime = undefined;
    app = undefined;
    for (const q of queues.splice(0)) await q.close();
    await Promise.all([server.close(), receiver.close(), sink.close()]);
    await dir.remove();
    await t.close();
  });

  function config(subscribers: string[] = ["analyst"]) {
    return parseConfig(
      {
        redis: t.url,
        prefix: t.prefix,
        http: { port: 0 },
        network: { allowPrivateAddresses: true, timeout: "5s" },
        feeds: [{ id: "icmpd", name: "ICMPD News", url: server.url("/icmpd.xml"), interval: "1h" }],
        subscribers: subscribers.map((id) => ({
          id,
          name: "Policy desk",
          themes: "all",
          schedule: "30 7 * * 1-5",
          timezone: "Europe/Vienna",
          channels: [
            { type: "file", dir: join(dir.path, "digests") },
            { type: "webhook", url: receiver.url, secretEnv: "HOOK_SECRET" },
            { type: "email", to: "desk@example.org", unsubscribeUrl: "https://example.org/unsubscribe" },
          ],
        })),
      },
      "pipeline test",
    );
  }

  async function fileDigests(sub: string): Promise<Digest[]> {
    const root = join(dir.path, "digests", sub);
    const names = (await readdir(root).catch(() => [] as string[])).filter((n) => n.endsWith(".json")).sort();
    return Promise.all(names.map(async (n) => DigestSchema.parse(JSON.parse(await readFile(join(root, n), "utf8")))));
  }
  const docs = (d: Digest) => [...new Set(d.sections.flatMap((s) => s.items.map((i) => i.documentId)))].sort();

  it("delivers the two new ICMPD items on every channel, once, when the scheduled job fires", async () => {
    server.route("/icmpd.xml", { body: fixture });
    app = createApp(config(), { logger: silentLogger, clock, schedule: false, extensions: [] });
    await app.start();
    expect(await app.pollNow("icmpd")).toMatchObject({ firstPoll: true, alerts: 0 });
    server.route("/icmpd.xml", { body: withItems(fixture, ICMPD_NEW_ITEMS) });
    expect(await app.pollNow("icmpd")).toMatchObject({ newItems: 2, alerts: 2 });

    const before = new Date();
    runtime = createDigestRuntime({ ...app.context!, env: { HOOK_SECRET: SECRET, SMTP_URL: sink.url } });
    await runtime.start();
    const after = new Date();

    // What was handed to BullMQ is exactly schedulerFor(subscriber), and BullMQ's next run is ours.
    const queue = new Queue(DIGEST_QUEUE, { connection: t.redis, prefix: t.prefix });
    queues.push(queue);
    const expected = schedulerFor(config().subscribers[0]!);
    const scheduler = await queue.getJobScheduler(expected.id);
    expect(scheduler).toMatchObject({ key: "digest-analyst", name: "digest", pattern: "30 7 * * 1-5", tz: "Europe/Vienna", template: { data: { subscriber: "analyst" } } });
    expect([nextRun("30 7 * * 1-5", "Europe/Vienna", before).getTime(), nextRun("30 7 * * 1-5", "Europe/Vienna", after).getTime()]).toContain(scheduler!.next);

    // Fire the scheduled job now instead of waiting for 07:30.
    const { hostname, port } = new URL(t.url);
    const events = new QueueEvents(DIGEST_QUEUE, { connection: { host: hostname, port: Number(port || 6379) }, prefix: t.prefix });
    queues.push(events);
    await events.waitUntilReady();
    const [job] = await queue.getDelayed();
    expect(job!.data).toEqual({ subscriber: "analyst" });
    await job!.promote();
    const result = (await job!.waitUntilFinished(events, 30_000)) as { digests: string[] };
    expect(result.digests).toHaveLength(3);

    const [fileDigest, ...moreFiles] = await fileDigests("analyst");
    expect(moreFiles).toEqual([]);
    const hooks = receiver.accepted().map((r) => DigestSchema.parse(JSON.parse(r.body)));
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]!.signatureValid).toBe(true);
    expect(sink.messages).toHaveLength(1);
    const mail = sink.messages[0]!;

    // the same two items everywhere
    const items = docs(fileDigest!);
    expect(items).toHaveLength(2);
    expect(docs(hooks[0]!)).toEqual(items);
    expect(fileDigest!.counts.items).toBe(2);
    expect(fileDigest!.channel).toBe("file");
    expect(hooks[0]!.channel).toBe("webhook");
    for (const item of ICMPD_NEW_ITEMS) {
      expect(mail.text).toContain(item.title);
      expect(mail.html).toContain(item.title.replace(/:/g, "&#58;"));
    }
    expect(mail.headers.get("message-id")).toBe(`<${mail.headers.get("x-corpus-digest-id")}@corpus.local>`);
    expect(mail.headers.get("subject")).toMatch(/^\[corpus\] Policy desk: 2 new items in \d themes/);
    expect(mail.headers.get("list-unsubscribe")).toBe("<https://example.org/unsubscribe>");
    // each item explains itself and links to the canonical URL
    const item = fileDigest!.sections.flatMap((s) => s.items).find((i) => i.title === ICMPD_NEW_ITEMS[0]!.title)!;
    expect(item.url).toBe("https://www.icmpd.org/news-centre/news-detail/training-on-identifying-victims-of-trafficking-for-border-guards/");
    expect(item.sources).toEqual(["icmpd"]);
    expect(item.why.matchedTerms.length + (item.why.nearest ? 1 : 0)).toBeGreaterThan(0);

    // the next scheduled run has nothing new: nothing is sent again
    const [next] = await queue.getDelayed();
    await next!.promote();
    await next!.waitUntilFinished(events, 30_000);
    expect(await fileDigests("analyst")).toHaveLength(1);
    expect(receiver.requests).toHaveLength(1);
    expect(sink.messages).toHaveLength(1);
    const runs = await t.redis.lrange(app.context!.keys.digestRuns("analyst"), 0, -1);
    expect(runs.map((r) => JSON.parse(r).outcome).sort()).toEqual(["delivered", "delivered", "delivered", "empty", "empty", "empty"]);
  });

  it("keeps one scheduler per subscriber and removes those of removed subscribers", async () => {
    const queue = new Queue(DIGEST_QUEUE, { connection: t.redis, prefix: t.prefix });
    queues.push(queue);
    server.route("/icmpd.xml", { body: fixture });
    for (const subs of [["analyst", "ngo"], ["analyst", "ngo"], ["ngo"]]) {
      app = createApp(config(subs), { logger: silentLogger, clock, schedule: false, worker: false, extensions: [(ctx) => createDigestRuntime(ctx)] });
      await app.start();
      await app.close();
      app = undefined;
    }
    expect((await queue.getJobSchedulers()).map((s) => s.key)).toEqual(["digest-ngo"]);
    expect(await queue.getDelayedCount()).toBe(1);
  });
});
