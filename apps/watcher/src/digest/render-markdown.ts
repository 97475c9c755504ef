import type { Digest } from "@corpus/model";
import { escapeMarkdown } from "./escape";
import { alsoIn, countsLine, digestTitle, formatDateTime, metaLine, remainingLine, whyLine, type RenderOptions } from "./format";

/** A Markdown link, or the escaped text alone when there is no safe http(s) URL. */
function link(text: string, url: string | undefined): string {
  return url ? `[${escapeMarkdown(text)}](<${url}>)` : escapeMarkdown(text);
}

/**
 * The Markdown digest (`.md` file). Every piece of feed text goes through escapeMarkdown; URLs are
 * the canonical http(s) URLs of the digest JSON (the WHATWG serialiser percent-encodes `<`, `>` and
 * spaces, so they cannot leave the `<...>` destination). Pure.
 */
export function renderMarkdown(digest: Digest, options: RenderOptions = {}): string {
  const out: string[] = [`# ${escapeMarkdown(digestTitle(digest, options))}`, "", `**${escapeMarkdown(countsLine(digest))}** · ${escapeMarkdown(formatDateTime(digest.createdAt, options.timeZone))}`];
  const remaining = remainingLine(digest);
  if (remaining) out.push("", `> ${escapeMarkdown(remaining)}`);
  for (const section of digest.sections) {
    out.push("", `## ${escapeMarkdown(section.theme.label)} (${section.items.length})`);
    if (section.theme.scopeNote) out.push("", `*${escapeMarkdown(section.theme.scopeNote)}*`);
    for (const item of section.items) {
      out.push("", `### ${link(item.title, item.url)}`, "", `- ${escapeMarkdown(metaLine(item, options))}`);
      const why = whyLine(item);
      if (why) out.push(`- Why: ${escapeMarkdown(why)}`);
      const also = alsoIn(item, section, digest);
      if (also) out.push(`- Also in: ${escapeMarkdown(also)}`);
    }
  }
  out.push("", "---", "", `Digest \`${digest.id}\` · subscriber ${escapeMarkdown(digest.subscriber)} · channel ${escapeMarkdown(digest.channel)}`);
  return `${out.join("\n")}\n`;
}
