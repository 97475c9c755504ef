import { resolve } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { loadConfig } from "../config/load";
import type { Config } from "../config/schema";
import { UsageError, type CliIO } from "./types";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** node:util parseArgs with strict checking; mistakes become UsageError (exit 2). */
export function parseCommandArgs<O extends Options>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message.replace(/\. To specify a positional.*$/s, "") : String(err));
  }
}

/** Loads `--config FILE` (relative to the working directory) with REDIS_URL applied. */
export async function loadConfigArg(file: string | undefined, io: CliIO): Promise<{ config: Config; file: string }> {
  if (!file) throw new UsageError("--config FILE is required");
  const path = resolve(io.cwd, file);
  return { config: await loadConfig(path, { REDIS_URL: io.env.REDIS_URL }), file: path };
}

export function writeLine(stream: NodeJS.WritableStream, line: string): void {
  stream.write(`${line}\n`);
}

/** "30m", "2h", "1d 6h": how long a duration is, for tables. */
export function formatDuration(ms: number): string {
  const units: [string, number][] = [["d", 86_400_000], ["h", 3_600_000], ["m", 60_000], ["s", 1_000]];
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(ms));
  for (const [unit, size] of units) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.length > 0 ? parts.join(" ") : `${rest}ms`;
}
