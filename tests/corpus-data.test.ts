import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import Parser from "rss-parser";
import { DocumentSchema, ThemeIdSchema, parseCorpusJsonl, type Document } from "@corpus/model";

// The default corpus data (corpus/) checked against the published model, the way a consumer reads it.

const read = (path: string): string => readFileSync(new URL(`../corpus/${path}`, import.meta.url), "utf8");

/** The theme ids of the contract (taxonomy/themes.md), in table order. */
const CONTRACT_THEME_IDS = [
  "instrumentalised-migration",
  "human-rights-protection",
  "drivers-external-cooperation",
  "public-attitudes",
  "secondary-movements",
  "integration-inclusion",
  "data-forecasting-technology",
  "trafficking-smuggling",
  "border-management",
  "return-reintegration",
  "migration-development",
  "local-governance",
  "legal-pathways",
  "asylum-reception-crisis",
  "humanitarian-assistance",
  "capacity-building",
];

interface TaxonomyEntry {
  id: string;
  label: string;
  scopeNote: string;
}

const taxonomy = JSON.parse(read("taxonomy.json")) as TaxonomyEntry[];
const jsonl = read("documents.jsonl");
const { documents, errors } = parseCorpusJsonl(jsonl);
const newsItems = documents.filter((d) => d.kind === "news-item");

describe("corpus/taxonomy.json", () => {
  it("holds exactly the sixteen contract ids, in order", () => {
    expect(taxonomy.map((t) => t.id)).toEqual(CONTRACT_THEME_IDS);
  });

  it("gives every theme a valid id, a label and a scope note, and nothing else", () => {
    for (const theme of taxonomy) {
      expect(ThemeIdSchema.safeParse(theme.id).success).toBe(true);
      expect(Object.keys(theme).sort()).toEqual(["id", "label", "scopeNote"]);
      expect(theme.label.trim()).not.toBe("");
      expect(theme.scopeNote.trim()).not.toBe("");
    }
  });
});

describe("corpus/documents.jsonl", () => {
  it("parses with no errors", () => {
    expect(errors).toEqual([]);
    expect(documents).toHaveLength(19);
  });

  it("has one valid Document per line", () => {
    const lines = jsonl.split("\n").filter((line) => line.trim() !== "");
    expect(lines).toHaveLength(19);
    for (const line of lines) {
      const result = DocumentSchema.safeParse(JSON.parse(line));
      expect(result.error?.issues ?? []).toEqual([]);
    }
  });

  it("has unique ids", () => {
    const ids = documents.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("holds the expected mix of kinds", () => {
    const counts: Record<string, number> = {};
    for (const d of documents) counts[d.kind] = (counts[d.kind] ?? 0) + 1;
    expect(counts).toEqual({
      "journal-article": 1,
      "policy-paper": 1,
      "conference-report": 1,
      "workshop-brief": 5,
      "working-paper": 1,
      "news-item": 10,
    });
  });

  it("links the five workshop briefs to the conference report", () => {
    const report = documents.find((d) => d.kind === "conference-report");
    expect(report).toBeDefined();
    const briefs = documents.filter((d) => d.kind === "workshop-brief");
    expect(briefs.map((b) => b.partOf)).toEqual(Array(5).fill(report?.id));
    expect(briefs.map((b) => b.title.slice(0, "Workshop N:".length))).toEqual([
      "Workshop 1:",
      "Workshop 2:",
      "Workshop 3:",
      "Workshop 4:",
      "Workshop 5:",
    ]);
    expect(documents.filter((d) => d.partOf !== undefined)).toHaveLength(5);
  });

  it("labels every document with at least one curator theme from the taxonomy", () => {
    const known = new Set(taxonomy.map((t) => t.id));
    for (const d of documents) {
      const curated = d.themes.filter((t) => t.by === "curator");
      expect(curated.length, d.id).toBeGreaterThan(0);
      const ids = d.themes.map((t) => t.theme);
      expect(new Set(ids).size, d.id).toBe(ids.length);
      for (const id of ids) expect(known.has(id), `${d.id}: ${id}`).toBe(true);
    }
  });

  it("keeps the feed link as provenance and a canonical url on news items", () => {
    for (const d of newsItems) {
      expect(d.publisher).toBe("ICMPD");
      expect(d.provenance.feeds).toEqual(["icmpd-news"]);
      expect(d.provenance.sourceUrl).toMatch(/^https:\/\/www\.icmpd\.org\/\/news-centre\//);
      expect(d.url).toBe(d.provenance.sourceUrl?.replace("https://www.icmpd.org//", "https://www.icmpd.org/"));
      expect(d.summary).toBeTruthy();
      expect(d.text).toBeTruthy();
    }
  });
});

describe("corpus/fixtures/icmpd-news.xml", () => {
  it("parses into the ten news items of the corpus", async () => {
    const feed = await new Parser().parseString(read("fixtures/icmpd-news.xml"));
    expect(feed.items).toHaveLength(10);
    expect(feed.lastBuildDate).toBe("Fri, 16 Aug 2019 09:22:23 +0200");

    const byLink = new Map<string, Document>(newsItems.map((d) => [d.provenance.sourceUrl ?? "", d]));
    for (const item of feed.items) {
      expect(item.link).toMatch(/^https:\/\/www\.icmpd\.org\/\/news-centre\//);
      expect(item.guid).toBeUndefined();
      const doc = byLink.get(item.link ?? "");
      expect(doc, item.link).toBeDefined();
      expect(item.title).toBe(doc?.title);
      expect(item.isoDate).toBe(doc?.publishedAt);
      expect(item.content).toBe(doc?.summary);
    }
    expect(feed.items.map((i) => i.title).sort()).toEqual(newsItems.map((d) => d.title).sort());
  });
});

describe("parseCorpusJsonl on a broken copy", () => {
  it("reports each bad line with its line number and field", () => {
    const lines = jsonl.split("\n").filter((line) => line.trim() !== "");
    const badDate = { ...(JSON.parse(lines[2] ?? "") as Record<string, unknown>), publishedAt: "31/02/2024" };
    const noTitle = JSON.parse(lines[4] ?? "") as Record<string, unknown>;
    delete noTitle.title;
    const broken = [...lines];
    broken[2] = JSON.stringify(badDate);
    broken[4] = JSON.stringify(noTitle);
    broken[6] = "{ this is not JSON";

    const result = parseCorpusJsonl(broken.join("\n") + "\n");

    expect(result.documents).toHaveLength(16);
    expect([...new Set(result.errors.map((e) => e.line))].sort((a, b) => a - b)).toEqual([3, 5, 7]);
    const at = (line: number) => result.errors.find((e) => e.line === line);
    expect(at(3)?.field).toBe("publishedAt");
    expect(at(5)?.field).toBe("title");
    expect(typeof at(7)?.field).toBe("string");
    for (const e of result.errors) expect(e.message.trim()).not.toBe("");
  });
});
