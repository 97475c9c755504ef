import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseCorpusJsonl } from "@corpus/model";
import { main } from "../apps/watcher/src/cli";
import type { CliIO } from "../apps/watcher/src/commands/types";
import { FIXTURES_DIR, ICMPD_NEW_ITEMS, readFixture, rssFeed, withItems } from "./helpers/feeds";
import { startFeedServer, type FeedServer } from "./helpers/feed-server";
import { openTestRedis, type TestRedis } from "./helpers/redis";
import { tempDir, writeConfig } from "./helpers/config";
import { runWatcher } from "./helpers/process";

/** Runs `corpus-watcher <argv>` in-process with captured output. */
async function cli(argv: string[], env: Record<string, string> = {}, cwd = process.cwd()) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c: Buffer) => (out += c.toString()));
  stderr.on("data", (c: Buffer) => (err += c.toString()));
  const io: CliIO = { stdout, stderr, env: { ...env }, cwd };
  const code = await main(argv, io);
  return { code, stdout: out, stderr: err, lines: out.split("\n").filter(Boolean) };
}

describe("corpus-watcher CLI", () => {
  let t: TestRedis;
  let server: FeedServer;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let config: string;

  beforeAll(async () => {
    t = await openTestRedis();
    server = await startFeedServer();
    dir = await tempDir();
    server.route("/icmpd.xml", { body: readFixture("icmpd-news.xml"), etag: '"a"' });
    server.route("/page.html", { body: "<html><head><title>x</title></head><body>no feed</body></html>", contentType: "text/html" });
    config = await writeConfig(dir.path, {
      prefix: t.prefix,
      feeds: [
        { id: "icmpd", url: server.url("/icmpd.xml"), interval: "1h", maxItemAge: "20000d" },
        { id: "off", url: server.url("/icmpd.xml"), enabled: false },
      ],
      subscribers: [{ id: "everyone", themes: "all", channels: [{ type: "file", dir: "./digests" }] }],
    });
  });
  afterAll(async () => {
    await server.close();
    await dir.remove();
    await t.close();
  });

  describe("scan", () => {
    it("reports every argument in order, one JSON line per item then a summary, or an error line", async () => {
      const missing = join(dir.path, "missing.xml");
      const args = [`${FIXTURES_DIR}icmpd-news.xml`, missing, server.url("/icmpd.xml"), server.url("/page.html"), "ftp://example.org/feed"];
      const r = await cli(["scan", "--json", "--allow-private", ...args]);
      expect(r.code).toBe(1);
      const lines = r.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => l.feed)).toEqual([...Array(11).fill(args[0]), args[1], ...Array(11).fill(args[2]), args[3], args[4]]);
      expect(lines[10]).toEqual({ feed: args[0], summary: { items: 10 } });
      expect(lines[11]).toEqual({ feed: missing, error: "file not found" });
      expect(lines[23]).toMatchObject({ feed: args[3], error: expect.stringContaining("HTML page") });
      expect(lines[24]).toMatchObject({ feed: args[4], error: expect.stringContaining("scheme") });
      const first = lines[0]!;
      expect(Object.keys(first)).toEqual(["feed", "id", "title", "link", "published", "themes", "scores"]);
      expect(first).toMatchObject({
        id: expect.stringMatching(/^u-[0-9a-f]{24}$/),
        link: "https://www.icmpd.org/news-centre/news-detail/project-news-workshop-on-harnessing-migration-for-rural-development-organised-by-mieux/",
        published: "2019-08-16T07:22:23.000Z",
      });
      expect((first.themes as string[]).length).toBeGreaterThan(0);
      expect(Object.keys(first.scores as object).length).toBe(16);
      // The file and the URL are the same feed: same ids and themes.
      expect(lines[12]).toMatchObject({ id: first.id, themes: first.themes });
      expect(r.stderr).toContain(`${missing}: file not found`);
    });

    it("prints a readable listing, and refuses loopback feeds unless allowed", async () => {
      const readable = await cli(["scan", `${FIXTURES_DIR}icmpd-news.xml`]);
      expect(readable.code).toBe(0);
      expect(readable.lines[0]).toBe(`${FIXTURES_DIR}icmpd-news.xml: 10 items`);
      expect(readable.stdout).toContain("themes: trafficking-smuggling");
      const blocked = await cli(["scan", "--json", server.url("/icmpd.xml")]);
      expect(blocked.code).toBe(1);
      expect(JSON.parse(blocked.lines[0]!)).toMatchObject({ feed: server.url("/icmpd.xml"), error: expect.stringMatching(/private|loopback|blocked/i) });
    });

    it("exits 2 on usage mistakes", async () => {
      expect((await cli(["scan"])).code).toBe(2);
      expect((await cli(["scan", "--bogus", "x.xml"])).code).toBe(2);
      expect((await cli(["scan", "--model", join(dir.path, "nope.json"), "x.xml"])).code).toBe(2);
    });
  });

  describe("validate", () => {
    it("summarises a good config", async () => {
      const r = await cli(["validate", "--config", config]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("config OK");
      expect(r.stdout).toMatch(/feeds: +1 enabled, 1 disabled/);
    });

    it("names the key and the problem, exit 2", async () => {
      const bad = join(dir.path, "bad.yaml");
      await writeFile(bad, `feeds:\n  - id: x\n    url: ftp://nope\n    interval: soon\nsubscribers:\n  - id: a\n    themes: [no-such-theme]\nbogus: 1\n`);
      const r = await cli(["validate", "--config", bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("feeds[0].url: feed url must be an http(s) URL");
      expect(r.stderr).toContain('feeds[0].interval: "soon" is not a duration');
      expect(r.stderr).toContain('unknown key(s) "bogus"');
      const themes = join(dir.path, "themes.yaml");
      await writeFile(themes, `subscribers:\n  - id: a\n    themes: [no-such-theme]\n`);
      const r2 = await cli(["validate", "--config", themes]);
      expect(r2.code).toBe(2);
      expect(r2.stderr).toContain('subscribers[0].themes: "no-such-theme" is not a theme of the model');
      expect((await cli(["validate"])).code).toBe(2);
      expect((await cli(["validate", "--config", join(dir.path, "absent.yaml")])).stderr).toContain("file not found");
    });
  });

  it("start: a clear message and exit 2 when Redis cannot be reached", async () => {
    const r = await cli(["start", "--config", config], { REDIS_URL: "redis://127.0.0.1:1" });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("corpus-watcher start: cannot reach Redis at redis://127.0.0.1:1: start one with `redis-server --daemonize yes` or set REDIS_URL\n");
  });

  it("poll, status and export against Redis", async () => {
    const env = { REDIS_URL: t.url };
    const first = await cli(["poll", "--config", config], env);
    expect(first).toMatchObject({ code: 0, stdout: "icmpd: 10 items, 10 new, 0 alerts (first poll: recorded, no alerts) (switched to URL keys)\n" });
    server.route("/icmpd.xml", { body: withItems(readFixture("icmpd-news.xml"), ICMPD_NEW_ITEMS), etag: '"b"' });
    const second = await cli(["poll", "--config", config, "--feed", "icmpd", "--json"], env);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.lines[0]!)).toMatchObject({ feedId: "icmpd", status: "changed", newItems: 2, alerts: 2 });
    expect((await cli(["poll", "--config", config], env)).stdout).toBe("icmpd: not modified\n");
    expect((await cli(["poll", "--config", config, "--feed", "off"], env)).code).toBe(2);

    const status = await cli(["status", "--config", config, "--json"], env);
    expect(status.code).toBe(0);
    const json = JSON.parse(status.stdout) as { feeds: Record<string, Record<string, unknown>>; queues: { poll: Record<string, number> } };
    expect(json.feeds.icmpd).toMatchObject({ lastOutcome: "not-modified", consecutiveFailures: 0, itemCount: 12, configured: true, enabled: true });
    expect(json.feeds.off).toMatchObject({ enabled: false });
    expect(json.queues.poll.completed).toBe(3);
    const table = await cli(["status", "--config", config], env);
    expect(table.stdout).toMatch(/icmpd +ok +\S+ ago +0 /);

    const out = join(dir.path, "export.jsonl");
    const exported = await cli(["export", "--config", config, "--out", out], env);
    expect(exported).toMatchObject({ code: 0, stderr: `corpus-watcher export: 12 documents written to ${out}\n` });
    const { documents, errors } = parseCorpusJsonl(await readFile(out, "utf8"));
    expect(errors).toEqual([]);
    expect(documents).toHaveLength(12);
    expect(documents.every((d) => d.provenance.feeds.includes("icmpd") && d.themes.every((th) => th.by === "classifier"))).toBe(true);
    expect(documents.some((d) => d.themes.length > 0)).toBe(true);
    const later = await cli(["export", "--config", config, "--since", "2999-01-01"], env);
    expect(later).toMatchObject({ code: 0, stdout: "" });
    expect((await cli(["export", "--config", config, "--since", "last week"], env)).code).toBe(2);
  });

  it("the bin exits with the command's code", async () => {
    const r = await runWatcher(["validate", "--config", config]);
    expect(r.code).toBe(0);
    expect((await runWatcher(["frobnicate"])).code).toBe(2);
  });
});
