import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkspace, runCli, trainModel } from "./test-helpers";

let ws: Awaited<ReturnType<typeof createWorkspace>>;
let model: string;
let labelled: string;

// Hand-checked: items 1-3 are each predicted as exactly the theme of their title keyword; item 3
// is also labelled border-management, which nothing in it supports (a miss); item 4 has no theme
// and no keyword. So: border 1 tp / 0 fp / 1 fn (P 1, R 0.5, F1 0.667); trafficking and
// integration 1 tp each (P = R = F1 = 1); micro 3 tp / 0 fp / 1 fn: P 1, R 0.75, F1 0.857;
// macro F1 (0.667 + 1 + 1) / 3 = 0.889; one item in four without a predicted theme.
const LABELLED = [
  { id: "e1", title: "Frontex sends more border guards", themes: ["border-management"] },
  { id: "e2", title: "Smugglers jailed", themes: ["trafficking-smuggling"] },
  { id: "e3", title: "Language courses for newcomers", themes: ["integration-inclusion", "border-management"] },
  { id: "e4", title: "Sunny weekend ahead", themes: [] },
];

beforeAll(async () => {
  ws = await createWorkspace();
  model = await trainModel(ws);
  labelled = join(ws.dir, "labelled.jsonl");
  await writeFile(labelled, LABELLED.map((o) => JSON.stringify(o)).join("\n"));
});
afterAll(() => ws.cleanup());

const row = (text: string, theme: string) => text.split("\n").find((l) => l.startsWith(`${theme} `))?.trim().split(/\s+/);

describe("corpus-classify eval", () => {
  it("prints the per-theme table, micro/macro averages and confusions; exit 0", async () => {
    const run = await runCli(["eval", "--model", model, "--labelled", labelled]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    // theme, support, predicted, tp, precision, recall, F1
    expect(row(run.stdout, "border-management")).toEqual(["border-management", "2", "1", "1", "1.000", "0.500", "0.667"]);
    expect(row(run.stdout, "trafficking-smuggling")).toEqual(["trafficking-smuggling", "1", "1", "1", "1.000", "1.000", "1.000"]);
    expect(row(run.stdout, "integration-inclusion")).toEqual(["integration-inclusion", "1", "1", "1", "1.000", "1.000", "1.000"]);
    expect(row(run.stdout, "micro")).toEqual(["micro", "1.000", "0.750", "0.857"]);
    expect(row(run.stdout, "macro")?.[3]).toBe("0.889");
    expect(run.stdout).toContain("Items: 4; no theme predicted: 25.0%");
    expect(run.stdout).toMatch(/Top confusions/);
  });

  it("--json prints the evaluation as one JSON object", async () => {
    const run = await runCli(["eval", "--model", model, "--labelled", labelled, "--json"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    const e = JSON.parse(run.stdout) as { items: number; micro: { recall: number }; perTheme: Record<string, { fn: number }> };
    expect(e.items).toBe(4);
    expect(e.micro.recall).toBeCloseTo(0.75, 10);
    expect(e.perTheme["border-management"]?.fn).toBe(1);
  });

  it("skips invalid lines with their line numbers on stderr, still evaluates the rest; exit 1", async () => {
    const file = join(ws.dir, "some-bad.jsonl");
    const lines = [JSON.stringify(LABELLED[0]), "not json", '{"id": "x", "title": "Frontex"}', JSON.stringify(LABELLED[1])];
    await writeFile(file, lines.join("\n"));
    const run = await runCli(["eval", "--model", model, "--labelled", file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^corpus-classify: ${file}:2: invalid JSON`, "m"));
    expect(run.stderr).toContain(`corpus-classify: ${file}:3: (id "x") "themes" must be an array of theme ids`);
    expect(run.stdout).toContain("Items: 2;");
  });

  it("names gold theme ids the model does not know, with their lines; exit 2", async () => {
    const file = join(ws.dir, "unknown.jsonl");
    const lines = [{ title: "a", themes: ["border-management", "mystery"] }, { title: "b", themes: ["mystery", "other"] }];
    await writeFile(file, lines.map((o) => JSON.stringify(o)).join("\n"));
    const run = await runCli(["eval", "--model", model, "--labelled", file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`corpus-classify eval: ${file}: unknown theme ids (not in the model): mystery (lines 1, 2), other (line 2)\n`);
  });
});
