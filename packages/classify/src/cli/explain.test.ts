import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkspace, runCli, trainModel } from "./test-helpers";

let ws: Awaited<ReturnType<typeof createWorkspace>>;
let model: string;

beforeAll(async () => {
  ws = await createWorkspace();
  model = await trainModel(ws);
});
afterAll(() => ws.cleanup());

describe("corpus-classify explain", () => {
  it("explains every theme above zero: score vs threshold, matched terms, top terms, nearest exemplar", async () => {
    const run = await runCli(["explain", "--model", model, "--title", "Frontex at the border", "--text", "Border guards run border checks."]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Themes: border-management$/m);
    expect(run.stdout).toMatch(/^border-management {2}score \d\.\d{3} {2}threshold 0\.100 {2}assigned$/m);
    expect(run.stdout).toMatch(/^ {4}"frontex" in title x1 {2}\+\d\.\d{3}$/m);
    expect(run.stdout).toMatch(/^ {2}top TF-IDF terms: .*\(\d\.\d{3}\)/m);
    expect(run.stdout).toMatch(/^ {2}nearest exemplar: doc-[ab] /m);
    // Themes that scored zero are not listed.
    expect(run.stdout).not.toMatch(/^integration-inclusion /m);
  });

  it("reads the text from --input and prints the raw classification with --json", async () => {
    const file = join(ws.dir, "text.txt");
    await writeFile(file, "<p>Smugglers and smuggling routes</p>");
    const run = await runCli(["explain", "--model", model, "--input", file, "--json"]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { themes: string[]; scores: Record<string, number>; matches: unknown[] };
    expect(result.themes).toEqual(["trafficking-smuggling"]);
    expect(result.matches).toHaveLength(3);
  });

  it("says so when no theme scores above zero", async () => {
    const run = await runCli(["explain", "--model", model, "--title", "Sunny weekend ahead"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("Themes: (none passed its threshold)\n\nNo theme scored above zero.\n");
  });
});
