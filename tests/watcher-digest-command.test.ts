import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRedisAlertStore } from "../apps/watcher/src/alerts/redis-alert-store";
import { keyspace } from "../apps/watcher/src/redis/keys";
import { tempDir, writeConfig } from "./helpers/config";
import { testAlert } from "./helpers/digest-fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "./helpers/digest-receivers";
import { runWatcher } from "./helpers/process";
import { openTestRedis, type TestRedis } from "./helpers/redis";

// `corpus-watcher digest` (built CLI): delivers now, prints ids and targets, exit 1 on a failed channel.
describe("corpus-watcher digest", () => {
  let t: TestRedis;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    t = await openTestRedis();
    dir = await tempDir("corpus-digest-cmd-");
    receiver = await startWebhookReceiver("cmd-secret", (n) => (n <= 3 ? 503 : 200));
  });
  afterEach(async () => {
    await receiver.close();
    await dir.remove();
    await t.close();
  });

  it("delivers on every channel now; a failed channel exits 1 and is re-sent with the same id next time", async () => {
    const file = await writeConfig(dir.path, {
      prefix: t.prefix,
      subscribers: [{ id: "analyst", channels: [{ type: "file", dir: join(dir.path, "digests") }, { type: "webhook", url: receiver.url, secretEnv: "HOOK_SECRET" }] }],
    });
    const store = createRedisAlertStore({ redis: t.redis, keys: keyspace(t.prefix) });
    for (const n of [1, 2]) await store.record(testAlert(n), ["file", "webhook"]);
    const env = { REDIS_URL: t.url, HOOK_SECRET: "cmd-secret" };

    const first = await runWatcher(["digest", "--config", file, "--subscriber", "analyst"], env);
    expect(first.code, first.stderr).toBe(1);
    const fileId = /file: delivered (\S+) \(2 items\)/.exec(first.stdout)?.[1];
    expect(fileId).toBeDefined();
    expect(first.stdout).toContain(`  -> ${join(dir.path, "digests", "analyst", `${fileId}.json`)}`);
    const hookId = /webhook: FAILED (\S+) \(2 items\) to webhook http:\/\/127\.0\.0\.1:\d+\/hooks\/corpus: .*answered 503/.exec(first.stdout)?.[1];
    expect(hookId).toBeDefined();
    expect(receiver.requests).toHaveLength(3); // three quick tries inside the attempt

    const second = await runWatcher(["digest", "--config", file, "--subscriber", "analyst", "--channel", "webhook"], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain(`webhook: delivered ${hookId} (2 items, re-sent from an earlier attempt)`);
    expect(second.stdout).not.toContain("file:");
    expect(receiver.accepted().map((r) => r.digestId)).toEqual([hookId]);

    const third = await runWatcher(["digest", "--config", file, "--subscriber", "analyst"], env);
    expect(third.code).toBe(0);
    expect(third.stdout.trim().split("\n")).toEqual(["file: nothing new, no digest sent", "webhook: nothing new, no digest sent"]);

    const bad = await runWatcher(["digest", "--config", file, "--subscriber", "nobody"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no subscriber "nobody"');
  });
});
