import type { Theme, ThemeInput } from "@corpus/model";
import { createRequire } from "node:module";
import type { z } from "zod";
import { modelPackage, zodPackage } from "./deps";
import { ThemeFileError } from "./errors";

/**
 * Optional fields this classifier reads on top of the model's Theme record (Theme objects are
 * loose, so they survive validation and serialisation):
 * - `context`: terms of the theme's domain; the theme can pass only if the item has at least one
 *   ("migrant", "asylum", "border"...). Keeps off-topic items out ("AI forecasts energy demand").
 * - `contextExclusions`: look-alikes that cancel a context term nearby ("bird migration").
 */
let contextSchema: z.ZodType<Partial<ThemeContext>> | undefined;
function ContextSchema(): z.ZodType<Partial<ThemeContext>> {
  const z = zodPackage();
  return (contextSchema ??= z.object({
    context: z.array(z.string().min(1)).optional(),
    contextExclusions: z.array(z.string().min(1)).optional(),
  }));
}

export interface ThemeContext {
  readonly context: readonly string[];
  readonly contextExclusions: readonly string[];
}

/** The `context` and `contextExclusions` of a (validated) theme; empty when absent. */
export function themeContext(theme: Theme): ThemeContext {
  const t = theme as Theme & Partial<ThemeContext>;
  return { context: t.context ?? [], contextExclusions: t.contextExclusions ?? [] };
}

function path(index: number, rest: readonly PropertyKey[]): string {
  let out = `themes[${index}]`;
  for (const p of rest) out += typeof p === "number" ? `[${p}]` : `.${String(p)}`;
  return out;
}

/**
 * Validates a list of themes (defaults applied) and checks that ids are unique. Errors name the
 * index and field of each problem.
 */
export function validateThemes(input: unknown, source?: string): Theme[] {
  const list = Array.isArray(input)
    ? input
    : input !== null && typeof input === "object" && Array.isArray((input as { themes?: unknown }).themes)
      ? ((input as { themes: unknown[] }).themes)
      : undefined;
  if (!list) throw new ThemeFileError(["expected a list of themes (or an object with a `themes` list)"], { source });
  const issues: string[] = [];
  const themes: Theme[] = [];
  const ids = new Map<string, number>();
  const themeSchema = modelPackage().ThemeSchema;
  const contextSchema = ContextSchema();
  list.forEach((item: unknown, i) => {
    const r = themeSchema.safeParse(item);
    const c = contextSchema.safeParse(item);
    if (!r.success || !c.success) {
      for (const issue of [...(r.error?.issues ?? []), ...(c.error?.issues ?? [])]) {
        issues.push(`${path(i, issue.path)}: ${issue.message}`);
      }
      return;
    }
    const prev = ids.get(r.data.id);
    if (prev !== undefined) issues.push(`${path(i, ["id"])}: duplicate id "${r.data.id}" (also themes[${prev}])`);
    ids.set(r.data.id, i);
    themes.push(r.data);
  });
  if (issues.length > 0) throw new ThemeFileError(issues, { source });
  return themes;
}

type YamlParse = (text: string, options: { prettyErrors: boolean }) => unknown;
let yamlParse: YamlParse | undefined;
/** `yaml` costs ~25 ms to import: loaded on the first theme file, not with the package. */
function parseYaml(text: string): unknown {
  yamlParse ??= (createRequire(import.meta.url)("yaml") as { parse: YamlParse }).parse;
  return yamlParse(text, { prettyErrors: true });
}

/** Parses a theme file: JSON or YAML, a list of Theme records (or `{themes: [...]}`). */
export function parseThemes(text: string, source?: string): Theme[] {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new ThemeFileError([`not valid JSON or YAML: ${msg}`], { source, cause: err });
  }
  return validateThemes(data, source);
}

/** Themes given in code (`ThemeInput`): validated the same way as a file. */
export function normalizeThemes(themes: readonly ThemeInput[] | readonly Theme[], source = "themes"): Theme[] {
  return validateThemes(themes, source);
}
