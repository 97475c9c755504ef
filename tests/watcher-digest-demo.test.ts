import { execFile } from "node:child_process";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DigestSchema } from "@corpus/model";
import { tempDir } from "./helpers/config";
import { WATCHER_BIN } from "./helpers/process";
import { TEST_REDIS_URL, listKeys, openTestRedis, type TestRedis } from "./helpers/redis";

// Runs the built CLI (npm test builds before running tests/).
const ROOT = fileURLToPath(new URL("../", import.meta.url));

function demo(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [WATCHER_BIN, "demo", ...args], { cwd, env: { ...process.env, REDIS_URL: TEST_REDIS_URL, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe("corpus-watcher demo", () => {
  let t: TestRedis;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    t = await openTestRedis();
    dir = await tempDir("corpus-demo-test-");
  });
  afterEach(async () => {
    await dir.remove();
    await t.close();
  });

  for (const where of ["the repository root", "an unrelated directory"]) {
    it(`polls the fixture twice and writes a digest, run from ${where}, and removes its Redis keys`, async () => {
      const cwd = where === "the repository root" ? ROOT : dir.path;
      const started = Date.now();
      const { code, stdout, stderr } = await demo(["--dir", join(dir.path, "out")], cwd);
      expect(code, stderr).toBe(0);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(stdout).toMatch(/poll 1 +10 items recorded, 0 alerts/);
      expect(stdout).toMatch(/poll 2 +2 new demo items, 2 alerts/);

      const files = (await readdir(join(dir.path, "out", "demo"))).sort();
      expect(files.map((f) => f.replace(/^.*\./, ""))).toEqual(["html", "json", "md", "txt"]);
      for (const f of files) expect(stdout).toContain(join(dir.path, "out", "demo", f));
      const digest = DigestSchema.parse(JSON.parse(await readFile(join(dir.path, "out", "demo", files.find((f) => f.endsWith(".json"))!), "utf8")));
      expect(digest.counts.items).toBe(2);
      const titles = digest.sections.flatMap((s) => s.items.map((i) => i.title));
      expect(titles.every((title) => title.startsWith("Demo item: "))).toBe(true);
      expect(stdout).toContain(digest.id);

      const prefix = /key prefix (corpus-demo-[0-9a-f]+)/.exec(stdout)?.[1];
      expect(prefix).toBeDefined();
      expect(stdout).toMatch(/Removed the demo's \d+ Redis keys/);
      expect(await listKeys(t.redis, prefix!)).toEqual([]);
    });
  }

  it("says how to start Redis when it cannot reach it", async () => {
    const { code, stderr } = await demo(["--dir", join(dir.path, "out")], dir.path, { REDIS_URL: "redis://127.0.0.1:1" });
    expect(code).toBe(1);
    expect(stderr).toContain("cannot reach it at redis://127.0.0.1:1");
    expect(stderr).toContain("redis-server --daemonize yes");
    expect(stderr).toContain("docker run -d --name corpus-redis -p 6379:6379 redis:7-alpine");
  });
});
