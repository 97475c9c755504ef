import { describe, expect, it } from "vitest";
import { parseOptions, parsePositiveInt, requireOption, wantsHelp } from "./args";
import { UsageError } from "./types";

const options = { model: { type: "string" }, json: { type: "boolean" } } as const;

describe("parseOptions", () => {
  it("returns the values", () => {
    expect(parseOptions(["--model", "m.json", "--json"], options)).toEqual({ model: "m.json", json: true });
  });

  it.each([
    [["--nope"], "unknown option '--nope'"],
    [["--model"], "option '--model <value>' argument missing"],
    [["stray"], "unexpected argument 'stray'. This command does not take positional arguments"],
  ])("turns %j into a one-line usage error", (args, message) => {
    expect(() => parseOptions(args, options)).toThrow(new UsageError(message));
  });
});

describe("parsePositiveInt / requireOption / wantsHelp", () => {
  it("parses whole numbers >= 1 and falls back when absent", () => {
    expect(parsePositiveInt("5", "--n", 3)).toBe(5);
    expect(parsePositiveInt(undefined, "--n", 3)).toBe(3);
    for (const bad of ["0", "-1", "2.5", "x", ""]) expect(() => parsePositiveInt(bad, "--n", 3)).toThrow(UsageError);
  });

  it("requires a non-empty value", () => {
    expect(requireOption("f", "--corpus")).toBe("f");
    expect(() => requireOption(undefined, "--corpus")).toThrow("missing required option --corpus");
  });

  it("spots -h and --help anywhere", () => {
    expect(wantsHelp(["--model", "x", "-h"])).toBe(true);
    expect(wantsHelp(["--model", "x"])).toBe(false);
  });
});
