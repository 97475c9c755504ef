/** The streams a command may touch; tests pass in-memory ones. */
export interface CliIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface Command {
  name: string;
  usage: string;
  /** Returns the exit code: 0 ok, 1 some input lines failed, 2 usage, model or input-file error. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** A usage mistake (unknown flag, missing value, bad number): one-line reason + usage, exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * A failure that stops the command before it produced a result (missing or corrupt model,
 * unreadable input file, invalid corpus): the message names the file and the problem, exit 2.
 */
export class FatalError extends Error {
  override name = "FatalError";
  constructor(
    message: string,
    readonly exitCode = 2,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
