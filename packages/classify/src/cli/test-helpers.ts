import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { main } from "../cli";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `main(argv)` with in-memory stdin/stdout/stderr. */
export async function runCli(argv: string[], stdin = ""): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
  stderr.on("data", (d: Buffer) => (err += d.toString("utf8")));
  const code = await main(argv, { stdin: Readable.from([stdin]), stdout, stderr });
  return { code, stdout: out, stderr: err };
}

/** Parses JSON Lines output. */
export function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Three small themes whose keywords do not overlap, with a low threshold so one title keyword passes. */
export const THEMES_YAML = `
- id: border-management
  label: Border management
  keywords: [{ term: frontex, weight: 2 }, { term: border guards }]
  phrases: [{ term: border checks }]
  threshold: 0.1
- id: trafficking-smuggling
  label: Trafficking and smuggling
  keywords: [{ term: smugglers, weight: 2 }, { term: smuggling }]
  exclusions: [drug trafficking]
  threshold: 0.1
- id: integration-inclusion
  label: Integration
  keywords: [{ term: language courses, weight: 2 }, { term: labour market }]
  threshold: 0.1
`;

const doc = (id: string, title: string, text: string, theme: string) =>
  JSON.stringify({ id, kind: "news-item", title, text, themes: [{ theme, by: "curator" }] });

/** A tiny corpus of Documents, one or two per theme. */
export const CORPUS_JSONL = [
  doc("doc-a", "Frontex sends border guards to the eastern frontier", "Border checks were reinforced and Frontex officers patrol the crossing points.", "border-management"),
  doc("doc-b", "New border checks at the airport", "Border guards inspect passports and visas of arriving passengers.", "border-management"),
  doc("doc-c", "Police dismantle a network of smugglers", "The smugglers charged migrants thousands of euros for the sea crossing; smuggling routes shifted.", "trafficking-smuggling"),
  doc("doc-d", "Language courses open for refugees", "Language courses and job coaching help newcomers into the labour market.", "integration-inclusion"),
].join("\n");

/** A temporary directory with `themes.yaml` and `corpus.jsonl`; `cleanup()` removes it. */
export async function createWorkspace(): Promise<{ dir: string; themes: string; corpus: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "corpus-classify-cli-"));
  const themes = join(dir, "themes.yaml");
  const corpus = join(dir, "corpus.jsonl");
  await writeFile(themes, THEMES_YAML);
  await writeFile(corpus, `${CORPUS_JSONL}\n`);
  return { dir, themes, corpus, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Trains a model from the workspace files with `corpus-classify train`; returns its path. */
export async function trainModel(ws: { dir: string; themes: string; corpus: string }): Promise<string> {
  const out = join(ws.dir, "model.json");
  const run = await runCli(["train", "--corpus", ws.corpus, "--themes", ws.themes, "--out", out]);
  if (run.code !== 0) throw new Error(`train failed (${run.code}): ${run.stderr}`);
  return out;
}
