import { readFile } from "node:fs/promises";
import type { Theme } from "@corpus/model";
import { ModelFormatError, ThemeFileError } from "./errors";
import { deserializeModel } from "./serialize";
import { parseThemes } from "./themes";
import type { ClassifierModel } from "./types";

/** The package's data directory: src/ and dist/ both sit one level below the package root. */
function dataUrl(file: string): URL {
  return new URL(`../data/${file}`, import.meta.url);
}

async function read(path: string | URL, onError: (err: unknown) => Error): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    throw onError(err);
  }
}

const describe = (err: unknown): string =>
  err instanceof Error && "code" in err ? `cannot read file (${String((err as { code?: unknown }).code)})` : `cannot read file (${String(err)})`;

/** Reads and validates a model file (see `deserializeModel`). */
export async function loadModelFile(path: string): Promise<ClassifierModel> {
  const json = await read(path, (err) => new ModelFormatError(describe(err), { source: path, cause: err }));
  return deserializeModel(json, path);
}

let defaultModel: Promise<ClassifierModel> | undefined;

/**
 * The model shipped in the package (data/default-model.json: the default corpus with the default
 * themes), loaded once and shared; the model is immutable.
 */
export function loadDefaultModel(): Promise<ClassifierModel> {
  if (!defaultModel) {
    const url = dataUrl("default-model.json");
    defaultModel = read(url, (err) => new ModelFormatError(`${describe(err)}; build the package first`, { source: "default model", cause: err }))
      .then((json) => deserializeModel(json, "default model (data/default-model.json)"));
    defaultModel.catch(() => {
      defaultModel = undefined;
    });
  }
  return defaultModel;
}

/** Reads a theme file (JSON or YAML; see `parseThemes`). */
export async function loadThemesFile(path: string): Promise<Theme[]> {
  const text = await read(path, (err) => new ThemeFileError([describe(err)], { source: path, cause: err }));
  return parseThemes(text, path);
}

/**
 * The sixteen default themes with their keywords, phrases, exclusions, exemplars and thresholds
 * (data/themes.yaml, also the documented example of a theme file). A fresh copy on every call.
 */
export async function loadDefaultThemes(): Promise<Theme[]> {
  const url = dataUrl("themes.yaml");
  const text = await read(url, (err) => new ThemeFileError([describe(err)], { source: "data/themes.yaml", cause: err }));
  return parseThemes(text, "data/themes.yaml");
}
