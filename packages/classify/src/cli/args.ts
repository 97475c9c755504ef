import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./types";

type Options = NonNullable<ParseArgsConfig["options"]>;
type Strict<T extends Options> = { args: string[]; options: T; strict: true; allowPositionals: false };
/** The parsed option values, typed from the option table. */
export type OptionValues<T extends Options> = ReturnType<typeof parseArgs<Strict<T>>>["values"];

/**
 * `parseArgs` in strict mode, with its errors turned into one-line {@link UsageError}s
 * ("unknown option '--foo'", "option '--model <value>' argument missing").
 */
export function parseOptions<T extends Options>(args: string[], options: T): OptionValues<T> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    const message = err instanceof Error ? (err.message.split("\n")[0] ?? err.message) : String(err);
    throw new UsageError(message.charAt(0).toLowerCase() + message.slice(1), { cause: err });
  }
}

/** A required string option, or a usage error naming it. */
export function requireOption(value: string | undefined, flag: string): string {
  if (value === undefined || value === "") throw new UsageError(`missing required option ${flag}`);
  return value;
}

/**
 * A positive whole number given on the command line.
 * @default the `fallback` when the option is absent
 */
export function parsePositiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new UsageError(`${flag} must be a positive whole number, got "${value}"`);
  }
  return Number(value);
}

/** True when the arguments ask for help; checked before parsing so `cmd --bad --help` still helps. */
export function wantsHelp(args: readonly string[]): boolean {
  return args.includes("--help") || args.includes("-h");
}
