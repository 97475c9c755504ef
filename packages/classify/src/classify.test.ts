import { ThemeMatchSchema } from "@corpus/model";
import { describe, expect, it } from "vitest";
import { SMALL_CORPUS, SMALL_THEMES } from "./__fixtures__/small";
import { classify, type Classification, type ClassifiedMatch } from "./classify";
import { train, withThemes } from "./model";

const model = train(SMALL_CORPUS, SMALL_THEMES);
const match = (c: Classification, theme: string) => c.matches.find((m) => m.theme === theme) as ClassifiedMatch;

describe("classify", () => {
  it("finds the theme of a short feed item from its title and description", () => {
    const c = classify(model, {
      title: "Police dismantle smuggling network",
      description: "The smugglers charged migrants thousands of euros for boat crossings.",
    });
    expect(c.themes).toEqual(["trafficking-smuggling"]);
    expect(c.matches[0]?.theme).toBe("trafficking-smuggling");
  });

  it("scores every theme in [0, 1], matches best first", () => {
    const c = classify(model, { title: "Frontex border guards", description: "Border surveillance at the external border." });
    expect(Object.keys(c.scores).sort()).toEqual(SMALL_THEMES.map((t) => t.id).sort());
    for (const s of Object.values(c.scores)) expect(s >= 0 && s <= 1).toBe(true);
    const scores = c.matches.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const m of c.matches) expect(ThemeMatchSchema.safeParse(m).success).toBe(true);
  });

  it("explains a score exactly: parts sum to it, term contributions sum to the keyword part", () => {
    const c = classify(model, {
      title: "Deportation flights resume",
      summary: "Assisted voluntary return and reintegration support for returnees.",
    });
    const m = match(c, "return-reintegration");
    const parts = m.evidence.parts;
    expect(parts.keywords + parts.centroid + parts.nearest).toBeCloseTo(m.score, 5);
    const sum = m.evidence.matchedTerms.reduce((a, t) => a + (t.contribution ?? 0), 0);
    expect(sum).toBeCloseTo(parts.keywords, 4);
    expect(m.evidence.matchedTerms).toContainEqual(expect.objectContaining({ term: "deportation", field: "title", count: 1 }));
    expect(m.evidence.matchedTerms).toContainEqual(expect.objectContaining({ term: "assisted voluntary return", field: "summary" }));
    expect(m.evidence.topTerms.length).toBeGreaterThan(0);
    const text = "deportation flights resume assisted voluntary return and reintegration support for returnees";
    for (const term of m.evidence.topTerms) expect(text).toContain(term.term);
    expect(m.evidence.nearest[0]?.id).toMatch(/^(doc-return|ex-ret)$/);
    expect(m.threshold).toBe(0.3);
    expect(m.passed).toBe(true);
  });

  it("weights the title above the body", () => {
    const inTitle = classify(model, { title: "Deportation", text: "A report on the economy." });
    const inBody = classify(model, { title: "A report on the economy", text: "Deportation." });
    expect(inTitle.scores["return-reintegration"]).toBeGreaterThan(inBody.scores["return-reintegration"] as number);
  });

  it("reads description as summary and content as text, and strips HTML", () => {
    const a = classify(model, { title: "x", description: "<p>Dublin <b>transfer</b></p>", content: "smugglers" });
    const b = classify(model, { title: "x", summary: "Dublin transfer", text: "smugglers" });
    expect(a.scores).toEqual(b.scores);
    expect(match(a, "secondary-movements").evidence.matchedTerms).toContainEqual(
      expect.objectContaining({ term: "dublin transfer", field: "summary" }),
    );
  });

  describe("look-alikes do not fire a theme on their own", () => {
    it.each([
      ["Customs seize cocaine in drug trafficking case", "trafficking-smuggling"],
      ["Wildlife trafficking: ivory seized at the port", "trafficking-smuggling"],
      ["What is the real return on investment of heat pumps?", "return-reintegration"],
      ["Self-employed urged to file their tax return early", "return-reintegration"],
      ["Flights delayed at Dublin airport as storms hit Ireland", "secondary-movements"],
      ["Carbon border tax enters its definitive phase", "border-management"],
    ])("%s", (title, theme) => {
      const c = classify(model, { title });
      expect(c.themes).not.toContain(theme);
    });

    it("because of the exclusions (without them the same titles fire)", () => {
      const noExclusions = withThemes(model, SMALL_THEMES.map((t) => ({ ...t, exclusions: [] })));
      expect(classify(noExclusions, { title: "Customs seize cocaine in drug trafficking case" }).themes).toContain("trafficking-smuggling");
      expect(classify(noExclusions, { title: "What is the real return on investment of heat pumps?" }).themes).toContain(
        "return-reintegration",
      );
    });

    it("while the real thing does", () => {
      expect(classify(model, { title: "Human trafficking ring dismantled" }).themes).toContain("trafficking-smuggling");
      expect(classify(model, { title: "Dublin transfer to Croatia blocked" }).themes).toContain("secondary-movements");
      expect(classify(model, { title: "Deportation of rejected asylum seekers" }).themes).toContain("return-reintegration");
    });
  });

  it("requires a context term for themes that declare one", () => {
    const c = classify(model, { title: "Border surveillance drones watch bird migration" });
    const m = match(c, "border-management");
    expect(m.score).toBeGreaterThan(0.3);
    expect(m.evidence.gate).toBe("no-context");
    expect(c.themes).not.toContain("border-management");
    expect(classify(model, { title: "Border surveillance drones watch migrants" }).themes).toContain("border-management");
  });

  it("caps the themes at maxThemes and allows none", () => {
    const item = {
      title: "Frontex border guards, smugglers and deportation under the Dublin regulation",
      description: "Human trafficking, assisted voluntary return and Dublin transfers at the external border.",
    };
    const loose = withThemes(model, SMALL_THEMES.map((t) => ({ ...t, threshold: 0.05 })));
    expect(classify(loose, item, { maxThemes: 2 }).themes).toHaveLength(2);
    const all = classify(loose, item, { maxThemes: 4 });
    expect(all.themes.length).toBeGreaterThanOrEqual(3);
    expect(all.matches.filter((m) => m.passed).map((m) => m.theme)).toEqual(all.themes);
    expect(classify(model, { title: "Ministers discuss the energy budget" }).themes).toEqual([]);
  });

  it("applies per-theme thresholds", () => {
    const item = { title: "Smugglers and deportation" };
    const base = classify(model, item);
    expect(base.themes).toEqual(expect.arrayContaining(["trafficking-smuggling", "return-reintegration"]));
    const strict = withThemes(
      model,
      SMALL_THEMES.map((t) => (t.id === "return-reintegration" ? { ...t, threshold: 0.99 } : t)),
    );
    const c = classify(strict, item);
    expect(c.themes).toContain("trafficking-smuggling");
    expect(c.themes).not.toContain("return-reintegration");
    expect(match(c, "return-reintegration").score).toBe(base.scores["return-reintegration"]);
  });

  it("drops secondary themes far below the best one (relative cut)", () => {
    const item = { title: "Human trafficking and migrant smuggling networks exploit victims", text: "Return." };
    const loose = withThemes(model, SMALL_THEMES.map((t) => ({ ...t, threshold: 0.01 })));
    const c = classify(loose, item);
    const best = c.matches[0]?.score as number;
    for (const m of c.matches) if (m.passed) expect(m.score).toBeGreaterThanOrEqual(0.6 * best - 1e-9);
  });

  it("gives full evidence only where asked", () => {
    const item = { title: "Smugglers and deportation" };
    const passedOnly = classify(model, item, { explain: "passed", maxThemes: 1 });
    const first = passedOnly.matches[0] as ClassifiedMatch;
    expect(first.evidence.matchedTerms.length).toBeGreaterThan(0);
    for (const m of passedOnly.matches.slice(1)) expect(m.evidence.matchedTerms).toEqual([]);
    expect(passedOnly.scores).toEqual(classify(model, item).scores);
  });

  it("handles empty input", () => {
    const c = classify(model, {});
    expect(c.themes).toEqual([]);
    expect(Object.values(c.scores).every((s) => s === 0)).toBe(true);
  });
});

describe("soft context gate", () => {
  it("multiplies the score instead of blocking when contextFactor > 0", () => {
    const soft = train(SMALL_CORPUS, SMALL_THEMES, { scoring: { contextFactor: 0.5 } });
    const item = { title: "Border surveillance drones watch bird migration" };
    const hard = match(classify(model, item), "border-management");
    const m = match(classify(soft, item), "border-management");
    expect(m.evidence.gate).toBeUndefined();
    expect(m.score).toBeCloseTo(hard.score * 0.5, 5);
    expect(m.evidence.parts.keywords + m.evidence.parts.centroid + m.evidence.parts.nearest).toBeCloseTo(m.score, 5);
  });
});
