import { randomBytes } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { formatRecordErrors, parseCorpusJsonl } from "@corpus/model";
import { loadThemesFile, serializeModel, train } from "../index";
import { parseOptions, requireOption } from "./args";
import { describeFsError } from "./input";
import { describeLoadError, modelSummary } from "./model";
import { FatalError, type CliIO, type Command } from "./types";

const usage = `Usage: corpus-classify train --corpus FILE --themes FILE --out FILE

Trains a model from a corpus of Documents (JSON Lines, as written by the watcher) and a theme
file (JSON or YAML), and writes it to --out atomically (a temporary file renamed into place).
A summary (documents, themes, vocabulary, time) goes to stderr.

Options:
  --corpus FILE   corpus JSON Lines; any invalid record is listed (file:line: field: message)
                  and nothing is written (exit 2)
  --themes FILE   theme file, JSON or YAML
  --out FILE      where to write the model
  -h, --help      show this help`;

/** Writes `text` next to `path` under a temporary name, then renames it over `path`. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temp, text, "utf8");
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

async function run(args: string[], io: CliIO): Promise<number> {
  const values = parseOptions(args, {
    corpus: { type: "string" },
    themes: { type: "string" },
    out: { type: "string" },
  });
  const corpusPath = requireOption(values.corpus, "--corpus");
  const themesPath = requireOption(values.themes, "--themes");
  const outPath = requireOption(values.out, "--out");

  let corpusText: string;
  try {
    corpusText = await readFile(corpusPath, "utf8");
  } catch (err) {
    throw new FatalError(`cannot read corpus file ${corpusPath}: ${describeFsError(err)}`, 2, { cause: err });
  }
  const { documents, errors } = parseCorpusJsonl(corpusText);
  if (errors.length > 0) {
    io.stderr.write(`${formatRecordErrors(errors, corpusPath)}\n`);
    throw new FatalError(`${corpusPath}: ${errors.length} invalid record(s); no model written`);
  }
  let themes;
  try {
    themes = await loadThemesFile(themesPath);
  } catch (err) {
    throw new FatalError(describeLoadError(err, `theme file ${themesPath}`), 2, { cause: err });
  }

  const started = performance.now();
  const model = train(documents, themes);
  const seconds = (performance.now() - started) / 1000;
  const json = serializeModel(model);
  try {
    await writeFileAtomic(outPath, json);
  } catch (err) {
    throw new FatalError(`cannot write model file ${outPath}: ${describeFsError(err)}`, 2, { cause: err });
  }
  const summary = modelSummary(model);
  const size = (Buffer.byteLength(json) / 1e6).toFixed(2);
  io.stderr.write(
    `corpus-classify train: ${documents.length} documents, ${summary.themes} themes, ` +
      `vocabulary ${summary.vocabulary} terms, trained in ${seconds.toFixed(2)} s -> ${outPath} (${size} MB)\n`,
  );
  return 0;
}

export const trainCommand: Command = {
  name: "train",
  usage,
  run,
};
