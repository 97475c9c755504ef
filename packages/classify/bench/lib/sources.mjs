// Real English text from the repository (labelled eval items and the seed corpus) that the
// generator learns its word transitions from, grouped by curated theme.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const repoDir = join(packageDir, "..", "..");

function readJsonl(path) {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .flatMap((l) => {
      try {
        return [JSON.parse(l)];
      } catch {
        return [];
      }
    });
}

/** Plain text: tags, entities, markdown headings and link syntax out, whitespace collapsed. */
export function plain(text) {
  return String(text ?? "")
    .replace(/<[^>]*>/g, " ")
    .replace(/&[#a-z0-9]+;/gi, " ")
    .replace(/^#+\s*/gm, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/[*_`|>]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * `{ texts: [{themes, title, body}], evalItems: [...] }` from `packages/classify/eval/*.jsonl`
 * and `corpus/documents.jsonl`.
 */
export function loadSources() {
  const evalDir = join(packageDir, "eval");
  const evalItems = existsSync(evalDir)
    ? readdirSync(evalDir)
        .filter((f) => f.endsWith(".jsonl"))
        .sort()
        .flatMap((f) => readJsonl(join(evalDir, f)))
    : [];
  const docs = readJsonl(join(repoDir, "corpus", "documents.jsonl"));
  const texts = [
    ...evalItems.map((o) => ({
      themes: Array.isArray(o.themes) ? o.themes : [],
      title: plain(o.title),
      body: plain([o.description, o.text].filter(Boolean).join(" ")),
    })),
    ...docs.map((d) => ({
      themes: (d.themes ?? []).map((t) => t.theme),
      title: plain(d.title),
      body: plain([d.abstract, d.summary, d.text].filter(Boolean).join(" ")),
    })),
  ];
  return { texts, evalItems };
}
