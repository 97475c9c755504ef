/** A saved model that cannot be used: corrupt JSON, another format version, or invalid content. */
export class ModelFormatError extends Error {
  override readonly name = "ModelFormatError";
  /** Where the model came from (a path, "default model", ...), when known. */
  readonly source: string | undefined;
  constructor(message: string, options: { source?: string; cause?: unknown } = {}) {
    super(`[classify] ${options.source ? `${options.source}: ` : ""}${message}`, { cause: options.cause });
    this.source = options.source;
  }
}

/** A theme list that cannot be used; the message names the source, the theme index and field. */
export class ThemeFileError extends Error {
  override readonly name = "ThemeFileError";
  readonly source: string | undefined;
  /** One line per problem: "themes[3].keywords[0].weight: ...". */
  readonly issues: readonly string[];
  constructor(issues: readonly string[], options: { source?: string; cause?: unknown } = {}) {
    const where = options.source ?? "themes";
    super(`[classify] ${where}: invalid theme list:\n  ${issues.join("\n  ")}`, { cause: options.cause });
    this.source = options.source;
    this.issues = issues;
  }
}
