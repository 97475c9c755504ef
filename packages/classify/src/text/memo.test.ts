import { afterEach, describe, expect, it } from "vitest";
import { SMALL_CORPUS, SMALL_THEMES } from "../__fixtures__/small";
import { classify } from "../classify";
import { addDocuments, train } from "../model";
import { serializeModel } from "../serialize";
import { memoEpoch, setMemoCapacity } from "./memo";
import { tokenize } from "./tokenize";

const filler = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `zq${tag}${i.toString(36)}x`).join(" ");

describe("memo restart", () => {
  let old = 0;
  afterEach(() => {
    setMemoCapacity(old);
  });

  it("keeps tokens, scores and training identical across memo restarts", () => {
    const item = { title: "Smugglers arrested at the border", description: "Dublin transfers and deportation flights." };
    const model = train(SMALL_CORPUS, SMALL_THEMES);
    const before = classify(model, item);
    const tokensBefore = tokenize(`${item.title} ${item.description}`);
    old = setMemoCapacity(50);
    const epoch = memoEpoch();
    // An item with more new words than the capacity: the memo overshoots during the call and
    // restarts before the next one (never in the middle of an item).
    const noisy = classify(model, { ...item, text: filler(400, "a") });
    expect(noisy.themes.length).toBeGreaterThan(0);
    expect(classify(model, item)).toEqual(before);
    expect(memoEpoch()).toBeGreaterThan(epoch);
    const after = tokenize(`${item.title} ${item.description}`);
    expect(after.words).toEqual(tokensBefore.words);
    expect(after.stems).toEqual(tokensBefore.stems);
    // Training across restarts gives the same model as without.
    const docs = [...SMALL_CORPUS, { id: "noise", kind: "news-item" as const, title: "noise", text: filler(300, "b") }];
    const a = serializeModel(addDocuments(train(SMALL_CORPUS, SMALL_THEMES), docs.slice(-1)));
    setMemoCapacity(old);
    const b = serializeModel(addDocuments(train(SMALL_CORPUS, SMALL_THEMES), docs.slice(-1)));
    expect(a).toBe(b);
  });
});
