import { describe, expect, it } from "vitest";
import { DigestSchema } from "@corpus/model";
import { buildDigest } from "./build";
import { THEMES, alert, match } from "./_test-alerts";

const base = { id: "20261125T080000Z-3f2a9c0000", subscriber: "analyst", channel: "file", createdAt: new Date("2026-11-25T08:00:00Z"), themes: THEMES };

describe("buildDigest", () => {
  it("groups items by theme, best score first, sections ordered by their best item", () => {
    const digest = buildDigest({
      ...base,
      alerts: [
        alert({ title: "Low asylum", matches: [match("asylum-procedures", 0.4)] }),
        alert({ title: "Top return", matches: [match("return-readmission", 0.9)] }),
        alert({ title: "High asylum", matches: [match("asylum-procedures", 0.7)] }),
      ],
    });
    expect(DigestSchema.parse(digest)).toBeTruthy();
    expect(digest.sections.map((s) => s.theme.id)).toEqual(["return-readmission", "asylum-procedures"]);
    expect(digest.sections[1]!.items.map((i) => i.title)).toEqual(["High asylum", "Low asylum"]);
    expect(digest.sections[0]!.theme).toEqual({ id: "return-readmission", label: "Return & readmission", scopeNote: "Return policy, readmission agreements, reintegration." });
    expect(digest.counts).toEqual({ items: 3, themes: 2, remaining: 0 });
  });

  it("lists an item matching two followed themes under both, marks it, and counts it once", () => {
    const both = alert({ title: "Both", matches: [match("asylum-procedures", 0.5), match("return-readmission", 0.8)] });
    const digest = buildDigest({ ...base, alerts: [both] });
    expect(digest.sections.map((s) => s.theme.id)).toEqual(["return-readmission", "asylum-procedures"]);
    for (const section of digest.sections) expect(section.items[0]!.themes).toEqual(["return-readmission", "asylum-procedures"]);
    expect(digest.sections[0]!.items[0]!.score).toBe(0.8);
    expect(digest.sections[1]!.items[0]!.score).toBe(0.5);
    expect(digest.counts.items).toBe(1);
    expect(digest.counts.themes).toBe(2);
  });

  it("keeps to the followed themes and minScore, but never drops a claimed alert", () => {
    const digest = buildDigest({
      ...base,
      follows: ["asylum-procedures"],
      minScore: 0.5,
      alerts: [
        alert({ title: "Followed", matches: [match("asylum-procedures", 0.6), match("return-readmission", 0.9)] }),
        alert({ title: "Unfollowed only", matches: [match("border-management", 0.45)] }),
        alert({ title: "Nothing passed", matches: [match("border-management", 0.1)] }),
        alert({ title: "No matches", matches: [] }),
      ],
    });
    const where = Object.fromEntries(digest.sections.flatMap((s) => s.items.map((i) => [i.title, s.theme.id])));
    expect(where).toEqual({ Followed: "asylum-procedures", "Unfollowed only": "border-management", "Nothing passed": "border-management", "No matches": "other" });
    expect(digest.sections.find((s) => s.theme.id === "asylum-procedures")!.items[0]!.themes).toEqual(["asylum-procedures"]);
    expect(digest.counts.items).toBe(4);
  });

  it("explains each item: matched terms and nearest corpus document of that theme", () => {
    const digest = buildDigest({ ...base, alerts: [alert({ matches: [match("asylum-procedures", 0.6)] })] });
    expect(digest.sections[0]!.items[0]!.why).toEqual({ matchedTerms: ["asylum"], nearest: { id: "doc-asylum-procedures", title: "Nearest on asylum-procedures", similarity: 0.8 } });
  });

  it("merges two alerts about one document (sources joined) and counts it once", () => {
    const a = alert({ documentId: "doc-same", sources: ["icmpd-news"], matches: [match("asylum-procedures", 0.6)] });
    const b = alert({ documentId: "doc-same", sources: ["eu-home"], matches: [match("asylum-procedures", 0.5)] });
    const digest = buildDigest({ ...base, alerts: [a, b] });
    expect(digest.counts.items).toBe(1);
    expect(digest.sections[0]!.items).toHaveLength(1);
    expect(digest.sections[0]!.items[0]!.sources).toEqual(["icmpd-news", "eu-home"]);
    expect(digest.sections[0]!.items[0]!.score).toBe(0.6);
  });

  it("keeps only canonical http(s) links", () => {
    const digest = buildDigest({
      ...base,
      alerts: [
        alert({ title: "js", url: "javascript:alert(1)", matches: [match("asylum-procedures", 0.5)] }),
        alert({ title: "double slash", url: "https://www.icmpd.org//news-centre/x?utm_source=rss#top", matches: [match("asylum-procedures", 0.4)] }),
      ],
    });
    const [js, slash] = digest.sections[0]!.items;
    expect(js!.url).toBeUndefined();
    expect(slash!.url).toBe("https://www.icmpd.org/news-centre/x");
  });

  it("reports the remaining count and the period from the oldest alert to the creation time", () => {
    const digest = buildDigest({
      ...base,
      remaining: 42,
      alerts: [alert({ createdAt: "2026-11-24T09:30:00Z", matches: [match("asylum-procedures", 0.5)] }), alert({ createdAt: "2026-11-23T07:00:00+01:00", matches: [match("asylum-procedures", 0.5)] })],
    });
    expect(digest.counts.remaining).toBe(42);
    expect(digest.period).toEqual({ from: "2026-11-23T06:00:00.000Z", to: "2026-11-25T08:00:00.000Z" });
  });

  it("builds an empty digest with no sections and no period start", () => {
    const digest = buildDigest({ ...base, alerts: [] });
    expect(DigestSchema.parse(digest).sections).toEqual([]);
    expect(digest.counts).toEqual({ items: 0, themes: 0, remaining: 0 });
    expect(digest.period).toEqual({ to: "2026-11-25T08:00:00.000Z" });
  });
});
