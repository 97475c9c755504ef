import { describe, expect, it } from "vitest";
import { parseItemLine, parseLabelledLine } from "./items";

describe("parseItemLine", () => {
  it("keeps the id and every text field, ignores unknown fields", () => {
    const parsed = parseItemLine(
      JSON.stringify({ id: 7, title: "T", summary: "S", description: "<p>D</p>", text: "X", content: "C", extra: [1] }),
    );
    expect(parsed).toEqual({
      ok: true,
      item: { id: 7, title: "T", summary: "S", description: "<p>D</p>", text: "X", content: "C" },
    });
  });

  it("accepts an item without an id, and treats null fields as absent", () => {
    expect(parseItemLine('{"title": "Frontex", "summary": null}')).toEqual({ ok: true, item: { title: "Frontex" } });
  });

  it.each([
    ["{not json", /^invalid JSON: /],
    ["[1, 2]", /^expected a JSON object, got an array$/],
    ["null", /^expected a JSON object, got null$/],
    ['"text"', /^expected a JSON object, got a string$/],
    ['{"id": true, "title": "T"}', /^"id" must be a string or a number, got boolean$/],
    ['{"id": {"a": 1}, "title": "T"}', /^"id" must be a string or a number, got object$/],
  ])("rejects %s", (line, message) => {
    const parsed = parseItemLine(line);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it("rejects an item with no text, keeping its id for the error line", () => {
    expect(parseItemLine('{"id": "a", "title": "  ", "description": "<p>&nbsp;</p>"}')).toEqual({
      ok: false,
      id: "a",
      error: "no text: expected a non-empty title, summary, description, text, content",
    });
  });

  it("rejects a text field that is not a string", () => {
    expect(parseItemLine('{"id": 3, "title": ["a"]}')).toEqual({ ok: false, id: 3, error: '"title" must be a string, got object' });
  });
});

describe("parseLabelledLine", () => {
  it("reads gold themes, dropping duplicates; an empty list means no theme", () => {
    expect(parseLabelledLine('{"id": "x", "title": "T", "themes": ["a", "b", "a"]}')).toEqual({
      ok: true,
      item: { id: "x", title: "T", themes: ["a", "b"] },
    });
    expect(parseLabelledLine('{"title": "T", "themes": []}')).toEqual({ ok: true, item: { title: "T", themes: [] } });
  });

  it("rejects missing or malformed themes", () => {
    expect(parseLabelledLine('{"id": "x", "title": "T"}')).toEqual({ ok: false, id: "x", error: '"themes" must be an array of theme ids' });
    expect(parseLabelledLine('{"title": "T", "themes": [1]}')).toEqual({ ok: false, error: '"themes" must hold only strings' });
  });
});
