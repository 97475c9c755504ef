import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeBody } from "./decode";
import { parseFeed } from "./parse";

const feed = (title: string, encoding?: string) =>
  `<?xml version="1.0"${encoding ? ` encoding="${encoding}"` : ""}?>\n<rss version="2.0"><channel><title>${title}</title>` +
  `<item><title>${title}</title><link>https://example.org/1</link></item></channel></rss>`;

const bom = (charset: "utf-8" | "utf-16le" | "utf-16be") =>
  ({ "utf-8": [0xef, 0xbb, 0xbf], "utf-16le": [0xff, 0xfe], "utf-16be": [0xfe, 0xff] })[charset];

function encode(text: string, charset: string, withBom = false): Buffer {
  const body = iconv.encode(text, charset);
  return withBom ? Buffer.concat([Buffer.from(bom(charset as "utf-8")), body]) : body;
}

async function titleOf(body: Buffer, contentType?: string) {
  const decoded = decodeBody(body, contentType);
  const parsed = await parseFeed(decoded.text, { url: "https://example.org/feed" });
  return { title: parsed.title, item: (parsed.items[0] as { title?: string }).title, charset: decoded.charset, warnings: decoded.warnings };
}

describe("decodeBody: the same feed in different encodings gives the same titles", () => {
  const groups: Array<{ title: string; variants: Array<[label: string, body: () => Buffer, contentType?: string]> }> = [
    {
      title: "Réfugiés à Genève: «Asyl» für 120 Personen",
      variants: [
        ["ISO-8859-1 declared", () => encode(feed("Réfugiés à Genève: «Asyl» für 120 Personen", "ISO-8859-1"), "latin1")],
        ["ISO-8859-1 from the header only", () => encode(feed("Réfugiés à Genève: «Asyl» für 120 Personen"), "latin1"), "application/rss+xml; charset=iso-8859-1"],
        ["windows-1252", () => encode(feed("Réfugiés à Genève: «Asyl» für 120 Personen", "windows-1252"), "windows-1252")],
        ["UTF-8 without declaration", () => encode(feed("Réfugiés à Genève: «Asyl» für 120 Personen"), "utf-8")],
        ["UTF-8 with BOM", () => encode(feed("Réfugiés à Genève: «Asyl» für 120 Personen", "UTF-8"), "utf-8", true)],
        ["UTF-16LE with BOM", () => encode(feed("Réfugiés à Genève: «Asyl» für 120 Personen", "UTF-16"), "utf-16le", true)],
        ["UTF-16BE with BOM", () => encode(feed("Réfugiés à Genève: «Asyl» für 120 Personen", "UTF-16"), "utf-16be", true)],
      ],
    },
    {
      title: "“Pushbacks” cost €2.5m – report",
      variants: [
        // Labelled ISO-8859-1 but written by Windows: 0x93/0x94 are curly quotes, 0x80 is €.
        ["ISO-8859-1 label, Windows-1252 bytes", () => encode(feed("“Pushbacks” cost €2.5m – report", "ISO-8859-1"), "windows-1252")],
        ["windows-1252 header", () => encode(feed("“Pushbacks” cost €2.5m – report"), "windows-1252"), "text/xml; charset=windows-1252"],
        ["US-ASCII label", () => encode(feed("“Pushbacks” cost €2.5m – report", "us-ascii"), "windows-1252")],
        ["UTF-8", () => encode(feed("“Pushbacks” cost €2.5m – report", "utf-8"), "utf-8")],
        ["UTF-16LE with BOM", () => encode(feed("“Pushbacks” cost €2.5m – report"), "utf-16le", true)],
      ],
    },
    {
      title: "難民認定申請、入管法改正へ",
      variants: [
        ["Shift_JIS declared", () => encode(feed("難民認定申請、入管法改正へ", "Shift_JIS"), "shift_jis")],
        ["Shift_JIS header", () => encode(feed("難民認定申請、入管法改正へ"), "shift_jis"), "application/xml; charset=Shift_JIS"],
        ["EUC-JP", () => encode(feed("難民認定申請、入管法改正へ", "EUC-JP"), "euc-jp")],
        ["UTF-8", () => encode(feed("難民認定申請、入管法改正へ"), "utf-8")],
        ["UTF-16BE with BOM", () => encode(feed("難民認定申請、入管法改正へ", "UTF-16"), "utf-16be", true)],
        ["UTF-16LE without BOM", () => encode(feed("難民認定申請、入管法改正へ", "UTF-16"), "utf-16le")],
      ],
    },
    {
      title: "Беженцы: новые правила",
      variants: [
        ["KOI8-R", () => encode(feed("Беженцы: новые правила", "KOI8-R"), "koi8-r")],
        ["windows-1251", () => encode(feed("Беженцы: новые правила", "windows-1251"), "windows-1251")],
        ["UTF-8", () => encode(feed("Беженцы: новые правила"), "utf-8")],
      ],
    },
    {
      title: "难民署：全球流离失所者人数创新高",
      variants: [
        ["GB2312 label", () => encode(feed("难民署：全球流离失所者人数创新高", "GB2312"), "gbk")],
        ["GBK", () => encode(feed("难民署：全球流离失所者人数创新高", "GBK"), "gbk")],
        ["GB18030", () => encode(feed("难民署：全球流离失所者人数创新高", "GB18030"), "gb18030")],
        ["UTF-8", () => encode(feed("难民署：全球流离失所者人数创新高"), "utf-8")],
      ],
    },
  ];

  for (const group of groups) {
    it.each(group.variants)(`${group.title} — %s`, async (_label, body, contentType) => {
      const got = await titleOf(body(), contentType);
      expect(got.title).toBe(group.title);
      expect(got.item).toBe(group.title);
    });
  }
});

describe("decodeBody: precedence and fallbacks", () => {
  const latin = () => encode(feed("Müller", "ISO-8859-1"), "latin1");

  it("a BOM beats the header and the declaration", () => {
    const body = encode(feed("Müller", "ISO-8859-1"), "utf-8", true);
    expect(decodeBody(body, "text/xml; charset=windows-1252")).toMatchObject({ charset: "utf-8" });
    expect(decodeBody(body, "text/xml; charset=windows-1252").text).toContain("Müller");
  });

  it("the header charset beats the XML declaration (RFC 7303)", () => {
    const body = encode(feed("Müller", "ISO-8859-1"), "utf-8");
    const decoded = decodeBody(body, "application/rss+xml; charset=utf-8");
    expect(decoded.charset).toBe("utf-8");
    expect(decoded.text).toContain("Müller");
    expect(decoded.warnings).toEqual([]);
  });

  it("a header claiming UTF-8 over non-UTF-8 bytes yields to the declaration, with a warning", () => {
    const decoded = decodeBody(latin(), "text/xml; charset=UTF-8");
    expect(decoded.charset).toBe("windows-1252");
    expect(decoded.text).toContain("Müller");
    expect(decoded.warnings.join()).toMatch(/not UTF-8/);
  });

  it("maps ISO-8859-1 to Windows-1252 as browsers do", () => {
    expect(decodeBody(latin()).charset).toBe("windows-1252");
  });

  it("sniffs Windows-1252 when nothing is declared and the bytes are not UTF-8", () => {
    const decoded = decodeBody(encode(feed("Müller"), "latin1"));
    expect(decoded).toMatchObject({ charset: "windows-1252" });
    expect(decoded.text).toContain("Müller");
    expect(decoded.warnings.join()).toMatch(/windows-1252/);
  });

  it("an unknown charset falls back to UTF-8 with a warning", () => {
    const decoded = decodeBody(encode(feed("Müller", "x-klingon"), "utf-8"), "text/xml; charset=x-martian");
    expect(decoded.charset).toBe("utf-8");
    expect(decoded.text).toContain("Müller");
    expect(decoded.warnings).toHaveLength(2);
    expect(decoded.warnings.join()).toMatch(/x-martian.*x-klingon/);
  });

  it("ignores a UTF-16 label on a body that is plainly not UTF-16", () => {
    const decoded = decodeBody(encode(feed("Müller", "UTF-16"), "utf-8"));
    expect(decoded.charset).toBe("utf-8");
    expect(decoded.text).toContain("Müller");
  });

  it("keeps UTF-8 with replacement characters (and says so) when the declared UTF-8 is broken", () => {
    const body = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="utf-8"?><rss><channel><title>a'), Buffer.from([0xff]), Buffer.from("b</title></channel></rss>")]);
    const decoded = decodeBody(body);
    expect(decoded.text).toContain("a\uFFFDb");
    expect(decoded.warnings.join()).toMatch(/not valid UTF-8/);
  });

  it("removes the BOM and the declaration's encoding from the text", () => {
    const decoded = decodeBody(encode(feed("x", "Shift_JIS"), "utf-8", true));
    expect(decoded.text.startsWith('<?xml version="1.0"?>')).toBe(true);
  });

  it("reads quoted charset parameters", () => {
    expect(decodeBody(latin(), 'text/xml; charset="windows-1252"').charset).toBe("windows-1252");
  });
});
