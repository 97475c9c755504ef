import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PassThrough, Readable, Writable } from "node:stream";
import { main } from "../cli";
import { DEFAULT_THEME_IDS } from "../index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkspace, jsonLines, runCli, trainModel } from "./test-helpers";

let ws: Awaited<ReturnType<typeof createWorkspace>>;
let model: string;

beforeAll(async () => {
  ws = await createWorkspace();
  model = await trainModel(ws);
});
afterAll(() => ws.cleanup());

const THEME_IDS = ["border-management", "integration-inclusion", "trafficking-smuggling"];

describe("corpus-classify classify", () => {
  it("writes one line per item in input order, skips blank lines, keeps numeric ids; exit 0", async () => {
    const input = [
      '{"id": "b", "title": "Frontex deploys border guards", "source": "ignored"}',
      "",
      "   ",
      '{"id": 2, "title": "Smugglers arrested", "description": "<p>A smuggling ring was broken up.</p>"}',
      '{"id": "c", "title": "Language courses for refugees", "content": "Access to the labour market."}',
      '{"id": "a", "title": "Weekend weather: sunny and warm"}',
    ].join("\n");
    const run = await runCli(["classify", "--model", model], input);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const out = jsonLines(run.stdout);
    expect(out.map((o) => o["id"])).toEqual(["b", 2, "c", "a"]);
    expect(out.map((o) => o["themes"])).toEqual([["border-management"], ["trafficking-smuggling"], ["integration-inclusion"], []]);
    for (const o of out) {
      expect(Object.keys(o).sort()).toEqual(["explanations", "id", "scores", "themes"]);
      expect(Object.keys(o["scores"] as object).sort()).toEqual(THEME_IDS);
      expect(Object.keys(o["explanations"] as object)).toEqual(o["themes"]);
    }
    const evidence = (out[0]?.["explanations"] as Record<string, { matchedTerms: { term: string }[] }>)["border-management"];
    expect(evidence?.matchedTerms.map((t) => t.term)).toContain("frontex");
  });

  it("reports unreadable lines in place with their line number, on stdout and stderr; exit 1", async () => {
    const input = ['{"id": "ok-1", "title": "Frontex"}', "{oops", '{"id": true, "title": "x"}', "", '{"id": "empty", "title": ""}', "[1]", '{"id": "ok-2", "title": "Smugglers"}'].join("\n");
    const run = await runCli(["classify", "--model", model, "--input", "-"], input);
    expect(run.code).toBe(1);
    const out = jsonLines(run.stdout);
    expect(out).toHaveLength(6);
    expect(out.map((o) => o["id"] ?? null)).toEqual(["ok-1", null, null, "empty", null, "ok-2"]);
    expect(out.slice(1, 5).map((o) => o["line"])).toEqual([2, 3, 5, 6]);
    expect(out[1]?.["error"]).toMatch(/^invalid JSON: /);
    expect(out[3]).toEqual({ line: 5, id: "empty", error: "no text: expected a non-empty title, summary, description, text, content" });
    const errLines = run.stderr.trim().split("\n");
    expect(errLines).toHaveLength(4);
    expect(errLines[0]).toMatch(/^corpus-classify: <stdin>:2: invalid JSON: /);
    expect(errLines[1]).toBe('corpus-classify: <stdin>:3: "id" must be a string or a number, got boolean');
  });

  it("identifies items without an id by line number, reads --input files, honours --max-themes", async () => {
    const file = join(ws.dir, "items.jsonl");
    await writeFile(file, '\n{"title": "Frontex border guards stop smugglers; language courses and labour market"}\n');
    const run = await runCli(["classify", "--model", model, "--input", file, "--max-themes", "1"]);
    expect(run.code).toBe(0);
    const [only] = jsonLines(run.stdout);
    expect(only?.["line"]).toBe(2);
    expect(only?.["id"]).toBeUndefined();
    expect(only?.["themes"]).toHaveLength(1);
    const many = jsonLines((await runCli(["classify", "--model", model, "--input", file])).stdout);
    expect((many[0]?.["themes"] as string[]).length).toBeGreaterThan(1);
  });

  it("exits 2 naming the file when the model is missing or corrupt, before reading input", async () => {
    const missing = join(ws.dir, "nope.json");
    let run = await runCli(["classify", "--model", missing], '{"title": "Frontex"}');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`corpus-classify classify: cannot load model file ${missing}: no such file\n`);

    const corrupt = join(ws.dir, "corrupt.json");
    await writeFile(corrupt, '{"formatVersion": 1, "themes": [');
    run = await runCli(["classify", "--model", corrupt], '{"title": "Frontex"}');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.startsWith(`corpus-classify classify: cannot load model file ${corrupt}: `)).toBe(true);

    const wrong = join(ws.dir, "wrong.json");
    await writeFile(wrong, '{"hello": "world"}');
    run = await runCli(["classify", "--model", wrong], '{"title": "Frontex"}');
    expect(run.code).toBe(2);
    expect(run.stderr.startsWith(`corpus-classify classify: cannot load model file ${wrong}: `)).toBe(true);
  });

  it("uses the bundled default model without --model", async () => {
    const run = await runCli(["classify"], '{"id": "x", "title": "Belarus pushes migrants towards the Lithuanian border"}\n');
    expect(run.code).toBe(0);
    const [out] = jsonLines(run.stdout);
    expect(Object.keys(out?.["scores"] as object).sort()).toEqual([...DEFAULT_THEME_IDS].sort());
    expect(out?.["themes"]).toContain("instrumentalised-migration");
  });

  it("exits 2 when the input is a directory", async () => {
    const run = await runCli(["classify", "--model", model, "--input", ws.dir]);
    expect(run).toEqual({ code: 2, stdout: "", stderr: `corpus-classify classify: cannot read input file ${ws.dir}: is a directory\n` });
  });

  it("exits 2 when the input file does not exist", async () => {
    const missing = join(ws.dir, "missing.jsonl");
    const run = await runCli(["classify", "--model", model, "--input", missing]);
    expect(run).toEqual({ code: 2, stdout: "", stderr: `corpus-classify classify: cannot read input file ${missing}: no such file\n` });
  });

  it("stops quietly with exit 0 when the reader of stdout goes away (EPIPE)", async () => {
    let written = 0;
    const stdout = new Writable({
      write(_chunk, _encoding, callback) {
        written += 1;
        callback(written > 2 ? Object.assign(new Error("write EPIPE"), { code: "EPIPE" }) : null);
      },
    });
    const stderr = new PassThrough();
    let err = "";
    stderr.on("data", (d: Buffer) => (err += d.toString("utf8")));
    const lines = Array.from({ length: 200 }, (_, i) => JSON.stringify({ id: i, title: "Frontex" })).join("\n");
    const code = await main(["classify", "--model", model], { stdin: Readable.from([lines]), stdout, stderr });
    expect(code).toBe(0);
    expect(err).toBe("");
    expect(written).toBeLessThan(200);
  });
});
