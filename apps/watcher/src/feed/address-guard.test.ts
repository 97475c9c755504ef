import type { LookupFunction } from "node:net";
import { describe, expect, it } from "vitest";
import { assertPublicUrl, createGuardedLookup, isPrivateAddress } from "./address-guard";
import { FeedFetchError } from "./errors";

describe("isPrivateAddress", () => {
  it.each([
    ["10.0.0.1", true],
    ["10.255.255.255", true],
    ["172.16.0.1", true],
    ["172.31.255.254", true],
    ["172.15.255.255", false],
    ["172.32.0.1", false],
    ["192.168.1.1", true],
    ["127.0.0.1", true],
    ["127.53.0.9", true],
    ["0.0.0.0", true],
    ["169.254.169.254", true],
    ["100.64.0.1", true],
    ["100.127.255.255", true],
    ["100.128.0.1", false],
    ["224.0.0.1", true],
    ["255.255.255.255", true],
    ["::1", true],
    ["::", true],
    ["fc00::1", true],
    ["fd00:ec2::254", true],
    ["fe80::1", true],
    ["fe80::1%eth0", true],
    ["febf::1", true],
    ["ff02::1", true],
    ["::ffff:127.0.0.1", true],
    ["::ffff:7f00:1", true],
    ["::ffff:10.1.2.3", true],
    ["::ffff:8.8.8.8", false],
    ["::127.0.0.1", true],
    ["64:ff9b::a00:1", true],
    ["64:ff9b::808:808", false],
    ["2002:7f00:1::", true],
    ["2002:808:808::", false],
    ["[::1]", true],
    ["8.8.8.8", false],
    ["1.1.1.1", false],
    ["93.184.216.34", false],
    ["2606:4700:4700::1111", false],
    ["2a00:1450:4001:80b::200e", false],
    ["not-an-ip", true],
    ["1.2.3", true],
    ["1:2:3:4:5:6:7:8:9", true],
  ])("%s → %s", (ip, expected) => {
    expect(isPrivateAddress(ip)).toBe(expected);
  });
});

/** A resolver with fixed answers, in dns.lookup's shape. */
function fakeLookup(table: Record<string, string[]>): LookupFunction {
  return (hostname, options, callback) => {
    const addresses = table[hostname];
    if (!addresses) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), "", 4);
    const list = addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
    if ((options as { all?: boolean }).all) return callback(null, list);
    callback(null, list[0]?.address ?? "", list[0]?.family);
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error instanceof FeedFetchError ? error.code : `unexpected ${String(error)}`;
  }
}

describe("assertPublicUrl", () => {
  const lookup = fakeLookup({
    "news.example": ["93.184.216.34"],
    "intranet.example": ["10.1.2.3"],
    "mixed.example": ["93.184.216.34", "127.0.0.1"],
    "v6.example": ["2606:4700:4700::1111"],
  });

  it.each([
    ["http://news.example/feed", undefined],
    ["https://v6.example/feed", undefined],
    ["http://intranet.example/feed", "blocked-address"],
    ["http://mixed.example/feed", "blocked-address"],
    ["http://127.0.0.1:8080/feed", "blocked-address"],
    ["http://[::1]/feed", "blocked-address"],
    ["http://[::ffff:127.0.0.1]/feed", "blocked-address"],
    ["http://2130706433/feed", "blocked-address"], // 127.0.0.1 written as a number
    ["http://0x7f.1/feed", "blocked-address"],
    ["http://169.254.169.254/latest/meta-data/", "blocked-address"],
    ["http://8.8.8.8/feed", undefined],
    ["http://unknown.example/feed", "network"],
    ["ftp://news.example/feed", "bad-url"],
    ["file:///etc/passwd", "bad-url"],
    ["not a url", "bad-url"],
  ])("%s → %s", async (url, code) => {
    expect(await codeOf(assertPublicUrl(url, false, { lookup }))).toBe(code);
  });

  it("allows private addresses when asked to, but still rejects non-http URLs", async () => {
    expect(await codeOf(assertPublicUrl("http://intranet.example/feed", true, { lookup }))).toBeUndefined();
    expect(await codeOf(assertPublicUrl("http://127.0.0.1/feed", true))).toBeUndefined();
    expect(await codeOf(assertPublicUrl("gopher://127.0.0.1/", true))).toBe("bad-url");
  });

  it("resolves real names: localhost is loopback", async () => {
    expect(await codeOf(assertPublicUrl("http://localhost:9/feed", false))).toBe("blocked-address");
  });

  it("names the host and address in the message", async () => {
    await expect(assertPublicUrl("http://intranet.example/feed", false, { lookup })).rejects.toThrow(/intranet\.example \(10\.1\.2\.3\)/);
  });
});

describe("createGuardedLookup", () => {
  const base = fakeLookup({ "news.example": ["93.184.216.34"], "rebound.example": ["93.184.216.34", "192.168.0.10"] });
  const guarded = createGuardedLookup({ lookup: base });
  const run = (host: string, all: boolean) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: unknown; family?: number }>((resolve) =>
      guarded(host, { all }, (err, address, family) => resolve({ err, address, family })),
    );

  it("passes public answers through in both callback shapes", async () => {
    expect(await run("news.example", true)).toMatchObject({ err: null, address: [{ address: "93.184.216.34", family: 4 }] });
    expect(await run("news.example", false)).toMatchObject({ err: null, address: "93.184.216.34", family: 4 });
  });

  it("fails the connection when any answer is private", async () => {
    const { err } = await run("rebound.example", true);
    expect(err).toBeInstanceOf(FeedFetchError);
    expect((err as unknown as FeedFetchError).code).toBe("blocked-address");
  });

  it("passes resolver errors through", async () => {
    const { err } = await run("missing.example", false);
    expect(err?.code).toBe("ENOTFOUND");
  });
});
