import { loadDefaultModel, loadModelFile, ModelFormatError, ThemeFileError, type ClassifierModel } from "../index";
import { describeFsError } from "./input";
import { FatalError } from "./types";

/** A library error's message without its `[classify] ` component prefix (the CLI adds its own). */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message.replace(/^\[classify\] /, "") : String(err);
}

/**
 * Loads the model named by `--model`, or the default model shipped with the package. Any failure
 * (missing file, unreadable, corrupt or wrong format) is a {@link FatalError} naming the file.
 */
export async function loadModelOption(path: string | undefined): Promise<ClassifierModel> {
  try {
    return path === undefined ? await loadDefaultModel() : await loadModelFile(path);
  } catch (err) {
    const file = path === undefined ? "the default model" : `model file ${path}`;
    throw new FatalError(describeLoadError(err, file), 2, { cause: err });
  }
}

/** The file-system error in `err` or its causes (the library wraps read errors), if any. */
function fsErrorOf(err: unknown): NodeJS.ErrnoException | undefined {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    // Only fs errors carry `syscall`; parser errors (YAML) have a `code` of their own.
    if (typeof (e as NodeJS.ErrnoException).syscall === "string") return e as NodeJS.ErrnoException;
  }
  return undefined;
}

/**
 * "cannot load <what>: <reason>": a read failure in words ("no such file"), otherwise the
 * library's message without its "[classify] <source>: " prefix, since `what` names the source.
 */
export function describeLoadError(err: unknown, what: string): string {
  const fsError = fsErrorOf(err);
  if (fsError) return `cannot load ${what}: ${describeFsError(fsError)}`;
  let reason = errorMessage(err);
  if ((err instanceof ModelFormatError || err instanceof ThemeFileError) && err.source !== undefined) {
    const prefix = `${err.source}: `;
    if (reason.startsWith(prefix)) reason = reason.slice(prefix.length);
  }
  return `cannot load ${what}: ${reason}`;
}

/** The theme ids of a model, in its order. */
export function modelThemeIds(model: ClassifierModel): string[] {
  return model.themes.map((t) => t.id);
}

/** Sizes shown after training. */
export function modelSummary(model: ClassifierModel): { themes: number; documents: number; vocabulary: number } {
  return { themes: model.themes.length, documents: model.stats.documents, vocabulary: model.stats.vocabulary };
}
