import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "./cli";
import type { CliIO } from "./commands/types";

function memoryIO(): CliIO & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk) => (out += String(chunk)));
  stderr.on("data", (chunk) => (err += String(chunk)));
  return { stdout, stderr, env: {}, cwd: process.cwd(), out: () => out, err: () => err };
}

describe("corpus-watcher dispatcher", () => {
  it.each([
    { argv: [], code: 2, stream: "err" as const, text: "Usage: corpus-watcher <command>" },
    { argv: ["--help"], code: 0, stream: "out" as const, text: "demo" },
    { argv: ["frobnicate"], code: 2, stream: "err" as const, text: 'unknown command "frobnicate"' },
    { argv: ["validate", "--help"], code: 0, stream: "out" as const, text: "--config" },
  ])("$argv exits $code", async ({ argv, code, stream, text }) => {
    const io = memoryIO();
    expect(await main(argv, io)).toBe(code);
    expect(stream === "out" ? io.out() : io.err()).toContain(text);
  });

  it("maps a config error to exit 2 with the file named", async () => {
    const io = memoryIO();
    expect(await main(["validate", "--config", "/nonexistent/watcher.yaml"], io)).toBe(2);
    expect(io.err()).toContain("/nonexistent/watcher.yaml");
  });
});
