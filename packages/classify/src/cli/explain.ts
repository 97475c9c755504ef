import { classify } from "../index";
import { parseOptions, parsePositiveInt } from "./args";
import { DEFAULT_MAX_THEMES } from "./classify";
import { formatExplanation } from "./format-explain";
import { openInput, readInputText, write } from "./input";
import { loadModelOption } from "./model";
import { UsageError, type CliIO, type Command } from "./types";

const usage = `Usage: corpus-classify explain [--model FILE] [--title T] [--text T | --input FILE|-] [--json]

Classifies one text and explains the score of every theme above zero: score against threshold,
matched keywords and phrases (field, count, contribution), the top TF-IDF terms, and the nearest
exemplar.

Options:
  --model FILE      model written by \`corpus-classify train\` (default: the bundled model)
  --title T         the title
  --text T          the body text (HTML allowed)
  --input FILE|-    read the body text from a file, or stdin with "-"
  --max-themes N    at most N themes reported as assigned (default: ${DEFAULT_MAX_THEMES})
  --json            print the raw classification as JSON
  -h, --help        show this help`;

async function run(args: string[], io: CliIO): Promise<number> {
  const values = parseOptions(args, {
    model: { type: "string" },
    title: { type: "string" },
    text: { type: "string" },
    input: { type: "string" },
    json: { type: "boolean" },
    "max-themes": { type: "string" },
  });
  if (values.text !== undefined && values.input !== undefined) throw new UsageError("give --text or --input, not both");
  const maxThemes = parsePositiveInt(values["max-themes"], "--max-themes", DEFAULT_MAX_THEMES);
  let text = values.text;
  if (values.input !== undefined) {
    const input = await openInput(values.input, io);
    try {
      text = await readInputText(input);
    } finally {
      input.close();
    }
  }
  const title = values.title;
  if (!title?.trim() && !text?.trim()) throw new UsageError("nothing to explain: give --title, --text or --input");
  const model = await loadModelOption(values.model);
  const result = classify(model, { title, text }, { maxThemes, explain: "all" });
  await write(io.stdout, values.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatExplanation(result)}\n`);
  return 0;
}

export const explainCommand: Command = {
  name: "explain",
  usage,
  run,
};
