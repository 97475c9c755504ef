import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_THEME_IDS } from "./default-themes";
import { ModelFormatError, ThemeFileError } from "./errors";
import { loadDefaultModel, loadDefaultThemes, loadModelFile, loadThemesFile } from "./load";
import { serializeModel } from "./serialize";

const dir = mkdtempSync(join(tmpdir(), "classify-load-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("loaders", () => {
  it("loads the default model once and shares it", async () => {
    const a = await loadDefaultModel();
    const b = await loadDefaultModel();
    expect(a).toBe(b);
    expect(a.themes.map((t) => t.id)).toEqual([...DEFAULT_THEME_IDS]);
    expect(a.stats.documents).toBeGreaterThanOrEqual(19);
  });

  it("loads the default themes (the documented example theme file)", async () => {
    const themes = await loadDefaultThemes();
    expect(themes.map((t) => t.id)).toEqual([...DEFAULT_THEME_IDS]);
    for (const t of themes) {
      expect(t.keywords.length + t.phrases.length).toBeGreaterThan(20);
      expect(t.threshold).toBeGreaterThan(0);
    }
    expect(await loadDefaultThemes()).not.toBe(themes);
  });

  it("loads a model file and names the path in errors", async () => {
    const path = join(dir, "model.json");
    writeFileSync(path, serializeModel(await loadDefaultModel()));
    expect((await loadModelFile(path)).themes).toHaveLength(16);
    writeFileSync(path, "{ not json");
    await expect(loadModelFile(path)).rejects.toThrow(ModelFormatError);
    await expect(loadModelFile(path)).rejects.toThrow(`${path}: not valid JSON`);
    await expect(loadModelFile(join(dir, "missing.json"))).rejects.toThrow(/missing\.json: cannot read file \(ENOENT\)/);
  });

  it("loads a theme file and names the path in errors", async () => {
    const path = join(dir, "themes.yaml");
    writeFileSync(path, "- { id: a, label: A }\n");
    expect((await loadThemesFile(path))[0]?.id).toBe("a");
    writeFileSync(path, "- { id: a }\n");
    await expect(loadThemesFile(path)).rejects.toThrow(ThemeFileError);
    await expect(loadThemesFile(path)).rejects.toThrow(/themes\.yaml: invalid theme list:\n {2}themes\[0\]\.label/);
  });
});
