import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatFieldPath, formatRecordErrors, parseCorpusJsonl, parseJsonLines } from "./corpus-file";

const record = (fields: Record<string, unknown>) => JSON.stringify({ id: "doc-1", kind: "policy-paper", title: "A title", ...fields });

describe("parseCorpusJsonl", () => {
  it("parses valid lines, applies defaults and keeps unknown extra fields", () => {
    const text = [record({ extra: { from: "newer writer" }, authors: [{ name: "A", orcid: "0000" }] }), ""].join("\n");
    const { documents, errors } = parseCorpusJsonl(text);
    expect(errors).toEqual([]);
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({ language: "en", keywords: [], themes: [], extra: { from: "newer writer" }, authors: [{ name: "A", orcid: "0000" }] });
  });

  it.each([
    ["an invalid date", { publishedAt: "25/11/2025" }, "publishedAt"],
    ["an author without a name", { authors: [{ affiliation: "ICMPD" }] }, "authors[0].name"],
    ["a second bad author", { authors: [{ name: "ok" }, { name: "" }] }, "authors[1].name"],
    ["a bad theme id", { themes: [{ theme: "Border Control", by: "curator" }] }, "themes[0].theme"],
    ["a bad provenance URL", { provenance: { sourceUrl: "not a url" } }, "provenance.sourceUrl"],
    ["an id with a colon", { id: "doc:1" }, "id"],
    ["an all-digit id", { id: "12345" }, "id"],
    ["an unknown kind", { kind: "blog" }, "kind"],
    ["an empty title", { title: "" }, "title"],
  ])("reports %s with its field path", (_name, fields, field) => {
    const { documents, errors } = parseCorpusJsonl(`${record({ id: "ok-1" })}\n${record(fields)}\n`);
    expect(documents.map((d) => d.id)).toEqual(["ok-1"]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 2, field });
    expect(errors[0]?.message.length).toBeGreaterThan(0);
  });

  it("reports every issue of a record, bad JSON per line, and continues", () => {
    const text = [
      "",
      "{not json",
      record({ id: "a", publishedAt: "x", authors: [{}] }),
      "   ",
      "[1, 2]",
      record({ id: "b" }),
    ].join("\r\n");
    const { documents, errors } = parseCorpusJsonl(text);
    expect(documents.map((d) => d.id)).toEqual(["b"]);
    expect(errors.map((e) => `${e.line} ${e.field}`)).toEqual(["2 (line)", "3 authors[0].name", "3 publishedAt", "5 (record)"]);
  });

  it("reports a duplicate id on the later line and keeps the first record", () => {
    const text = [record({ id: "a", title: "first" }), record({ id: "b" }), record({ id: "a", title: "second" })].join("\n");
    const { documents, errors } = parseCorpusJsonl(text);
    expect(documents.map((d) => d.title)).toEqual(["first", "A title"]);
    expect(errors).toEqual([{ line: 3, field: "id", message: 'duplicate id "a" (first on line 1); record skipped' }]);
  });

  it("skips a byte-order mark and an empty file", () => {
    expect(parseCorpusJsonl(`\uFEFF${record({})}`).documents).toHaveLength(1);
    expect(parseCorpusJsonl("")).toEqual({ documents: [], errors: [] });
  });
});

describe("parseJsonLines", () => {
  it("works with any schema", () => {
    const schema = z.object({ n: z.number() });
    expect(parseJsonLines('{"n":1}\n{"n":"2"}\n', schema)).toEqual({
      records: [{ n: 1 }],
      errors: [{ line: 2, field: "n", message: expect.any(String) }],
    });
  });
});

describe("formatting", () => {
  it.each([
    [[], "(record)"],
    [["publishedAt"], "publishedAt"],
    [["authors", 0, "name"], "authors[0].name"],
    [["provenance", "feeds", 2], "provenance.feeds[2]"],
    [["identifiers", "weird key"], 'identifiers["weird key"]'],
  ])("path %j → %s", (path, expected) => {
    expect(formatFieldPath(path)).toBe(expected);
  });

  it("renders file:line: field: message lines", () => {
    const errors = [
      { line: 3, field: "publishedAt", message: "Invalid ISO datetime" },
      { line: 7, field: "(line)", message: "not valid JSON" },
    ];
    expect(formatRecordErrors(errors, "corpus/documents.jsonl")).toBe(
      "corpus/documents.jsonl:3: publishedAt: Invalid ISO datetime\ncorpus/documents.jsonl:7: (line): not valid JSON",
    );
    expect(formatRecordErrors(errors.slice(0, 1))).toBe("line 3: publishedAt: Invalid ISO datetime");
    expect(formatRecordErrors([])).toBe("");
  });
});
