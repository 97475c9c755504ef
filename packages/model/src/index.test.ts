import { afterEach, describe, expect, it, vi } from "vitest";

describe("package entry", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.resetModules();
  });

  it("prints nothing and does no work on import", async () => {
    const calls: string[] = [];
    for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        calls.push(`${method}: ${args.map(String).join(" ")}`);
      });
    }
    const stdout = vi.spyOn(process.stdout, "write");
    const stderr = vi.spyOn(process.stderr, "write");
    vi.resetModules();
    const model = await import("./index");
    // Use the helpers once too: the converter is compiled lazily on first use.
    model.htmlToText("<p>x</p>");
    model.fromFeedItem({ title: "T", pubDate: "never" }, { id: "f" });
    expect(calls).toEqual([]);
    expect(stdout).not.toHaveBeenCalled();
    expect(stderr).not.toHaveBeenCalled();
  });

  it("exports the documented helpers", async () => {
    const model = await import("./index");
    for (const name of ["canonicalUrl", "documentId", "urlKey", "isTrustworthyGuid", "contentHash", "htmlToText", "toIsoDateTime", "fromFeedItem", "parseCorpusJsonl", "parseJsonLines", "formatRecordErrors", "formatFieldPath"] as const) {
      expect(typeof model[name]).toBe("function");
    }
  });
});
