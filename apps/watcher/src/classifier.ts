import { isAbsolute, resolve } from "node:path";
import { classify, loadDefaultModel, loadModelFile, loadThemesFile, ModelFormatError, ThemeFileError, withThemes, type ClassifierModel } from "@corpus/classify";
import { ConfigError } from "./config/load";
import type { Config } from "./config/schema";
import type { Classifier } from "./intake/ports";

export interface LoadedClassifier {
  model: ClassifierModel;
  classifier: Classifier;
  /** "default" or the resolved model path, plus the theme file when one replaced the themes. */
  source: string;
}

/** Wraps a @corpus/classify model as the pipeline's Classifier. */
export function toClassifier(model: ClassifierModel): Classifier {
  return {
    themeIds: model.themes.map((t) => t.id),
    classify: (input) => classify(model, input),
  };
}

/**
 * Loads the model named by the config (`default` or a path) and, when `themes` is set, replaces
 * its themes. Relative paths are read from `baseDir` (the config file's directory). Throws the
 * classifier's ModelFormatError / ThemeFileError, whose messages name the file.
 */
export async function loadClassifier(settings: Pick<Config, "model" | "themes">, baseDir: string): Promise<LoadedClassifier> {
  const at = (path: string) => (isAbsolute(path) ? path : resolve(baseDir, path));
  let model = settings.model === "default" ? await loadDefaultModel() : await loadModelFile(at(settings.model));
  let source = settings.model === "default" ? "default" : at(settings.model);
  if (settings.themes !== undefined) {
    model = withThemes(model, await loadThemesFile(at(settings.themes)));
    source += ` + themes ${at(settings.themes)}`;
  }
  return { model, classifier: toClassifier(model), source };
}

/** Subscribers following themes the model does not know: one problem per theme, naming the key. */
export function unknownThemeProblems(config: Pick<Config, "subscribers">, themeIds: readonly string[]): string[] {
  const known = new Set(themeIds);
  const problems: string[] = [];
  config.subscribers.forEach((sub, i) => {
    if (sub.themes === "all") return;
    for (const theme of sub.themes) {
      if (!known.has(theme)) problems.push(`subscribers[${i}].themes: "${theme}" is not a theme of the model (known: ${[...known].join(", ")})`);
    }
  });
  return problems;
}

/**
 * loadClassifier plus the check that every subscriber's themes exist, with problems reported as a
 * ConfigError naming `file` (exit code 2).
 */
export async function loadClassifierForConfig(config: Pick<Config, "model" | "themes" | "subscribers">, file: string, baseDir: string): Promise<LoadedClassifier> {
  let loaded: LoadedClassifier;
  try {
    loaded = await loadClassifier(config, baseDir);
  } catch (err) {
    if (err instanceof ModelFormatError) throw new ConfigError(file, [`model: ${err.message.replace(/^\[classify\] /, "")}`]);
    if (err instanceof ThemeFileError) throw new ConfigError(file, [`themes: ${err.message.replace(/^\[classify\] /, "")}`]);
    throw err;
  }
  const problems = unknownThemeProblems(config, loaded.classifier.themeIds);
  if (problems.length > 0) throw new ConfigError(file, problems);
  return loaded;
}
