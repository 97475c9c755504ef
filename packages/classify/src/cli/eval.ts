import { evaluate, type ClassifierModel, type LabelledItem } from "../index";
import { parseOptions, parsePositiveInt, requireOption } from "./args";
import { DEFAULT_MAX_THEMES } from "./classify";
import { formatEvaluation } from "./format-eval";
import { openInput, readLines, write } from "./input";
import { parseLabelledLine } from "./items";
import { loadModelOption, modelThemeIds } from "./model";
import { FatalError, type CliIO, type Command } from "./types";

const usage = `Usage: corpus-classify eval --labelled FILE [--model FILE] [--json] [--max-themes N]

Classifies labelled JSON Lines items (an item plus "themes": [gold theme ids], possibly empty)
and prints per-theme support, precision, recall and F1, micro and macro averages, and the most
frequent confusions.

Options:
  --labelled FILE|-  labelled JSON Lines (required)
  --model FILE       model written by \`corpus-classify train\` (default: the bundled model)
  --max-themes N     at most N predicted themes per item (default: ${DEFAULT_MAX_THEMES})
  --json             print the evaluation as one JSON object instead of tables
  -h, --help         show this help

Lines that cannot be read are listed on stderr with their line numbers and left out; the
evaluation of the other lines is still printed and the exit status is 1. Gold theme ids that the
model does not know are an error (exit 2) naming them, since they would silently count as misses.
Exit status: 0 all lines evaluated, 1 some lines skipped, 2 usage error, unusable model or file.`;

/** Lists the lines of each unknown gold id, e.g. `foo (lines 3, 7)`. */
function describeUnknown(unknown: Map<string, number[]>): string {
  return [...unknown]
    .map(([id, lines]) => {
      const shown = lines.slice(0, 5).join(", ") + (lines.length > 5 ? `, ... ${lines.length - 5} more` : "");
      return `${id} (line${lines.length > 1 ? "s" : ""} ${shown})`;
    })
    .join(", ");
}

async function run(args: string[], io: CliIO): Promise<number> {
  const values = parseOptions(args, {
    labelled: { type: "string" },
    model: { type: "string" },
    json: { type: "boolean" },
    "max-themes": { type: "string" },
  });
  const labelledPath = requireOption(values.labelled, "--labelled");
  const maxThemes = parsePositiveInt(values["max-themes"], "--max-themes", DEFAULT_MAX_THEMES);
  const model: ClassifierModel = await loadModelOption(values.model);
  const known = new Set(modelThemeIds(model));
  const input = await openInput(labelledPath, io, "labelled");

  const items: LabelledItem[] = [];
  const unknown = new Map<string, number[]>();
  let skipped = 0;
  try {
    for await (const [n, line] of readLines(input)) {
      if (line.trim() === "") continue;
      const parsed = parseLabelledLine(line);
      if (!parsed.ok) {
        skipped += 1;
        const id = parsed.id === undefined ? "" : ` (id ${JSON.stringify(parsed.id)})`;
        io.stderr.write(`corpus-classify: ${input.name}:${n}:${id} ${parsed.error}\n`);
        continue;
      }
      for (const theme of parsed.item.themes) {
        if (!known.has(theme)) unknown.set(theme, [...(unknown.get(theme) ?? []), n]);
      }
      items.push(parsed.item);
    }
  } finally {
    input.close();
  }
  if (unknown.size > 0) {
    throw new FatalError(`${input.name}: unknown theme ids (not in the model): ${describeUnknown(unknown)}`);
  }
  if (items.length === 0) throw new FatalError(`${input.name}: no labelled items to evaluate`, skipped > 0 ? 1 : 2);

  const evaluation = evaluate(model, items, { maxThemes });
  const out = values.json ? JSON.stringify(evaluation) : formatEvaluation(evaluation);
  await write(io.stdout, `${out}\n`);
  if (skipped > 0) io.stderr.write(`corpus-classify: ${input.name}: ${skipped} line(s) skipped, ${items.length} evaluated\n`);
  return skipped > 0 ? 1 : 0;
}

export const evalCommand: Command = {
  name: "eval",
  usage,
  run,
};
