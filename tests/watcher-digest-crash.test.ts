import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Queue } from "bullmq";
import { DigestSchema, type Digest } from "@corpus/model";
import { createRedisAlertStore } from "../apps/watcher/src/alerts/redis-alert-store";
import { DIGEST_QUEUE } from "../apps/watcher/src/digest/runtime";
import { keyspace } from "../apps/watcher/src/redis/keys";
import { tempDir, writeConfig } from "./helpers/config";
import { testAlert } from "./helpers/digest-fixtures";
import { startSmtpSink, startWebhookReceiver, type SmtpSink, type WebhookReceiver } from "./helpers/digest-receivers";
import { spawnWatcher, waitFor, type Spawned } from "./helpers/process";
import { openTestRedis, type TestRedis } from "./helpers/redis";

// Needs the built CLI (npm test builds before running tests/).
const SECRET = "crash-secret";
const CHANNELS = ["file", "webhook", "email"];

describe("SIGKILL while a digest is being delivered, then restart", () => {
  let t: TestRedis;
  let receiver: WebhookReceiver;
  let sink: SmtpSink;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let queue: Queue;
  const children: Spawned[] = [];

  beforeEach(async () => {
    t = await openTestRedis();
    // The first delivery attempt hangs (the process is killed meanwhile); later ones succeed.
    receiver = await startWebhookReceiver(SECRET, (n) => (n === 1 ? "hang" : 200));
    sink = await startSmtpSink();
    dir = await tempDir("corpus-crash-");
    queue = new Queue(DIGEST_QUEUE, { connection: t.redis, prefix: t.prefix });
  });
  afterEach(async () => {
    for (const child of children.splice(0)) {
      child.kill("SIGKILL");
      await child.exited;
    }
    await queue.close();
    await Promise.all([receiver.close(), sink.close()]);
    await dir.remove();
    await t.close();
  });

  async function fileDigests(): Promise<Digest[]> {
    const root = join(dir.path, "digests", "analyst");
    const names = (await readdir(root).catch(() => [] as string[])).filter((n) => n.endsWith(".json")).sort();
    return Promise.all(names.map(async (n) => DigestSchema.parse(JSON.parse(await readFile(join(root, n), "utf8")))));
  }

  function start(file: string): Spawned {
    const child = spawnWatcher(["start", "--config", file], { REDIS_URL: t.url, HOOK_SECRET: SECRET, SMTP_URL: sink.url });
    children.push(child);
    return child;
  }

  /** Fires the subscriber's scheduled digest job now instead of at 08:00. */
  async function fireSchedule(): Promise<void> {
    const job = await waitFor(async () => (await queue.getDelayed()).find((j) => j.repeatJobKey === "digest-analyst"), { what: "the scheduled digest job" });
    await job.promote();
  }

  it("delivers every alert exactly once per channel", async () => {
    const file = await writeConfig(dir.path, {
      prefix: t.prefix,
      logLevel: "info",
      subscribers: [
        {
          id: "analyst",
          schedule: "0 8 * * *",
          timezone: "Europe/Vienna",
          channels: [
            { type: "file", dir: join(dir.path, "digests") },
            { type: "webhook", url: receiver.url, secretEnv: "HOOK_SECRET" },
            { type: "email", to: "desk@example.org" },
          ],
        },
      ],
    });
    const keys = keyspace(t.prefix);
    const store = createRedisAlertStore({ redis: t.redis, keys });
    for (const n of [1, 2, 3]) await store.record(testAlert(n), CHANNELS);

    const first = start(file);
    await first.waitForLine((l) => l.includes("digest schedules in place"), 60_000);
    await fireSchedule();
    await receiver.waitForRequests(1, 30_000);
    await waitFor(async () => sink.messages.length === 1 && (await fileDigests()).length === 1, { what: "file and e-mail delivery" });
    const inflight = await t.redis.get(keys.inflight("analyst", "webhook"));
    expect(inflight).toBe(receiver.requests[0]!.digestId);

    first.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");
    expect(await t.redis.get(keys.inflight("analyst", "webhook"))).toBe(inflight);
    await store.record(testAlert(4), CHANNELS); // arrives while the watcher is down

    const second = start(file);
    await second.waitForLine((l) => l.includes("resuming digest in flight"), 60_000);
    // The dead process's lease on the webhook channel expires, then the same digest is re-sent.
    await waitFor(() => receiver.accepted().length === 1, { timeoutMs: 40_000, what: "the re-sent webhook digest" });
    expect(receiver.requests.map((r) => r.digestId)).toEqual([inflight, inflight]);
    expect(receiver.requests[1]!.body).toBe(receiver.requests[0]!.body);
    // the receiver has answered; the watcher marks the digest delivered right after
    await waitFor(async () => (await t.redis.get(keys.inflight("analyst", "webhook"))) === null, { what: "the webhook digest marked delivered" });

    await fireSchedule();
    await waitFor(async () => receiver.accepted().length === 2 && sink.messages.length === 2 && (await fileDigests()).length === 2, { timeoutMs: 30_000, what: "the next digest on every channel" });

    const docs = (d: Digest) => [...new Set(d.sections.flatMap((s) => s.items.map((i) => i.documentId)))];
    const expected = ["doc-test-1", "doc-test-2", "doc-test-3", "doc-test-4"];
    const perChannel: Record<string, string[]> = {
      file: (await fileDigests()).flatMap(docs),
      webhook: receiver.accepted().flatMap((r) => docs(DigestSchema.parse(JSON.parse(r.body)))),
      email: sink.messages.flatMap((m) => expected.filter((_, i) => m.text?.includes(`Test item ${i + 1}:`))),
    };
    for (const channel of CHANNELS) expect(perChannel[channel]!.sort(), channel).toEqual(expected);
    await waitFor(async () => (await t.redis.hlen(keys.alerts("analyst"))) === 0, { what: "every alert delivered everywhere" });
    expect(await t.redis.zcard(keys.delivered("analyst"))).toBe(4);

    second.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });
});
