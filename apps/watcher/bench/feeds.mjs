// Deterministic generated feeds for the bench: realistic RSS 2.0 with HTML content, 50 items per
// feed, a version number shifting the window by 5 new items per version.

const TOPICS = [
  ["asylum", "asylum procedures", "reception conditions", "the Common European Asylum System", "the Dublin Regulation", "refugee status determination"],
  ["border", "border management", "integrated border management", "Frontex operations", "external borders", "border guards"],
  ["trafficking", "trafficking in human beings", "migrant smuggling", "victims of trafficking", "forced labour", "the national referral mechanism"],
  ["labour", "labour migration", "skills partnerships", "fair recruitment", "seasonal workers", "legal pathways"],
  ["return", "voluntary return", "reintegration assistance", "readmission agreements", "return counselling", "sustainable reintegration"],
  ["integration", "integration of migrants", "social inclusion", "language courses", "access to the labour market", "local authorities"],
  ["development", "migration and development", "remittances", "diaspora engagement", "rural development", "climate mobility"],
  ["data", "migration statistics", "data collection", "irregular arrivals", "asylum applications", "Eurostat figures"],
];
const FILLER = ["The project", "The ministry", "Partners from the region", "The working group", "ICMPD experts", "National authorities", "Civil society organisations", "The steering committee"];
const VERBS = ["discussed", "reviewed", "presented", "agreed on", "assessed", "launched", "adopted", "evaluated"];
const PLACES = ["Vienna", "Tunis", "Rabat", "Tbilisi", "Ankara", "Brussels", "Sarajevo", "Accra", "Quito", "Amman"];

/** Small seeded PRNG (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (r, list) => list[Math.floor(r() * list.length)];

function paragraph(r, topic) {
  const sentences = [];
  for (let s = 0; s < 4; s++) {
    sentences.push(`${pick(r, FILLER)} ${pick(r, VERBS)} ${pick(r, topic.slice(1))} in ${pick(r, PLACES)}, with a focus on ${pick(r, topic.slice(1))} and ${pick(r, pick(r, TOPICS).slice(1))}.`);
  }
  return sentences.join(" ");
}

const escapeXml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function item(feed, index, host, baseTime) {
  const r = rng(feed * 100_003 + index);
  const topic = pick(r, TOPICS);
  const title = `${pick(r, ["Project News", "Press Release", "Expert Voice", "Event"])}: ${pick(r, topic.slice(1))} – ${pick(r, VERBS)} in ${pick(r, PLACES)} (${feed}-${index})`;
  const link = `https://${host}/news/feed-${feed}/item-${index}`;
  const html = [
    `<p><strong>${escapeXml(pick(r, PLACES))}</strong> – ${paragraph(r, topic)}</p>`,
    `<p>${paragraph(r, topic)} <a href="${link}#more">Read more</a>.</p>`,
    `<ul><li>${pick(r, topic.slice(1))}</li><li>${pick(r, topic.slice(1))}</li><li>${pick(r, pick(r, TOPICS).slice(1))}</li></ul>`,
    `<p>${paragraph(r, topic)}</p>`,
  ].join("\n");
  // Hours apart, the newest a few hours old: recent enough for the default maxItemAge (30 days).
  const date = new Date(baseTime - (200 - index) * 3_600_000).toUTCString();
  return `    <item>
      <title>${escapeXml(title)}</title>
      <link>${link}</link>
      <guid isPermaLink="true">${link}</guid>
      <description>${escapeXml(paragraph(r, topic).slice(0, 200))}...</description>
      <content:encoded><![CDATA[${html}]]></content:encoded>
      <pubDate>${date}</pubDate>
    </item>`;
}

/** The feed `feed` at `version`: items version*newPerVersion .. +itemsPerFeed, newest first. */
export function feedXml({ feed, version, host, itemsPerFeed, newPerVersion, baseTime }) {
  const first = version * newPerVersion;
  const items = [];
  for (let i = first + itemsPerFeed - 1; i >= first; i--) items.push(item(feed, i, host, baseTime));
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Bench feed ${feed}</title>
    <link>https://${host}/</link>
    <description>Generated feed for the corpus-watcher bench</description>
    <language>en</language>
${items.join("\n")}
  </channel>
</rss>
`;
}
