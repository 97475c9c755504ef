import type { Command } from "./types";

interface CommandEntry {
  summary: string;
  load: () => Promise<Command>;
}

/** Every command, loaded lazily so `--help` and `--version` do not load the classifier. */
export const commands: Record<string, CommandEntry> = {
  classify: {
    summary: "classify JSON Lines items (stdin or --input) against the model's themes",
    load: async () => (await import("./classify")).classifyCommand,
  },
  eval: {
    summary: "evaluate the model on labelled JSON Lines: per-theme P/R/F1, micro/macro, confusions",
    load: async () => (await import("./eval")).evalCommand,
  },
  train: {
    summary: "train a model from a Document corpus and a theme file",
    load: async () => (await import("./train")).trainCommand,
  },
  explain: {
    summary: "explain how one text scores against every theme",
    load: async () => (await import("./explain")).explainCommand,
  },
};
