import iconv from "iconv-lite";

/** The decoded text of a feed body and the charset it was read as. */
export interface DecodedBody {
  text: string;
  /** Canonical name of the charset used, e.g. "utf-8", "windows-1252", "shift_jis". */
  charset: string;
  /** Why the charset is a guess (unknown label, bytes that contradict the label). */
  warnings: string[];
}

/**
 * Labels decoded as a superset, as browsers do (WHATWG Encoding): ISO-8859-1 and ASCII feeds
 * regularly contain Windows-1252 curly quotes and €, GB2312 feeds GBK characters, and so on.
 */
const SUPERSETS: Record<string, string> = {
  "iso-8859-1": "windows-1252",
  "iso8859-1": "windows-1252",
  iso_8859_1: "windows-1252",
  "iso_8859-1": "windows-1252",
  latin1: "windows-1252",
  "l1": "windows-1252",
  "us-ascii": "windows-1252",
  ascii: "windows-1252",
  "ansi_x3.4-1968": "windows-1252",
  cp1252: "windows-1252",
  "x-cp1252": "windows-1252",
  "iso-8859-9": "windows-1254",
  "iso-8859-11": "windows-874",
  "tis-620": "windows-874",
  gb2312: "gbk",
  "x-gbk": "gbk",
  gb_2312: "gbk",
  "gb_2312-80": "gbk",
  "shift-jis": "shift_jis",
  sjis: "shift_jis",
  "x-sjis": "shift_jis",
  "ms_kanji": "shift_jis",
  "windows-31j": "shift_jis",
  "euc-kr": "cp949",
  "ks_c_5601-1987": "cp949",
  "x-euc-jp": "euc-jp",
  big5: "big5hkscs",
  "x-mac-roman": "macintosh",
  "utf8": "utf-8",
  "unicode-1-1-utf-8": "utf-8",
  "utf-16": "utf-16le",
  unicode: "utf-16le",
};

/** Shift_JIS as Windows writes it (NEC and IBM extensions), which is what Japanese feeds use. */
const ICONV_NAME: Record<string, string> = { shift_jis: "cp932" };

function normaliseLabel(label: string): string {
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, "");
  return SUPERSETS[l] ?? l;
}

function isUtf16(charset: string): boolean {
  return charset === "utf-16le" || charset === "utf-16be";
}

function bomCharset(body: Buffer): { charset: string; length: number } | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { charset: "utf-8", length: 3 };
  if (body[0] === 0xff && body[1] === 0xfe) return { charset: "utf-16le", length: 2 };
  if (body[0] === 0xfe && body[1] === 0xff) return { charset: "utf-16be", length: 2 };
  return undefined;
}

/** `<?xml` written in UTF-16 without a BOM (XML 1.0 appendix F). */
function utf16WithoutBom(body: Buffer): string | undefined {
  if (body[0] === 0x3c && body[1] === 0x00 && body[2] === 0x3f && body[3] === 0x00) return "utf-16le";
  if (body[0] === 0x00 && body[1] === 0x3c && body[2] === 0x00 && body[3] === 0x3f) return "utf-16be";
  return undefined;
}

/** The charset parameter of a Content-Type header, if any. */
export function headerCharset(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType ?? "");
  return match?.[2];
}

/** The encoding pseudo-attribute of an XML declaration at the start of the body. */
function declaredCharset(body: Buffer): string | undefined {
  const head = body.subarray(0, 1024).toString("latin1").replace(/^\s+/, "");
  const match = /^<\?xml\s[^>]*?\bencoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)\s*["']/.exec(head);
  return match?.[1];
}

function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function decodeAs(bytes: Buffer, charset: string): string {
  if (charset === "utf-8") return new TextDecoder("utf-8").decode(bytes);
  return iconv.decode(bytes, ICONV_NAME[charset] ?? charset, { stripBOM: true });
}

function supported(charset: string): boolean {
  return charset === "utf-8" || iconv.encodingExists(ICONV_NAME[charset] ?? charset);
}

/**
 * Removes the encoding pseudo-attribute from a leading XML declaration: once the body is a JS string
 * the declared encoding no longer describes it, and a parser must not re-interpret it.
 */
export function stripXmlEncoding(text: string): string {
  // Only the declaration is looked at: the pattern is cheap on 1 KB, not on a whole body.
  const head = text.slice(0, 1024).replace(/^(\s*<\?xml\b[^>]*?)\s+encoding\s*=\s*(["'])[^"']*\2/, "$1");
  return head + text.slice(1024);
}

/**
 * Decodes a feed body to text. Precedence: a byte-order mark, then the charset of the Content-Type
 * header, then the XML declaration's encoding, then UTF-8 if the bytes are valid UTF-8, else
 * Windows-1252. The header wins over the declaration as RFC 7303 (XML media types) says and
 * browsers do: a proxy that transcodes a feed fixes the header, not the document. One exception,
 * because misconfigured servers stamp "charset=utf-8" on everything: when the header says UTF-8 but
 * the bytes are not UTF-8 and the declaration names another charset, the declaration is used.
 * Labels are mapped as browsers map them (ISO-8859-1 and ASCII decode as Windows-1252, GB2312 as
 * GBK); an unknown charset decodes as UTF-8 with a warning. A leading BOM is removed and the XML
 * declaration's encoding attribute is stripped (see `stripXmlEncoding`).
 */
export function decodeBody(body: Buffer, contentType?: string): DecodedBody {
  const warnings: string[] = [];
  const finish = (charset: string, bytes: Buffer): DecodedBody => {
    const text = decodeAs(bytes, charset).replace(/^\uFEFF/, "");
    return { text: stripXmlEncoding(text), charset, warnings };
  };

  const bom = bomCharset(body);
  if (bom) return finish(bom.charset, body.subarray(bom.length));

  const sniffed16 = utf16WithoutBom(body);
  const fromHeader = headerCharset(contentType);
  const fromDecl = sniffed16 ? undefined : declaredCharset(body);
  let charset: string | undefined;

  for (const [source, label] of [
    ["Content-Type header", fromHeader],
    ["XML declaration", fromDecl],
  ] as const) {
    if (label === undefined || charset !== undefined) continue;
    const candidate = normaliseLabel(label);
    if (!supported(candidate)) {
      warnings.push(`unknown charset "${label}" in the ${source}; ignored`);
      continue;
    }
    // A UTF-16 label on a body that starts like ASCII XML (no BOM, no zero bytes) is wrong.
    if (isUtf16(candidate) && !sniffed16 && body.length >= 2 && body[0] !== 0 && body[1] !== 0) {
      warnings.push(`the ${source} says ${label} but the body is not UTF-16; ignored`);
      continue;
    }
    charset = candidate;
  }

  if (charset === "utf-8" && fromHeader !== undefined && fromDecl !== undefined && !isValidUtf8(body)) {
    const declared = normaliseLabel(fromDecl);
    if (declared !== "utf-8" && supported(declared)) {
      warnings.push(`the Content-Type header says ${fromHeader} but the body is not UTF-8; using the XML declaration's ${fromDecl}`);
      charset = declared;
    }
  }

  if (charset === undefined && sniffed16) charset = sniffed16;
  if (charset === undefined) {
    if (isValidUtf8(body)) charset = "utf-8";
    else {
      warnings.push("no charset declared and the body is not UTF-8; decoded as windows-1252");
      charset = "windows-1252";
    }
  } else if (charset === "utf-8" && !isValidUtf8(body)) {
    warnings.push("the body is not valid UTF-8; invalid bytes replaced with U+FFFD");
  }
  return finish(charset, body);
}
