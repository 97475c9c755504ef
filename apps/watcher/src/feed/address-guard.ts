import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { FeedFetchError } from "./errors";

type Range = readonly [bits: bigint, prefix: number];

const v4 = (a: number, b: number, c: number, d: number, prefix: number): Range => [
  (0xffffn << 32n) | BigInt(((a << 24) | (b << 16) | (c << 8) | d) >>> 0),
  96 + prefix,
];
const v6 = (hex: string, prefix: number): Range => [parseIpv6(hex) ?? 0n, prefix];

/**
 * Addresses a feed or webhook must not reach unless private addresses are allowed. IPv4 ranges are
 * written as IPv4-mapped IPv6 (::ffff:a.b.c.d), the form every IPv4 address is checked in.
 */
const BLOCKED: readonly Range[] = [
  v4(0, 0, 0, 0, 8), // "this network", 0.0.0.0
  v4(10, 0, 0, 0, 8), // private
  v4(100, 64, 0, 0, 10), // carrier-grade NAT (also Alibaba's metadata 100.100.100.200)
  v4(127, 0, 0, 0, 8), // loopback
  v4(169, 254, 0, 0, 16), // link-local, cloud metadata 169.254.169.254
  v4(172, 16, 0, 0, 12), // private
  v4(192, 0, 0, 0, 24), // IETF protocol assignments
  v4(192, 0, 2, 0, 24), // documentation
  v4(192, 88, 99, 0, 24), // 6to4 relay anycast
  v4(192, 168, 0, 0, 16), // private
  v4(198, 18, 0, 0, 15), // benchmarking
  v4(198, 51, 100, 0, 24), // documentation
  v4(203, 0, 113, 0, 24), // documentation
  v4(224, 0, 0, 0, 4), // multicast
  v4(240, 0, 0, 0, 4), // reserved, broadcast
  v6("::", 128), // unspecified
  v6("::1", 128), // loopback
  v6("64:ff9b:1::", 48), // local-use NAT64
  v6("100::", 64), // discard
  v6("2001::", 32), // Teredo (embeds an obfuscated address)
  v6("2001:db8::", 32), // documentation
  v6("fc00::", 7), // unique local (AWS metadata fd00:ec2::254)
  v6("fe80::", 10), // link-local
  v6("fec0::", 10), // site-local (deprecated)
  v6("ff00::", 8), // multicast
];

/** Prefixes that embed an IPv4 address in their low 32 bits: it is checked as IPv4. */
const EMBEDS_V4_LOW: readonly Range[] = [v6("::", 96), v6("64:ff9b::", 96)];

function inRange(addr: bigint, [bits, prefix]: Range): boolean {
  const shift = BigInt(128 - prefix);
  return addr >> shift === bits >> shift;
}

function parseIpv4(ip: string): bigint | undefined {
  const parts = ip.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function parseIpv6(input: string): bigint | undefined {
  let ip = input.replace(/%.*$/, ""); // zone id (fe80::1%eth0)
  let tail: bigint[] = [];
  const lastColon = ip.lastIndexOf(":");
  if (ip.includes(".", lastColon)) {
    const embedded = parseIpv4(ip.slice(lastColon + 1));
    if (embedded === undefined) return undefined;
    tail = [embedded >> 16n, embedded & 0xffffn];
    ip = `${ip.slice(0, lastColon + 1)}x`;
  }
  const halves = ip.split("::");
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const head = groups(halves[0] ?? "");
  const rest = halves.length === 2 ? groups(halves[1] ?? "") : [];
  const words = [...head, ...rest].filter((g) => g !== "x");
  const total = words.length + tail.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const parse = (g: string) => (/^[0-9a-f]{1,4}$/i.test(g) ? BigInt(`0x${g}`) : undefined);
  const headWords = head.filter((g) => g !== "x").map(parse);
  const restWords = rest.filter((g) => g !== "x").map(parse);
  if ([...headWords, ...restWords].some((w) => w === undefined)) return undefined;
  const zeros = Array<bigint>(8 - total).fill(0n);
  const all = [...(headWords as bigint[]), ...zeros, ...(restWords as bigint[]), ...tail];
  return all.reduce((acc, w) => (acc << 16n) | w, 0n);
}

/** An IPv4 or IPv6 address as a 128-bit number (IPv4 in its ::ffff: mapped form). */
function toBits(ip: string): bigint | undefined {
  const version = isIP(ip.replace(/%.*$/, ""));
  if (version === 4) {
    const n = parseIpv4(ip);
    return n === undefined ? undefined : (0xffffn << 32n) | n;
  }
  return version === 6 ? parseIpv6(ip) : undefined;
}

/**
 * True for addresses a feed must not point at: private, loopback, link-local, carrier-grade NAT,
 * unique-local IPv6, multicast, reserved, 0.0.0.0 and cloud metadata addresses, including IPv4
 * addresses wrapped in IPv6 (::ffff:127.0.0.1, NAT64, 6to4). Anything that is not an IP address
 * counts as private, so a parsing gap fails closed.
 */
export function isPrivateAddress(ip: string): boolean {
  const bits = toBits(ip.trim().replace(/^\[|\]$/g, ""));
  if (bits === undefined) return true;
  if (BLOCKED.some((range) => inRange(bits, range))) return true;
  if (EMBEDS_V4_LOW.some((range) => inRange(bits, range))) {
    return isPrivateAddress(bigintToIpv4(bits & 0xffffffffn));
  }
  if (inRange(bits, v6("2002::", 16))) return isPrivateAddress(bigintToIpv4((bits >> 80n) & 0xffffffffn));
  return false;
}

function bigintToIpv4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 0xffn)).join(".");
}

/** Options shared by the URL check and the connect-time lookup. */
export interface AddressPolicy {
  /** Replaces the private-address check (tests use it to allow one loopback address). */
  isBlocked?: (ip: string) => boolean;
  /** DNS lookup with `dns.lookup`'s signature. @default dns.lookup */
  lookup?: LookupFunction;
}

/** The hostname of a URL as an IP literal without brackets, or undefined for a name. */
function ipLiteral(hostname: string): string | undefined {
  const bare = hostname.replace(/^\[|\]$/g, "");
  return isIP(bare) ? bare : undefined;
}

/** Parses an http(s) URL or throws FeedFetchError "bad-url". */
export function parseHttpUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new FeedFetchError("bad-url", url, `not a valid URL: ${url}`, { cause });
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new FeedFetchError("bad-url", url, `only http and https URLs can be fetched, not ${parsed.protocol}`);
  }
  return parsed;
}

function lookupAll(lookup: LookupFunction, hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    const options: LookupAllOptions = { all: true };
    lookup(hostname, options, (err, addresses) => {
      if (err) reject(err);
      else resolve(Array.isArray(addresses) ? addresses : [{ address: String(addresses), family: 0 }]);
    });
  });
}

/**
 * Throws FeedFetchError "blocked-address" unless every address the URL's host resolves to is public
 * ("bad-url" for a URL that is not http(s), "network" when the name does not resolve). This is the
 * early, readable check; the fetcher repeats it on the address it actually connects to
 * (`createGuardedLookup`), so DNS rebinding between the two cannot get through.
 */
export async function assertPublicUrl(url: string, allowPrivate: boolean, policy: AddressPolicy = {}): Promise<void> {
  const { hostname } = parseHttpUrl(url);
  if (allowPrivate) return;
  const isBlocked = policy.isBlocked ?? isPrivateAddress;
  const literal = ipLiteral(hostname);
  if (literal !== undefined) {
    if (isBlocked(literal)) throw blocked(url, hostname, literal);
    return;
  }
  let addresses: LookupAddress[];
  try {
    addresses = await lookupAll(policy.lookup ?? (dnsLookup as LookupFunction), hostname);
  } catch (cause) {
    throw new FeedFetchError("network", url, `cannot resolve ${hostname}: ${(cause as Error).message}`, { cause });
  }
  const bad = addresses.find((a) => isBlocked(a.address));
  if (bad) throw blocked(url, hostname, bad.address);
}

function blocked(url: string, hostname: string, address: string): FeedFetchError {
  const where = hostname === address || `[${address}]` === hostname ? address : `${hostname} (${address})`;
  return new FeedFetchError(
    "blocked-address",
    url,
    `refusing to connect to ${where}: a private, loopback or reserved address (set network.allowPrivateAddresses to allow)`,
  );
}

/**
 * A `lookup` for `net.connect`/`tls.connect` (undici `Agent({ connect: { lookup } })`) that fails
 * when any resolved address is blocked, so the address checked is the address connected to.
 * IP literals never reach a lookup: check them with `assertPublicUrl` first.
 */
export function createGuardedLookup(policy: AddressPolicy = {}): LookupFunction {
  const isBlocked = policy.isBlocked ?? isPrivateAddress;
  const base = policy.lookup ?? (dnsLookup as LookupFunction);
  return (hostname, options, callback) => {
    const all = (options as LookupAllOptions).all === true;
    const lookupOptions: LookupAllOptions = { ...(options as LookupOneOptions), all: true };
    base(hostname, lookupOptions, (err, addresses) => {
      if (err) return callback(err, all ? [] : "", 4);
      const list: LookupAddress[] = Array.isArray(addresses) ? addresses : [{ address: String(addresses), family: 4 }];
      const bad = list.find((a) => isBlocked(a.address));
      const first = list[0];
      if (bad || !first) {
        const error = bad
          ? blocked(hostname, hostname, bad.address)
          : Object.assign(new Error(`no addresses for ${hostname}`), { code: "ENOTFOUND" });
        return callback(error as NodeJS.ErrnoException, all ? [] : "", 4);
      }
      if (all) return callback(null, list);
      callback(null, first.address, first.family);
    });
  };
}
