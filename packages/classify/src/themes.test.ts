import { describe, expect, it } from "vitest";
import { ThemeFileError } from "./errors";
import { parseThemes } from "./themes";

const yaml = `
- id: border-management
  label: Borders
  keywords:
    - { term: frontex, weight: 3 }
  phrases: [{ term: border guards }]
  context: [migrants, asylum]
- id: return-reintegration
  label: Return
  threshold: 0.4
`;

describe("parseThemes", () => {
  it("reads YAML with defaults applied and extension fields kept", () => {
    const themes = parseThemes(yaml, "themes.yaml");
    expect(themes.map((t) => t.id)).toEqual(["border-management", "return-reintegration"]);
    expect(themes[0]?.phrases).toEqual([{ term: "border guards", weight: 1 }]);
    expect(themes[0]?.threshold).toBe(0.35);
    expect(themes[1]?.threshold).toBe(0.4);
    expect((themes[0] as unknown as { context: string[] }).context).toEqual(["migrants", "asylum"]);
  });

  it("reads JSON, and an object with a themes list", () => {
    const json = JSON.stringify({ themes: [{ id: "a-b", label: "AB", keywords: [{ term: "x", weight: 2 }] }] });
    expect(parseThemes(json)[0]?.keywords).toEqual([{ term: "x", weight: 2 }]);
  });

  it.each([
    ["invalid YAML", "- id: [unclosed", /themes\.yaml: invalid theme list:\n {2}not valid JSON or YAML/],
    ["not a list", "id: x", /expected a list of themes/],
    ["a bad id", "- { id: Bad Id, label: x }", /themes\[0\]\.id: theme id must be kebab-case/],
    ["a missing label", "- { id: a }\n- { id: b }", /themes\[0\]\.label:.*\n {2}themes\[1\]\.label:/],
    ["a bad weight", "- { id: a, label: A, keywords: [{ term: x, weight: 20 }] }", /themes\[0\]\.keywords\[0\]\.weight:/],
    ["a bad context", "- { id: a, label: A, context: [1] }", /themes\[0\]\.context\[0\]:/],
    ["a duplicate id", "- { id: a, label: A }\n- { id: a, label: B }", /themes\[1\]\.id: duplicate id "a" \(also themes\[0\]\)/],
  ])("rejects %s naming source, index and field", (_, text, message) => {
    let error: unknown;
    try {
      parseThemes(text, "themes.yaml");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ThemeFileError);
    expect((error as ThemeFileError).source).toBe("themes.yaml");
    expect((error as Error).message).toMatch(message);
  });
});
