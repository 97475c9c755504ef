import { HTML_ENTITIES } from "./html-entities";

/** What `repairReferences` changed, for warnings. */
export interface ReferenceCounts {
  html: number;
  unknown: number;
  bare: number;
  invalid: number;
}

const XML_ENTITIES = new Set(["amp", "lt", "gt", "quot", "apos"]);

/** Characters XML 1.0 forbids even as references; the XML parser rejects some of them. */
export const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/**
 * Makes character references well-formed: HTML named entities (`&nbsp;`) become numeric references,
 * unknown names and bare ampersands become `&amp;`, references to characters XML forbids are dropped.
 */
export function repairReferences(segment: string, counts: ReferenceCounts): string {
  return segment.replace(/&(?:#(\d{1,8});|#[xX]([0-9a-fA-F]{1,8});|([A-Za-z][A-Za-z0-9]*);)?/g, (m, dec?: string, hex?: string, name?: string) => {
    if (dec !== undefined || hex !== undefined) {
      if (isXmlChar(dec !== undefined ? Number(dec) : parseInt(hex ?? "", 16))) return m;
      counts.invalid++;
      return "";
    }
    if (name === undefined) return (counts.bare++, "&amp;");
    if (XML_ENTITIES.has(name)) return m;
    const cp = HTML_ENTITIES.get(name);
    if (cp !== undefined) return (counts.html++, `&#${cp};`);
    return (counts.unknown++, `&amp;${name};`);
  });
}
