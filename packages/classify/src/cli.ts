import { version } from "../package.json";
import { wantsHelp } from "./cli/args";
import { commands } from "./cli/commands";
import { OutputClosedError, watchOutput } from "./cli/input";
import { FatalError, UsageError, type CliIO } from "./cli/types";

export type { CliIO } from "./cli/types";

const processIO: CliIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

function topUsage(): string {
  const lines = ["Usage: corpus-classify <command> [options]", "", "Commands:"];
  for (const [name, entry] of Object.entries(commands)) lines.push(`  ${name.padEnd(10)} ${entry.summary}`);
  lines.push(
    "",
    "Options:",
    "  -h, --help     show this help (or a command's help: corpus-classify <command> --help)",
    "  --version      print the version",
  );
  return lines.join("\n");
}

/**
 * Entry point of the bin shim and the one place that maps errors to exit codes:
 * 0 success, 1 some input lines failed, 2 usage error or unusable model or input file.
 */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(`${topUsage()}\n`);
    return 0;
  }
  if (name === "--version") {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const entry = name === undefined ? undefined : commands[name];
  if (!entry) {
    const reason = name === undefined ? "missing command" : name.startsWith("-") ? `unknown option '${name}'` : `unknown command '${name}'`;
    io.stderr.write(`corpus-classify: ${reason}\n\n${topUsage()}\n`);
    return 2;
  }
  const command = await entry.load();
  if (wantsHelp(rest)) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  const unwatch = watchOutput(io.stdout);
  try {
    return await command.run(rest, io);
  } catch (err) {
    // The reader left early (piped into `head`): what it wanted was written.
    if (err instanceof OutputClosedError) return 0;
    if (err instanceof UsageError) {
      io.stderr.write(`corpus-classify ${command.name}: ${err.message}\n\n${command.usage}\n`);
      return 2;
    }
    if (err instanceof FatalError) {
      io.stderr.write(`corpus-classify ${command.name}: ${err.message}\n`);
      return err.exitCode;
    }
    // A bug, not a user mistake: show where it happened.
    io.stderr.write(`corpus-classify ${command.name}: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  } finally {
    unwatch();
  }
}
