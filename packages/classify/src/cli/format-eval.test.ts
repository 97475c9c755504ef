import { describe, expect, it } from "vitest";
import { formatTable } from "./format-eval";

describe("formatTable", () => {
  it("left-aligns the first column, right-aligns the rest, underlines the header", () => {
    expect(formatTable(["theme", "n"], [["a", "10"], ["longer-theme", "2"]])).toBe(
      ["theme          n", "------------  --", "a             10", "longer-theme   2"].join("\n"),
    );
  });

  it("left-aligns as many leading text columns as asked", () => {
    expect(formatTable(["gold", "predicted", "count"], [["a", "bb", "3"]], 2)).toBe(
      ["gold  predicted  count", "----  ---------  -----", "a     bb             3"].join("\n"),
    );
  });
});
