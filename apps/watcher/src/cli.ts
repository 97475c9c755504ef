import { commands } from "./commands/index";
import { UsageError, type CliIO } from "./commands/types";
import { ConfigError } from "./config/load";
import { RedisUnavailableError } from "./errors";

const processIO: CliIO = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };

async function topHelp(out: NodeJS.WritableStream): Promise<void> {
  const lines = ["Usage: corpus-watcher <command> [options]", "", "Commands:"];
  for (const [name, load] of Object.entries(commands)) {
    const command = await load();
    lines.push(`  ${name.padEnd(10)} ${command.summary}`);
  }
  lines.push("", "Run `corpus-watcher <command> --help` for the options of one command.");
  out.write(lines.join("\n") + "\n");
}

/** Entry point of the bin shim; the one place that maps errors to exit codes. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  if (io === processIO) {
    // `corpus-watcher scan ... | head`: a closed pipe ends the output, not the process with a trace.
    process.stdout.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE") process.exit(0);
      throw err;
    });
  }
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    // Asked for help: stdout, exit 0. No command at all is a usage error: stderr, exit 2.
    await topHelp(name ? io.stdout : io.stderr);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    io.stderr.write(`corpus-watcher: unknown command "${name}". Run corpus-watcher --help.\n`);
    return 2;
  }
  const command = await load();
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`corpus-watcher ${name}: ${err.message}\n\n${command.usage}\n`);
      return 2;
    }
    if (err instanceof ConfigError) {
      io.stderr.write(`${err.message}\n`);
      return 2;
    }
    if (err instanceof RedisUnavailableError) {
      io.stderr.write(`corpus-watcher ${name}: ${err.message}\n`);
      return 2;
    }
    io.stderr.write(`corpus-watcher ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
