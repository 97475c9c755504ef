/**
 * Feed fixtures and generated variants for tests. The ICMPD fixture is the real feed's shape
 * (RSS 2.0, no GUIDs, double-slash links); `withItems` adds new items in the same shape.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const FIXTURES_DIR = fileURLToPath(new URL("../../corpus/fixtures/", import.meta.url));

export function readFixture(name: string): string {
  return readFileSync(`${FIXTURES_DIR}${name}`, "utf8");
}

export interface RssItem {
  title: string;
  link?: string;
  guid?: string;
  /** RFC 822 or ISO date; omitted when undefined. */
  pubDate?: string;
  description?: string;
  /** HTML body (content:encoded). */
  html?: string;
}

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function rssItem(item: RssItem): string {
  return [
    "    <item>",
    `      <title>${escapeXml(item.title)}</title>`,
    item.link !== undefined ? `      <link>${escapeXml(item.link)}</link>` : "",
    item.guid !== undefined ? `      <guid isPermaLink="false">${escapeXml(item.guid)}</guid>` : "",
    item.description !== undefined ? `      <description>${escapeXml(item.description)}</description>` : "",
    item.html !== undefined ? `      <content:encoded><![CDATA[${item.html}]]></content:encoded>` : "",
    item.pubDate !== undefined ? `      <pubDate>${item.pubDate}</pubDate>` : "",
    "    </item>",
  ]
    .filter(Boolean)
    .join("\n");
}

/** A complete RSS 2.0 feed. */
export function rssFeed(items: RssItem[], channel: { title?: string; link?: string; encoding?: string | null } = {}): string {
  const decl = channel.encoding === null ? '<?xml version="1.0"?>' : `<?xml version="1.0" encoding="${channel.encoding ?? "UTF-8"}"?>`;
  return `${decl}
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>${escapeXml(channel.title ?? "Test feed")}</title>
    <link>${escapeXml(channel.link ?? "https://feeds.example.org/")}</link>
    <description>test</description>
${items.map(rssItem).join("\n")}
  </channel>
</rss>
`;
}

/** The feed XML with `items` inserted before its first item (newest first, as feeds list them). */
export function withItems(xml: string, items: RssItem[]): string {
  const at = xml.indexOf("<item>");
  if (at < 0) throw new Error("feed has no <item> to insert before");
  const lineStart = xml.lastIndexOf("\n", at) + 1;
  return `${xml.slice(0, lineStart)}${items.map(rssItem).join("\n")}\n${xml.slice(lineStart)}`;
}

/** Two news items in the ICMPD style, clearly about trafficking and about labour migration. */
export const ICMPD_NEW_ITEMS: RssItem[] = [
  {
    title: "Project News: Training on identifying victims of human trafficking for border guards",
    link: "https://www.icmpd.org//news-centre/news-detail/training-on-identifying-victims-of-trafficking-for-border-guards/",
    pubDate: "Mon, 19 Aug 2019 10:00:00 +0200",
    description: "ICMPD trained border and police officers on the identification of victims of trafficking...",
    html: "<p>ICMPD's Anti-Trafficking Programme trained border guards and police officers on identifying victims of human trafficking among migrants, including victims of forced labour and sexual exploitation, and on referral to protection services.</p><p>The training covered the national referral mechanism, the non-punishment principle and cooperation with prosecutors against traffickers.</p>",
  },
  {
    title: "Project News: Labour migration partnership on skills and recruitment launched",
    link: "https://www.icmpd.org//news-centre/news-detail/labour-migration-partnership-on-skills-and-recruitment-launched/",
    pubDate: "Tue, 20 Aug 2019 09:30:00 +0200",
    description: "A new labour migration partnership will support skills development and fair recruitment...",
    html: "<p>A new labour migration partnership between countries of origin and destination will support skills development, recognition of qualifications, fair and ethical recruitment of migrant workers and legal pathways for labour mobility.</p><p>Employers, recruitment agencies and public employment services will work together on vocational training.</p>",
  },
];
