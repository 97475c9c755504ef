import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "./test-helpers";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const { version } = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { version: string };

describe("corpus-classify (top level)", () => {
  it("prints help with every command on --help and -h, exit 0", async () => {
    for (const flag of ["--help", "-h"]) {
      const run = await runCli([flag]);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe("");
      for (const command of ["classify", "eval", "train", "explain"]) expect(run.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    }
  });

  it("prints the package version", async () => {
    expect(await runCli(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it.each([
    [[], "corpus-classify: missing command"],
    [["frobnicate"], "corpus-classify: unknown command 'frobnicate'"],
    [["--frobnicate"], "corpus-classify: unknown option '--frobnicate'"],
  ])("rejects %j with a one-line reason and the usage on stderr, exit 2", async (argv, reason) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.split("\n")[0]).toBe(reason);
    expect(run.stderr).toContain("Usage: corpus-classify <command>");
  });

  it.each(["classify", "eval", "train", "explain"])("%s --help prints that command's usage, exit 0", async (command) => {
    const run = await runCli([command, "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: corpus-classify ${command}`);
  });

  it.each([
    [["classify", "--nope"], "corpus-classify classify: unknown option '--nope'"],
    [["classify", "--model"], "corpus-classify classify: option '--model <value>' argument missing"],
    [["classify", "--max-themes", "0"], 'corpus-classify classify: --max-themes must be a positive whole number, got "0"'],
    [["eval"], "corpus-classify eval: missing required option --labelled"],
    [["train", "--corpus", "c.jsonl", "--themes", "t.yaml"], "corpus-classify train: missing required option --out"],
    [["explain"], "corpus-classify explain: nothing to explain: give --title, --text or --input"],
    [["explain", "--text", "a", "--input", "f"], "corpus-classify explain: give --text or --input, not both"],
  ])("usage error %j: exit 2, reason then the command's usage", async (argv, reason) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe(reason);
    expect(run.stderr).toContain(`Usage: corpus-classify ${argv[0]}`);
  });
});

// The bin shim runs the built CLI; this needs `npm run build` (the package's own build is not a
// dependency of its `test` task), so it is skipped, and says so, when dist/ is absent.
const built = existsSync(join(packageDir, "dist", "cli.mjs"));
describe.skipIf(!built)("bin/corpus-classify.mjs (built dist)", () => {
  it("runs --help in a child process, exit 0", () => {
    const run = spawnSync(process.execPath, [join(packageDir, "bin", "corpus-classify.mjs"), "--help"], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Usage: corpus-classify <command>");
  });
});
