import type { Digest } from "@corpus/model";
import { oneLine } from "./escape";
import { alsoIn, countsLine, digestTitle, formatDateTime, metaLine, remainingLine, whyLine, type RenderOptions } from "./format";

/** The plain-text digest (the text part of the e-mail and the `.txt` file). Pure. */
export function renderText(digest: Digest, options: RenderOptions = {}): string {
  const lines: string[] = [digestTitle(digest, options), `${countsLine(digest)} · ${formatDateTime(digest.createdAt, options.timeZone)}`];
  const remaining = remainingLine(digest);
  if (remaining) lines.push("", remaining);
  for (const section of digest.sections) {
    const heading = `${oneLine(section.theme.label)} (${section.items.length})`;
    lines.push("", heading, "=".repeat(Math.min(heading.length, 72)));
    if (section.theme.scopeNote) lines.push(oneLine(section.theme.scopeNote));
    section.items.forEach((item, i) => {
      lines.push("", `${i + 1}. ${oneLine(item.title)}`);
      if (item.url) lines.push(`   ${item.url}`);
      lines.push(`   ${metaLine(item, options)}`);
      const why = whyLine(item);
      if (why) lines.push(`   Why: ${why}`);
      const also = alsoIn(item, section, digest);
      if (also) lines.push(`   Also in: ${also}`);
    });
  }
  lines.push("", "--", `Digest ${digest.id} · subscriber ${digest.subscriber} · channel ${digest.channel}`);
  return `${lines.join("\n")}\n`;
}
