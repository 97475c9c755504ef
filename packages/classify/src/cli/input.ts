import { open } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { CliIO } from "./types";
import { FatalError } from "./types";

/** An opened input: its stream and the name used in messages (`<stdin>` or the path). */
export interface Input {
  name: string;
  stream: NodeJS.ReadableStream;
  /** Releases a file (stdin is left alone); safe to call twice. */
  close(): void;
}

/** Describes why a file could not be opened, in words a user can act on. */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a directory";
  return err instanceof Error ? err.message : String(err);
}

/**
 * Opens `path` for reading, or stdin when it is `-` or absent. The file is opened eagerly so a
 * missing file is a {@link FatalError} (exit 2) before any output is written.
 */
export async function openInput(path: string | undefined, io: CliIO, what = "input"): Promise<Input> {
  if (path === undefined || path === "-") return { name: "<stdin>", stream: io.stdin, close: () => undefined };
  try {
    const handle = await open(path, "r");
    // Reading a directory fails only on the first read; check now so the error is reported as fatal.
    if ((await handle.stat()).isDirectory()) {
      await handle.close();
      throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    }
    const stream = handle.createReadStream({ encoding: "utf8" });
    return { name: path, stream, close: () => stream.destroy() };
  } catch (err) {
    throw new FatalError(`cannot read ${what} file ${path}: ${describeFsError(err)}`, 2, { cause: err });
  }
}

/** Reads a whole input (file or stdin) as text. */
export async function readInputText(input: Input): Promise<string> {
  let text = "";
  for await (const chunk of input.stream) text += typeof chunk === "string" ? chunk : chunk.toString("utf8");
  return text;
}

/**
 * Yields `[lineNumber, line]` one line at a time (1-based, blank lines included so numbers match
 * the file), without buffering the whole input. A UTF-8 byte-order mark on line 1 is dropped.
 */
export async function* readLines(input: Input): AsyncGenerator<[number, string]> {
  const lines = createInterface({ input: input.stream, crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n += 1;
    yield [n, n === 1 && line.startsWith("\uFEFF") ? line.slice(1) : line];
  }
}

/** The reader of our output went away (`corpus-classify classify ... | head`): stop quietly. */
export class OutputClosedError extends Error {
  override name = "OutputClosedError";
}

const closedOutputs = new WeakSet<NodeJS.WritableStream>();

/**
 * Watches `stream` for write errors (EPIPE when the reader exits early) so they end the command
 * through {@link write} instead of crashing the process with an unhandled 'error' event.
 * @returns a function that stops watching
 */
export function watchOutput(stream: NodeJS.WritableStream): () => void {
  const onError = () => closedOutputs.add(stream);
  stream.on("error", onError);
  return () => stream.off("error", onError);
}

/**
 * Writes one chunk, waiting for `drain` when the destination is full (stdout piped to a slow
 * reader). Throws {@link OutputClosedError} once the destination has failed.
 */
export async function write(stream: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (closedOutputs.has(stream)) throw new OutputClosedError("output closed");
  if (stream.write(chunk)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("error", done);
      stream.off("close", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("error", done);
    stream.on("close", done);
  });
  if (closedOutputs.has(stream)) throw new OutputClosedError("output closed");
}
