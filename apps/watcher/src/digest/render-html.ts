import type { Digest, DigestItem, DigestSection } from "@corpus/model";
import { escapeHref, escapeHtml } from "./escape";
import { alsoIn, countsLine, digestTitle, formatDateTime, metaLine, remainingLine, whyLine, type RenderOptions } from "./format";

/*
 * A self-contained e-mail layout: inline styles only (mail clients drop <style> blocks and block
 * external resources), a single 640px column, system fonts. Every piece of feed text goes through
 * escapeHtml; the only hrefs are the canonical http(s) URLs of the digest JSON (built with the
 * model's canonicalUrl, which returns nothing for javascript:, data: and other schemes). The CSP
 * meta tag is a second line of defence for readers who open the .html file in a browser.
 */
const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const S = {
  body: `margin:0;padding:0;background:#f3f4f1;color:#1d232a;font-family:${FONT};font-size:15px;line-height:1.5;`,
  column: "max-width:640px;margin:0 auto;padding:24px 16px;",
  card: "background:#ffffff;border:1px solid #dfe2dc;border-radius:6px;padding:20px 24px;",
  h1: "margin:0 0 4px;font-size:22px;line-height:1.3;color:#12355b;",
  lead: "margin:0 0 16px;color:#4a5560;font-size:14px;",
  note: "margin:0 0 16px;padding:10px 12px;background:#fff6e0;border-left:4px solid #e0a100;font-size:14px;",
  h2: "margin:28px 0 2px;padding-top:12px;border-top:2px solid #12355b;font-size:18px;line-height:1.3;color:#12355b;",
  scope: "margin:0 0 12px;color:#5b6670;font-size:13px;font-style:italic;",
  item: "margin:0 0 16px;",
  h3: "margin:0 0 2px;font-size:16px;line-height:1.35;",
  a: "color:#0b5cad;text-decoration:underline;",
  meta: "margin:0;color:#5b6670;font-size:13px;",
  why: "margin:2px 0 0;color:#33404c;font-size:13px;",
  also: "margin:2px 0 0;color:#7a4b00;font-size:13px;",
  footer: "margin:20px 0 0;color:#7b858e;font-size:12px;",
};

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'";

function itemHtml(item: DigestItem, section: DigestSection, digest: Digest, options: RenderOptions): string {
  const title = escapeHtml(item.title);
  const heading = item.url ? `<a href="${escapeHref(item.url)}" style="${S.a}" rel="noopener noreferrer">${title}</a>` : title;
  const why = whyLine(item);
  const also = alsoIn(item, section, digest);
  return [
    `<div style="${S.item}">`,
    `<h3 style="${S.h3}">${heading}</h3>`,
    `<p style="${S.meta}">${escapeHtml(metaLine(item, options))}</p>`,
    why ? `<p style="${S.why}"><strong>Why:</strong> ${escapeHtml(why)}</p>` : "",
    also ? `<p style="${S.also}"><strong>Also in:</strong> ${escapeHtml(also)}</p>` : "",
    `</div>`,
  ].join("");
}

function sectionHtml(section: DigestSection, digest: Digest, options: RenderOptions): string {
  const scope = section.theme.scopeNote ? `<p style="${S.scope}">${escapeHtml(section.theme.scopeNote)}</p>` : "";
  const items = section.items.map((item) => itemHtml(item, section, digest, options)).join("\n");
  return `<h2 style="${S.h2}">${escapeHtml(section.theme.label)} <span style="color:#7b858e;font-weight:normal;">(${section.items.length})</span></h2>\n${scope}\n${items}`;
}

/** The HTML digest (the HTML part of the e-mail and the `.html` file). Pure. */
export function renderHtml(digest: Digest, options: RenderOptions = {}): string {
  const title = escapeHtml(digestTitle(digest, options));
  const remaining = remainingLine(digest);
  const sections = digest.sections.map((s) => sectionHtml(s, digest, options)).join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${title}</title>
</head>
<body style="${S.body}">
<div style="${S.column}">
<div style="${S.card}">
<h1 style="${S.h1}">${title}</h1>
<p style="${S.lead}">${escapeHtml(countsLine(digest))} · ${escapeHtml(formatDateTime(digest.createdAt, options.timeZone))}</p>
${remaining ? `<p style="${S.note}">${escapeHtml(remaining)}</p>` : ""}
${sections}
<p style="${S.footer}">Digest ${escapeHtml(digest.id)} · subscriber ${escapeHtml(digest.subscriber)} · channel ${escapeHtml(digest.channel)}</p>
</div>
</div>
</body>
</html>
`;
}
