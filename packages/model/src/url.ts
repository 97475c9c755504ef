/**
 * Query parameters that only say how a reader arrived (campaigns, click ids, newsletter ids).
 * Removing them lets the same story carried by two feeds, or by a newsletter and a feed, share one
 * canonical URL. Names are compared case-insensitively; every `utm_*` parameter is removed too.
 */
export const TRACKING_PARAMS: readonly string[] = [
  "fbclid", // Facebook
  "gclid", // Google Ads
  "gclsrc",
  "dclid",
  "gbraid",
  "wbraid",
  "msclkid", // Microsoft Ads
  "yclid", // Yandex
  "twclid", // X / Twitter
  "ttclid", // TikTok
  "li_fat_id", // LinkedIn
  "igshid", // Instagram
  "mc_cid", // Mailchimp
  "mc_eid",
  "_hsenc", // HubSpot
  "_hsmi",
  "__hstc",
  "__hssc",
  "__hsfp",
  "hsctatracking",
  "mkt_tok", // Marketo
  "_ga", // Google Analytics cross-domain linker
  "_gl",
  "ref_src", // X / Twitter embeds
  "ref_url",
  "oly_anon_id", // Omeda
  "oly_enc_id",
  "vero_id", // Vero
  "wickedid",
  "rb_clickid",
  "s_cid", // Adobe
  "sc_cid",
  "wt_mc", // Webtrekk (German news sites)
  "wt_zmc",
  "xtor", // AT Internet (French news sites)
  "at_medium",
  "at_campaign",
];

const TRACKING = new Set(TRACKING_PARAMS);
const UTM_PREFIX = "utm_";

function isTrackingParam(rawName: string): boolean {
  let name = rawName;
  try {
    name = decodeURIComponent(rawName.replace(/\+/g, " "));
  } catch {
    // A malformed escape is kept as written: it cannot be a known tracking name anyway.
  }
  const lower = name.toLowerCase();
  return lower.startsWith(UTM_PREFIX) || TRACKING.has(lower);
}

/**
 * Filters the raw query string rather than going through URLSearchParams, which would re-encode
 * the remaining parameters (spaces to `+`, `~` to `%7E`) and so change URLs that were fine.
 */
function withoutTrackingParams(search: string): string {
  if (search.length <= 1) return "";
  const kept = search
    .slice(1)
    .split("&")
    .filter((pair) => pair !== "" && !isTrackingParam(pair.split("=", 1)[0] ?? ""));
  return kept.length === 0 ? "" : `?${kept.join("&")}`;
}

/**
 * Collapses `//` in the path (`https://www.icmpd.org//news-centre/` is a common CMS slip) but
 * leaves `://` alone, so archive links that embed a whole URL in their path survive.
 */
function collapseSlashes(pathname: string): string {
  return pathname.replace(/(?<!:)\/{2,}/g, "/");
}

/** `%2f` and `%2F` are the same octet (RFC 3986 §6.2.2.1); upper-case them so both compare equal. */
function upperCaseEscapes(part: string): string {
  return part.replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase());
}

function parse(input: string, base: string | undefined): URL | undefined {
  try {
    return base === undefined ? new URL(input) : new URL(input, new URL(base.trim()));
  } catch {
    return undefined;
  }
}

/**
 * The canonical form of an http(s) link, used to compare links and derive ids.
 *
 * Lower-cases scheme and host (IDN hosts become punycode through WHATWG URL), drops default ports,
 * the fragment, user info, empty queries and the tracking parameters in {@link TRACKING_PARAMS}
 * (plus every `utm_*`), keeps the order of the other parameters, collapses duplicate slashes in the
 * path and upper-cases percent escapes. Relative links are resolved against `base`.
 *
 * Returns `undefined` for unparseable input, for a relative link without a usable base, and for
 * every scheme other than http and https (`javascript:`, `data:`, `mailto:`, `ftp:`...). Never throws.
 *
 * @example canonicalUrl("https://www.icmpd.org//news-centre/x?utm_source=rss#top")
 * // "https://www.icmpd.org/news-centre/x"
 * @example canonicalUrl("/news/1", "https://example.org/feed.xml") // "https://example.org/news/1"
 */
export function canonicalUrl(input: string, base?: string): string | undefined {
  if (typeof input !== "string") return undefined;
  const trimmed = input.trim();
  if (trimmed === "") return undefined;
  const url = parse(trimmed, typeof base === "string" && base.trim() !== "" ? base : undefined);
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) return undefined;
  if (url.hostname === "") return undefined;
  url.hash = "";
  url.username = "";
  url.password = "";
  url.pathname = upperCaseEscapes(collapseSlashes(url.pathname));
  url.search = upperCaseEscapes(withoutTrackingParams(url.search));
  return url.href;
}
