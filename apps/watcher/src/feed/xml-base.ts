/** Resolving relative references the way xml:base (and RFC 4287 for Atom) says. */

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

export function isAbsolute(href: string): boolean {
  return ABSOLUTE.test(href.trim());
}

/** `href` resolved against `base`; unchanged when it is absolute or cannot be resolved. */
export function resolveHref(href: string, base: string | undefined): string {
  const trimmed = href.trim();
  if (base === undefined || isAbsolute(trimmed)) return href;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return href;
  }
}

const unescapeAttr = (v: string) => v.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
export const escapeAttr = (v: string) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** The value of one attribute in a (repaired) tag, unescaped. */
const patterns = new Map<string, RegExp>();

export function attributeOf(tag: string, name: string): string | undefined {
  let pattern = patterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    patterns.set(name, pattern);
  }
  const m = pattern.exec(tag);
  const raw = m?.[1] ?? m?.[2];
  return raw === undefined ? undefined : unescapeAttr(raw);
}

/** The tag with a relative `href` attribute made absolute against `base`. */
export function absolutiseHref(tag: string, base: string | undefined): string {
  if (base === undefined) return tag;
  return tag.replace(/(\shref\s*=\s*)(["'])([^"']*)\2/, (m, lead: string, _q: string, value: string) => {
    const href = unescapeAttr(value);
    if (isAbsolute(href)) return m;
    const resolved = resolveHref(href, base);
    return resolved === href ? m : `${lead}"${escapeAttr(resolved)}"`;
  });
}
