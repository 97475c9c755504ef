import type { z } from "zod";
import { DocumentSchema } from "./document";
import type { Document } from "./document";

/** One problem in a JSON Lines file: 1-based line, the field path (`authors[0].name`) and what is wrong. */
export interface RecordError {
  line: number;
  /** `(line)` when the line is not JSON at all, `(record)` when the record as a whole is wrong. */
  field: string;
  message: string;
}

export interface JsonLinesResult<T> {
  records: T[];
  errors: RecordError[];
}

/** `["authors", 0, "name"]` → `authors[0].name`, the way people write paths in error reports. */
export function formatFieldPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return "(record)";
  return path
    .map((key, index) => {
      if (typeof key === "number") return `[${key}]`;
      const name = String(key);
      return /^[A-Za-z_$][\w$:-]*$/.test(name) ? (index === 0 ? name : `.${name}`) : `[${JSON.stringify(name)}]`;
    })
    .join("");
}

/** The parse loop, keeping each record's line so callers can report on records later. */
function parseLines<S extends z.ZodType>(text: string, schema: S): { entries: Array<{ line: number; record: z.output<S> }>; errors: RecordError[] } {
  const entries: Array<{ line: number; record: z.output<S> }> = [];
  const errors: RecordError[] = [];
  text
    .replace(/^\uFEFF/, "")
    .split("\n")
    .forEach((raw, index) => {
      const line = index + 1;
      if (raw.trim() === "") return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (error) {
        errors.push({ line, field: "(line)", message: `not valid JSON (${error instanceof Error ? error.message : String(error)})` });
        return;
      }
      const parsed = schema.safeParse(value);
      if (parsed.success) entries.push({ line, record: parsed.data });
      else for (const issue of parsed.error.issues) errors.push({ line, field: formatFieldPath(issue.path), message: issue.message });
    });
  return { entries, errors };
}

/**
 * Parses JSON Lines text record by record against `schema`. Blank lines are skipped; a line that is
 * not JSON gives one error with field `(line)`; an invalid record gives one error per schema issue.
 * Parsing continues after errors, so one run reports every problem in a file.
 *
 * Takes text, not a path: reading the file is the caller's job (this package does no I/O).
 *
 * @example parseJsonLines(text, ThemeSchema) // { records: Theme[], errors: RecordError[] }
 */
export function parseJsonLines<S extends z.ZodType>(text: string, schema: S): JsonLinesResult<z.output<S>> {
  const { entries, errors } = parseLines(text, schema);
  return { records: entries.map((entry) => entry.record), errors };
}

/**
 * Parses a corpus file: JSON Lines of {@link Document}s, with the errors of {@link parseJsonLines}.
 * A repeated id is reported on the later line (field `id`) and that later record is left out, so
 * every returned document has a distinct id. No file access: the caller reads the file.
 *
 * @example
 * const { documents, errors } = parseCorpusJsonl(await readFile("corpus/documents.jsonl", "utf8"));
 * if (errors.length > 0) process.stderr.write(formatRecordErrors(errors, "corpus/documents.jsonl"));
 */
export function parseCorpusJsonl(text: string): { documents: Document[]; errors: RecordError[] } {
  const { entries, errors } = parseLines(text, DocumentSchema);
  const firstLine = new Map<string, number>();
  const documents: Document[] = [];
  for (const { line, record } of entries) {
    const first = firstLine.get(record.id);
    if (first === undefined) {
      firstLine.set(record.id, line);
      documents.push(record);
    } else {
      errors.push({ line, field: "id", message: `duplicate id "${record.id}" (first on line ${first}); record skipped` });
    }
  }
  errors.sort((a, b) => a.line - b.line);
  return { documents, errors };
}

/**
 * Renders errors one per line as `file:line: field: message` (or `line N: field: message` without
 * a file), ready for a terminal or a CI log.
 */
export function formatRecordErrors(errors: readonly RecordError[], file?: string): string {
  return errors
    .map((error) => `${file === undefined ? `line ${error.line}` : `${file}:${error.line}`}: ${error.field}: ${error.message}`)
    .join("\n");
}
