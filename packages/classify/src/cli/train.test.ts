import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWorkspace, jsonLines, runCli } from "./test-helpers";

let ws: Awaited<ReturnType<typeof createWorkspace>>;
beforeEach(async () => {
  ws = await createWorkspace();
});
afterEach(() => ws.cleanup());

describe("corpus-classify train", () => {
  it("writes a model that classify then uses (round trip), with a summary on stderr", async () => {
    const out = join(ws.dir, "model.json");
    const run = await runCli(["train", "--corpus", ws.corpus, "--themes", ws.themes, "--out", out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^corpus-classify train: 4 documents, 3 themes, vocabulary \d+ terms, trained in \d+\.\d\d s -> /);
    // Only the model is left behind: the temporary file was renamed into place.
    expect((await readdir(ws.dir)).sort()).toEqual(["corpus.jsonl", "model.json", "themes.yaml"]);

    const classified = await runCli(["classify", "--model", out], '{"id": 1, "title": "Smugglers caught at sea"}\n');
    expect(classified.code).toBe(0);
    expect(jsonLines(classified.stdout)[0]?.["themes"]).toEqual(["trafficking-smuggling"]);
  });

  it("lists invalid corpus records as file:line: field: message and writes nothing; exit 2", async () => {
    const corpus = join(ws.dir, "bad.jsonl");
    await writeFile(corpus, `${(await readFile(ws.corpus, "utf8")).split("\n")[0]}\n{"id": "x", "kind": "news-item"}\nnope\n`);
    const out = join(ws.dir, "model.json");
    const run = await runCli(["train", "--corpus", corpus, "--themes", ws.themes, "--out", out]);
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split("\n");
    expect(lines[0]).toMatch(new RegExp(`^${corpus}:2: title: `));
    expect(lines[1]).toMatch(new RegExp(`^${corpus}:3: \\(line\\): `));
    expect(lines.at(-1)).toBe(`corpus-classify train: ${corpus}: 2 invalid record(s); no model written`);
    expect(await readdir(ws.dir)).not.toContain("model.json");
  });

  it("rejects an invalid theme file naming it; exit 2", async () => {
    const themes = join(ws.dir, "bad-themes.yaml");
    await writeFile(themes, "- id: Not Kebab\n  label: x\n");
    const run = await runCli(["train", "--corpus", ws.corpus, "--themes", themes, "--out", join(ws.dir, "m.json")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cannot load theme file ${themes}`);
    expect(run.stderr).toContain("themes[0].id");
  });

  it("reports a theme file that is not YAML as such, not as a read error; exit 2", async () => {
    const themes = join(ws.dir, "broken.yaml");
    await writeFile(themes, "- id: a\n- foo: [\n");
    const run = await runCli(["train", "--corpus", ws.corpus, "--themes", themes, "--out", join(ws.dir, "m.json")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^corpus-classify train: cannot load theme file ${themes}: invalid theme list:\n {2}not valid JSON or YAML: `));
  });

  it("reports a missing corpus file; exit 2", async () => {
    const missing = join(ws.dir, "none.jsonl");
    const run = await runCli(["train", "--corpus", missing, "--themes", ws.themes, "--out", join(ws.dir, "m.json")]);
    expect(run).toEqual({ code: 2, stdout: "", stderr: `corpus-classify train: cannot read corpus file ${missing}: no such file\n` });
  });
});
