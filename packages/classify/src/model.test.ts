import { describe, expect, it } from "vitest";
import { SMALL_CORPUS, SMALL_THEMES } from "./__fixtures__/small";
import { classify } from "./classify";
import { addDocuments, missingExemplars, train, withThemes } from "./model";
import { serializeModel } from "./serialize";

const items = [
  { title: "Smugglers arrested", description: "A smuggling network charged migrants for crossings." },
  { title: "Dublin transfers halted", description: "Courts stop transfers under the Dublin regulation." },
  { title: "Frontex border guards deployed" },
  { title: "Returnees receive reintegration grants", text: "Voluntary return programme expanded." },
];

describe("train", () => {
  it("uses curator labels (not classifier labels) and theme exemplar texts as exemplars", () => {
    const model = train(SMALL_CORPUS, SMALL_THEMES);
    expect(model.stats).toEqual(expect.objectContaining({ documents: 5, exemplars: 4 + 2 }));
    const c = classify(model, { title: "Frontex border guards", description: "Border surveillance at the border." });
    const trafficking = c.matches.find((m) => m.theme === "trafficking-smuggling");
    expect(trafficking?.evidence.nearest.map((n) => n.id)).not.toContain("doc-border");
  });

  it("reports exemplar ids it does not hold", () => {
    const model = train(SMALL_CORPUS, [{ ...SMALL_THEMES[0], id: "x", label: "x", exemplarIds: ["doc-other", "nope"] }]);
    expect(missingExemplars(model)).toEqual([{ theme: "x", id: "nope" }]);
  });

  it("rejects invalid themes and documents", () => {
    expect(() => train(SMALL_CORPUS, [{ id: "Not Kebab", label: "x" }])).toThrow(/themes\[0\]\.id/);
    expect(() => train([{ title: "no id" } as never], SMALL_THEMES)).toThrow(/id/);
  });

  it("is immutable: returned models are frozen", () => {
    const model = train(SMALL_CORPUS, SMALL_THEMES);
    expect(Object.isFrozen(model)).toBe(true);
    expect(Object.isFrozen(model.themes)).toBe(true);
  });
});

describe("addDocuments", () => {
  it("gives the same model as training on all documents at once", () => {
    const all = train(SMALL_CORPUS, SMALL_THEMES);
    const stepwise = addDocuments(train(SMALL_CORPUS.slice(0, 2), SMALL_THEMES), SMALL_CORPUS.slice(2));
    expect(serializeModel(stepwise)).toBe(serializeModel(all));
    for (const item of items) expect(classify(stepwise, item).scores).toEqual(classify(all, item).scores);
  });

  it("skips documents whose id was already counted and leaves the original model unchanged", () => {
    const model = train(SMALL_CORPUS, SMALL_THEMES);
    const before = serializeModel(model);
    const again = addDocuments(model, [{ ...SMALL_CORPUS[0], title: "changed" } as (typeof SMALL_CORPUS)[number]]);
    expect(serializeModel(again)).toBe(before);
    const more = addDocuments(model, [{ id: "doc-new", kind: "news-item", title: "Frontex border guards at the border" }]);
    expect(more.stats.documents).toBe(6);
    expect(serializeModel(model)).toBe(before);
  });

  it("turns a newly labelled document into an exemplar", () => {
    const model = train(SMALL_CORPUS, SMALL_THEMES);
    const more = addDocuments(model, [
      { id: "doc-new", kind: "news-item", title: "Relocation pledges", text: "Relocation of asylum seekers between states.", themes: [{ theme: "secondary-movements", by: "curator" }] },
    ]);
    expect(more.stats.exemplars).toBe(model.stats.exemplars + 1);
  });
});

describe("withThemes", () => {
  it("keeps the corpus statistics and replaces the themes", () => {
    const model = train(SMALL_CORPUS, SMALL_THEMES);
    const two = withThemes(model, SMALL_THEMES.slice(0, 2));
    expect(two.themes.map((t) => t.id)).toEqual(["trafficking-smuggling", "return-reintegration"]);
    expect(two.stats.documents).toBe(model.stats.documents);
    expect(Object.keys(classify(two, items[0] as (typeof items)[number]).scores)).toHaveLength(2);
    // Same themes again: same scores as the original model.
    const back = withThemes(two, SMALL_THEMES);
    for (const item of items) expect(classify(back, item).scores).toEqual(classify(model, item).scores);
  });

  it("can name kept corpus documents as exemplars of a new theme", () => {
    const model = train(SMALL_CORPUS, SMALL_THEMES, { keepDocuments: "all" });
    const next = withThemes(model, [
      { id: "council-meetings", label: "Council meetings", keywords: [{ term: "council", weight: 2 }], exemplarIds: ["doc-other"] },
    ]);
    expect(missingExemplars(next)).toEqual([]);
    const c = classify(next, { title: "Council meeting on budgets" });
    expect(c.matches[0]?.evidence.nearest[0]?.id).toBe("doc-other");
  });
});
