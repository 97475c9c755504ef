import { DigestSchema, type Digest } from "@corpus/model";
import { digestSubject, type RenderOptions } from "./format";
import { renderHtml } from "./render-html";
import { renderMarkdown } from "./render-markdown";
import { renderText } from "./render-text";

/** A digest in every form a channel sends: the JSON contract plus three human-readable renderings. */
export interface RenderedDigest {
  digest: Digest;
  /** The JSON body (webhook body, `.json` file); exactly these bytes are signed. */
  json: string;
  markdown: string;
  html: string;
  text: string;
  /** E-mail subject line. */
  subject: string;
}

/** Thrown when a built digest does not satisfy the @corpus/model Digest schema (a bug, never sent). */
export class InvalidDigestError extends Error {
  override name = "InvalidDigestError";
}

/** Validates the digest against DigestSchema, then renders it. Pure. */
export function renderDigest(digest: Digest, options: RenderOptions = {}): RenderedDigest {
  const checked = DigestSchema.safeParse(digest);
  if (!checked.success) {
    const problems = checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new InvalidDigestError(`[corpus-watcher] [digest] digest ${digest.id} does not match the Digest schema: ${problems}`);
  }
  const valid = checked.data;
  return {
    digest: valid,
    json: `${JSON.stringify(valid, null, 2)}\n`,
    markdown: renderMarkdown(valid, options),
    html: renderHtml(valid, options),
    text: renderText(valid, options),
    subject: digestSubject(valid, options),
  };
}
