import { describe, expect, it } from "vitest";
import { SMALL_CORPUS, SMALL_THEMES } from "./__fixtures__/small";
import { classify } from "./classify";
import { ModelFormatError } from "./errors";
import { addDocuments, FORMAT_VERSION, train } from "./model";
import { deserializeModel, MODEL_FORMAT, serializeModel } from "./serialize";

const model = train(SMALL_CORPUS, SMALL_THEMES);
const json = serializeModel(model);
const items = [
  { title: "Smugglers arrested", description: "A smuggling network charged migrants for crossings." },
  { title: "Dublin transfers halted" },
  { title: "Ministers meet", text: "Budget talks." },
];

function mutate(f: (data: Record<string, unknown>) => void): string {
  const data = JSON.parse(json) as Record<string, unknown>;
  f(data);
  return JSON.stringify(data);
}

describe("serializeModel / deserializeModel", () => {
  it("round-trips to a model that scores the same", () => {
    const back = deserializeModel(json, "test");
    expect(back.formatVersion).toBe(FORMAT_VERSION);
    expect(back.themes).toEqual(model.themes);
    for (const item of items) expect(classify(back, item)).toEqual(classify(model, item));
    expect(serializeModel(back)).toBe(json);
  });

  it("writes a versioned, recognisable file", () => {
    const data = JSON.parse(json) as { format: string; formatVersion: number };
    expect(data.format).toBe(MODEL_FORMAT);
    expect(data.formatVersion).toBe(FORMAT_VERSION);
  });

  it("keeps supporting addDocuments after a round trip", () => {
    const doc = { id: "doc-new", kind: "news-item" as const, title: "Frontex border guards" };
    expect(serializeModel(addDocuments(deserializeModel(json), [doc]))).toBe(serializeModel(addDocuments(model, [doc])));
  });

  it.each([
    ["corrupt JSON", json.slice(0, 100), /models\/x\.json: not valid JSON/],
    ["another JSON file", '{"hello": 1}', /not a @corpus\/classify model/],
    ["a JSON array", "[]", /not a @corpus\/classify model/],
    ["another format version", mutate((d) => (d.formatVersion = 99)), /format version 99 is not supported.*reads version 1/],
    ["a missing version", mutate((d) => delete d.formatVersion), /format version undefined is not supported/],
    ["an invalid theme", mutate((d) => ((d.themes as { id: string }[])[0]!.id = "Bad Id")), /invalid model: themes\.0\.id/],
    ["a negative document frequency", mutate((d) => ((d.corpus as { df: number[] }).df[0] = -1)), /invalid model: corpus\.df\.0/],
    ["inconsistent arrays", mutate((d) => (d.corpus as { df: number[] }).df.pop()), /invalid model: corpus\.df has/],
    ["a term id outside the vocabulary", mutate((d) => ((d.pool as { terms: number[] }[])[0]!.terms[0] = 1e6)), /outside the vocabulary/],
  ])("rejects %s with a ModelFormatError naming the source", (_, text, message) => {
    let error: unknown;
    try {
      deserializeModel(text, "models/x.json");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ModelFormatError);
    expect((error as ModelFormatError).name).toBe("ModelFormatError");
    expect((error as ModelFormatError).source).toBe("models/x.json");
    expect((error as Error).message).toMatch(/^\[classify\] models\/x\.json: /);
    expect((error as Error).message).toMatch(message);
  });
});
