import { describe, expect, it } from "vitest";
import { SMALL_CORPUS, SMALL_THEMES } from "./__fixtures__/small";
import { evaluate, evaluatePredictions, ratios } from "./evaluate";
import { train } from "./model";

describe("ratios (zero denominators)", () => {
  it.each([
    [2, 1, 1, 2 / 3, 2 / 3, 2 / 3],
    [0, 0, 0, 1, 1, 1], // never predicted, no support: nothing claimed, nothing missed
    [0, 0, 3, 0, 0, 0], // never predicted but has support
    [0, 2, 0, 0, 0, 0], // predicted, no support
    [3, 0, 0, 1, 1, 1],
  ])("tp=%i fp=%i fn=%i", (tp, fp, fn, p, r, f) => {
    const x = ratios(tp, fp, fn);
    expect(x.precision).toBeCloseTo(p, 10);
    expect(x.recall).toBeCloseTo(r, 10);
    expect(x.f1).toBeCloseTo(f, 10);
  });
});

describe("evaluatePredictions", () => {
  // Hand-computed:
  //   item 1 gold [a, b] pred [a]     -> a tp, b fn
  //   item 2 gold [b]    pred [b, c]  -> b tp, c fp
  //   item 3 gold []     pred []      -> no theme predicted
  //   item 4 gold [c]    pred [a]     -> c fn, a fp; confusion c -> a
  // a: support 1, predicted 2, tp 1 -> P 1/2, R 1, F1 2/3
  // b: support 2, predicted 1, tp 1 -> P 1, R 1/2, F1 2/3
  // c: support 1, predicted 1, tp 0 -> P 0, R 0, F1 0
  // d: support 0, predicted 0       -> P 1, R 1, F1 1 (not in the macro mean)
  // micro: tp 2, fp 2, fn 2 -> P R F1 = 1/2
  const ev = evaluatePredictions(
    [["a", "b"], ["b"], [], ["c"]],
    [["a"], ["b", "c"], [], ["a"]],
    ["a", "b", "c", "d"],
  );

  it("per theme", () => {
    expect(ev.perTheme.a).toEqual({ support: 1, predicted: 2, tp: 1, fp: 1, fn: 0, precision: 0.5, recall: 1, f1: 2 / 3 });
    expect(ev.perTheme.b).toEqual({ support: 2, predicted: 1, tp: 1, fp: 0, fn: 1, precision: 1, recall: 0.5, f1: 2 / 3 });
    expect(ev.perTheme.c).toEqual({ support: 1, predicted: 1, tp: 0, fp: 1, fn: 1, precision: 0, recall: 0, f1: 0 });
    expect(ev.perTheme.d).toEqual({ support: 0, predicted: 0, tp: 0, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
  });

  it("micro and macro (over themes with support)", () => {
    expect(ev.micro).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(ev.macro.precision).toBeCloseTo(1.5 / 3, 10);
    expect(ev.macro.recall).toBeCloseTo(1.5 / 3, 10);
    expect(ev.macro.f1).toBeCloseTo(4 / 9, 10);
  });

  it("items, no-theme share and confusions", () => {
    expect(ev.items).toBe(4);
    expect(ev.noThemeShare).toBe(0.25);
    expect(ev.confusions).toEqual([{ gold: "c", predicted: "a", count: 1 }]);
  });

  it("adds gold themes the model does not know", () => {
    const e = evaluatePredictions([["zz"]], [[]], ["a"]);
    expect(e.perTheme.zz).toEqual(expect.objectContaining({ support: 1, recall: 0 }));
  });

  it("ranking figures", () => {
    const e = evaluatePredictions([["a"], ["b", "c"], []], [[], [], []], [], [["a", "b"], ["x", "c", "b"], ["a"]]);
    expect(e.precisionAt1).toBe(0.5);
    expect(e.recallAt3).toBe(1);
  });

  it("rejects lists of different lengths", () => {
    expect(() => evaluatePredictions([[]], [])).toThrow(RangeError);
  });
});

describe("evaluate", () => {
  it("classifies the items and compares with their gold themes", () => {
    const model = train(SMALL_CORPUS, SMALL_THEMES);
    const ev = evaluate(model, [
      { title: "Human trafficking network dismantled", themes: ["trafficking-smuggling"] },
      { title: "Dublin transfer to Croatia blocked", themes: ["secondary-movements"] },
      { title: "Energy prices rise", themes: [] },
    ]);
    expect(ev.items).toBe(3);
    expect(ev.micro.f1).toBe(1);
    expect(Object.keys(ev.perTheme).sort()).toEqual(SMALL_THEMES.map((t) => t.id).sort());
    expect(ev.noThemeShare).toBeCloseTo(1 / 3, 10);
  });
});
