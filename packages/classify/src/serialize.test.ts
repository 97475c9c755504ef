import { describe, expect, it } from "vitest";
import { SMALL_CORPUS, SMALL_THEMES } from "./__fixtures__/small";
import { classify } from "./classify";
import { ModelFormatError } from "./errors";
import { addDocuments, FORMAT_VERSION, train } from "./model";
import { decodeUint32, encodeUint32 } from "./codec";
import { isCanonicalHead } from "./file-check";
import { deserializeModel, MODEL_FORMAT, serializeModel } from "./serialize";
import { modelPackage } from "./deps";

const model = train(SMALL_CORPUS, SMALL_THEMES);
const json = serializeModel(model);
const items = [
  { title: "Smugglers arrested", description: "A smuggling network charged migrants for crossings." },
  { title: "Dublin transfers halted" },
  { title: "Ministers meet", text: "Budget talks." },
];

/** The base64 integers `b64` with the first one replaced. */
function withFirst(b64: string, value: number): string {
  const values = decodeUint32(b64) as Uint32Array;
  values[0] = value;
  return encodeUint32(values);
}

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

  it("round-trips with identical scores and evidence for every theme", () => {
    const back = deserializeModel(serializeModel(deserializeModel(json)));
    const more = [...items, { title: "Border guards and Frontex", description: "Returns, readmission and reintegration support." }];
    for (const item of more) {
      expect(classify(back, item, { explain: "all" })).toEqual(classify(model, item, { explain: "all" }));
      expect(classify(back, item)).toEqual(classify(model, item));
    }
  });

  it("loads settings and themes written without their defaults (checked by zod)", () => {
    const text = mutate((d) => {
      const theme = (d.themes as Record<string, unknown>[])[0]!;
      delete theme.scopeNote;
      delete (d.scoring as Record<string, unknown>).contextFactor;
    });
    expect(isCanonicalHead(JSON.parse(text) as Record<string, unknown>)).toBe(false);
    const back = deserializeModel(text);
    expect(back.themes[0]!.scopeNote).toBe("");
    expect(back.scoring.contextFactor).toBe(0);
  });

  it("takes the fast path (no zod) only for settings and themes zod returns unchanged", () => {
    const data = JSON.parse(json) as Record<string, unknown>;
    expect(isCanonicalHead(data)).toBe(true);
    const theme = (data.themes as Record<string, unknown>[])[0]!;
    const variants: [string, unknown][] = [
      ["id", "Bad Id"], ["label", ""], ["threshold", 1.5], ["threshold", "0.3"], ["keywords", [{ term: "x", weight: 11 }]],
      ["keywords", [{ term: "", weight: 1 }]], ["keywords", [{ term: "x" }]], ["phrases", "x"], ["exclusions", [""]],
      ["exemplarIds", [1]], ["exemplarTexts", [{ id: "a", title: "t" }]], ["context", [""]], ["contextExclusions", "x"],
    ];
    const schema = modelPackage().ThemeSchema;
    for (const [key, value] of variants) {
      const changed = { ...theme, [key]: value };
      const zodSame = schema.safeParse(changed);
      const fast = isCanonicalHead({ ...data, themes: [changed] });
      // Fast path accepted => zod accepts and returns the same object.
      if (fast) expect(zodSame.success && JSON.stringify(zodSame.data) === JSON.stringify(changed)).toBe(true);
      else expect(key).toBeTruthy();
    }
    expect(isCanonicalHead({ ...data, scoring: { ...(data.scoring as object), extra: 1 } })).toBe(false);
    expect(isCanonicalHead({ ...data, keepDocuments: "some" })).toBe(false);
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
    ["another format version", mutate((d) => (d.formatVersion = 99)), new RegExp(`format version 99 is not supported.*reads version ${FORMAT_VERSION}`)],
    ["a version 1 file", mutate((d) => (d.formatVersion = 1)), /format version 1 is not supported: .*retrain the model/],
    ["a missing version", mutate((d) => delete d.formatVersion), /format version undefined is not supported/],
    ["an invalid theme", mutate((d) => ((d.themes as { id: string }[])[0]!.id = "Bad Id")), /invalid model: themes\.0\.id/],
    ["an invalid scoring setting", mutate((d) => ((d.scoring as { saturation: number }).saturation = -1)), /invalid model: scoring\.saturation/],
    ["document frequencies that are not base64", mutate((d) => ((d.corpus as { df: string }).df = "-1,2")), /invalid model: corpus\.df: expected base64/],
    ["a document frequency above the document count", mutate((d) => ((d.corpus as { df: string }).df = withFirst((d.corpus as { df: string }).df, 1e6))), /invalid model: corpus\.df\.0 is larger/],
    ["inconsistent arrays", mutate((d) => ((d.corpus as { vocab: string }).vocab = (d.corpus as { vocab: string }).vocab.split("\n").slice(1).join("\n"))), /invalid model: corpus\.df has/],
    ["pool lengths that do not add up", mutate((d) => ((d.pool as { lengths: string }).lengths = withFirst((d.pool as { lengths: string }).lengths, 1e6))), /invalid model: pool: lengths add up/],
    ["a term id outside the vocabulary", mutate((d) => ((d.pool as { terms: string }).terms = withFirst((d.pool as { terms: string }).terms, 1e6))), /outside the vocabulary/],
    ["a pool title that is not a string", mutate((d) => ((d.pool as { titles: unknown[] }).titles[0] = 3)), /invalid model: pool\.titles\.0: expected a string/],
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

describe("codec", () => {
  it("round-trips unsigned 32-bit integers and rejects what is not an encoding", () => {
    const values = [0, 1, 127, 128, 300, 16383, 16384, 2 ** 21, 2 ** 28 - 1, 2 ** 31, 2 ** 32 - 1];
    expect(Array.from(decodeUint32(encodeUint32(values)) as Uint32Array)).toEqual(values);
    expect(Array.from(decodeUint32(encodeUint32([])) as Uint32Array)).toEqual([]);
    expect(decodeUint32("not base64!")).toBeUndefined();
    expect(decodeUint32(12)).toBeUndefined();
    // A varint that never ends, and one above 2^32 - 1.
    expect(decodeUint32(Buffer.from([0x80, 0x80]).toString("base64"))).toBeUndefined();
    expect(decodeUint32(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x7f]).toString("base64"))).toBeUndefined();
  });
});
