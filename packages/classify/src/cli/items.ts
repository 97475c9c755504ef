import type { ClassifyInput, LabelledItem } from "../index";

/** The text fields of an input line; every one present is used. */
export const TEXT_FIELDS = ["title", "summary", "description", "text", "content"] as const;

/** One parsed JSON Lines item, or why the line cannot be used (with the id when it was readable). */
export type ParsedLine<T> = { ok: true; item: T } | { ok: false; error: string; id?: string | number };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasText(value: string): boolean {
  // HTML is allowed; markup or entities alone ("<p></p>", "&nbsp;") are not text.
  return /[\p{L}\p{N}]/u.test(value.replace(/<[^>]*>|&[#a-z0-9]+;/gi, " "));
}

/**
 * Parses one JSON Lines item to classify: an object with an optional `id` (string or number) and
 * at least one non-empty text field. Unknown fields are ignored; `null` counts as absent.
 */
export function parseItemLine(line: string): ParsedLine<ClassifyInput> {
  const json = parseJson(line);
  return json.ok ? parseItem(json.value) : json;
}

function parseJson(line: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(line) };
  } catch (err) {
    return { ok: false, error: `invalid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function parseItem(value: unknown): ParsedLine<ClassifyInput> {
  if (!isRecord(value)) {
    return { ok: false, error: `expected a JSON object, got ${Array.isArray(value) ? "an array" : typeof value === "object" ? "null" : `a ${typeof value}`}` };
  }
  const item: ClassifyInput = {};
  const rawId = value["id"];
  if (rawId !== undefined && rawId !== null) {
    if (typeof rawId === "string" || (typeof rawId === "number" && Number.isFinite(rawId))) item.id = rawId;
    else return { ok: false, error: `"id" must be a string or a number, got ${typeof rawId}` };
  }
  const fail = (error: string): ParsedLine<ClassifyInput> =>
    item.id === undefined ? { ok: false, error } : { ok: false, error, id: item.id };
  let any = false;
  for (const field of TEXT_FIELDS) {
    const v = value[field];
    if (v === undefined || v === null) continue;
    if (typeof v !== "string") return fail(`"${field}" must be a string, got ${typeof v}`);
    item[field] = v;
    if (hasText(v)) any = true;
  }
  if (!any) return fail(`no text: expected a non-empty ${TEXT_FIELDS.join(", ")}`);
  return { ok: true, item };
}

/** Parses one labelled item: an item as for {@link parseItemLine} plus `themes`, an array of theme ids. */
export function parseLabelledLine(line: string): ParsedLine<LabelledItem> {
  const json = parseJson(line);
  if (!json.ok) return json;
  const parsed = parseItem(json.value);
  if (!parsed.ok) return parsed;
  const themes = (json.value as Record<string, unknown>)["themes"];
  const id = parsed.item.id;
  const fail = (error: string): ParsedLine<LabelledItem> => (id === undefined ? { ok: false, error } : { ok: false, error, id });
  if (!Array.isArray(themes)) return fail(`"themes" must be an array of theme ids`);
  if (!themes.every((t): t is string => typeof t === "string")) return fail(`"themes" must hold only strings`);
  return { ok: true, item: { ...parsed.item, themes: [...new Set(themes)] } };
}
