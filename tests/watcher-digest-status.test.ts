import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runSubscriber } from "../apps/watcher/src/digest/run";
import { tempDir, writeConfig } from "./helpers/config";
import { testAlert } from "./helpers/digest-fixtures";
import { digestHarness } from "./helpers/digest-services";
import { runWatcher } from "./helpers/process";
import { openTestRedis, type TestRedis } from "./helpers/redis";

// `corpus-watcher status` (built CLI) shows the last digest runs per subscriber.
describe("status: digest runs per subscriber", () => {
  let t: TestRedis;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    t = await openTestRedis();
    dir = await tempDir("corpus-status-");
  });
  afterEach(async () => {
    await dir.remove();
    await t.close();
  });

  it("lists pending and in-flight digests per channel and the last runs, delivered and failed", async () => {
    const raw = {
      redis: t.url,
      prefix: t.prefix,
      network: { allowPrivateAddresses: true, timeout: "2s" },
      subscribers: [
        {
          id: "analyst",
          schedule: "0 8 * * 1-5",
          timezone: "Europe/Vienna",
          channels: [
            { type: "file", dir: join(dir.path, "digests") },
            { type: "webhook", url: "http://127.0.0.1:1/unreachable", secretEnv: "HOOK_SECRET" },
          ],
        },
      ],
    };
    const file = await writeConfig(dir.path, raw);
    const h = digestHarness({ redis: t.redis, prefix: t.prefix, config: raw, env: { HOOK_SECRET: "s" } });
    for (const n of [1, 2]) await h.store.record(testAlert(n), ["file", "webhook"]);
    await h.store.record(testAlert(3), ["webhook"]);
    const [fileRun, hookRun] = await runSubscriber(h.services, "analyst");
    const delivered = fileRun!.runs[0]!.digestId!;
    const failed = hookRun!.runs[0]!.digestId!;
    await h.store.record(testAlert(4), ["file", "webhook"]);

    const { code, stdout, stderr } = await runWatcher(["status", "--config", file], { REDIS_URL: t.url });
    expect(code, stderr).toBe(0);
    expect(stdout).toContain("Digests (1 subscribers)");
    expect(stdout).toMatch(/analyst: "0 8 \* \* 1-5" Europe\/Vienna, next digest \d{4}-\d\d-\d\dT0[67]:00:00\.000Z \(in /);
    expect(stdout).toContain("file: 1 pending");
    expect(stdout).toContain(`webhook: 1 pending; in flight ${failed} (3 items, 1 attempts so far)`);
    expect(stdout).toMatch(new RegExp(`delivered ${delivered} on file: 2 items, \\d+s ago`));
    expect(stdout).toMatch(new RegExp(`failed ${failed} on webhook: 3 items \\[error: .*127\\.0\\.0\\.1:1`));
    expect(stdout).toMatch(/queue digest: waiting 0/);

    const json = await runWatcher(["status", "--config", file, "--json"], { REDIS_URL: t.url });
    const parsed = JSON.parse(json.stdout) as { digests: { subscribers: Record<string, { runs: { outcome: string }[]; channels: { channel: string; pending: number }[] }> } };
    expect(parsed.digests.subscribers.analyst!.runs.map((r) => r.outcome).sort()).toEqual(["delivered", "failed"]);
    expect(parsed.digests.subscribers.analyst!.channels).toMatchObject([{ channel: "file", pending: 1 }, { channel: "webhook", pending: 1 }]);
  });
});
