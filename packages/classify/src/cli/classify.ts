import { classify, type ClassifierModel, type Classification } from "../index";
import { parseOptions, parsePositiveInt } from "./args";
import { openInput, readLines, write } from "./input";
import { parseItemLine } from "./items";
import { loadModelOption } from "./model";
import type { CliIO, Command } from "./types";

/** Themes reported per item unless `--max-themes` says otherwise. */
export const DEFAULT_MAX_THEMES = 3;

const usage = `Usage: corpus-classify classify [--model FILE] [--input FILE|-] [--max-themes N]

Reads JSON Lines items ({"id", "title", "summary"|"description"|"text"|"content"}; HTML allowed)
and writes one JSON line per non-blank input line, in input order:
  {"id", "themes": [...], "scores": {...}, "explanations": {...}}   or
  {"line": N, "id"?, "error": "..."}                                  (also reported on stderr)

Options:
  --model FILE      model written by \`corpus-classify train\` (default: the bundled model)
  --input FILE|-    JSON Lines to classify (default: stdin)
  --max-themes N    at most N themes per item (default: ${DEFAULT_MAX_THEMES})
  -h, --help        show this help

Exit status: 0 every line classified, 1 some lines failed, 2 usage error or unusable model/input.`;

/** The output line for one classified item. */
export function toOutputRecord(id: string | number | undefined, line: number, result: Classification) {
  const explanations: Record<string, unknown> = {};
  for (const match of result.matches) {
    if (result.themes.includes(match.theme)) explanations[match.theme] = match.evidence;
  }
  // Items without an id are identified by their line number instead.
  const key = id === undefined ? { line } : { id };
  return { ...key, themes: result.themes, scores: result.scores, explanations };
}

async function run(args: string[], io: CliIO): Promise<number> {
  const values = parseOptions(args, {
    model: { type: "string" },
    input: { type: "string" },
    "max-themes": { type: "string" },
  });
  const maxThemes = parsePositiveInt(values["max-themes"], "--max-themes", DEFAULT_MAX_THEMES);
  const model: ClassifierModel = await loadModelOption(values.model);
  const input = await openInput(values.input, io);
  let failed = 0;
  try {
    for await (const [n, line] of readLines(input)) {
      if (line.trim() === "") continue;
      const parsed = parseItemLine(line);
      if (!parsed.ok) {
        failed += 1;
        const record = parsed.id === undefined ? { line: n, error: parsed.error } : { line: n, id: parsed.id, error: parsed.error };
        io.stderr.write(`corpus-classify: ${input.name}:${n}: ${parsed.error}\n`);
        await write(io.stdout, `${JSON.stringify(record)}\n`);
        continue;
      }
      // Only the returned themes are explained in the output, so only they need full evidence.
      const result = classify(model, parsed.item, { maxThemes, explain: "passed" });
      await write(io.stdout, `${JSON.stringify(toOutputRecord(parsed.item.id, n, result))}\n`);
    }
  } finally {
    input.close();
  }
  return failed > 0 ? 1 : 0;
}

export const classifyCommand: Command = {
  name: "classify",
  usage,
  run,
};
