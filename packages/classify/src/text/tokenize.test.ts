import { describe, expect, it } from "vitest";
import { analyze } from "./analyze";
import { tokenize } from "./tokenize";

const stems = (text: string) => tokenize(text).stems;
const words = (text: string) => tokenize(text).words;
const stemOf = (word: string) => {
  const s = stems(word);
  expect(s).toHaveLength(1);
  return s[0];
};

describe("spelling and domain terms before stemming", () => {
  it.each([
    ["instrumentalised", "instrumentalized"],
    ["instrumentalisation", "instrumentalization"],
    ["weaponisation", "weaponized"],
    ["externalisation", "externalization"],
    ["organisation", "organizations"],
    ["labour", "labor"],
    ["centres", "center"],
    ["travelled", "traveled"],
    ["regularisation", "regularization"],
    ["securitisation", "securitized"],
    ["smugglers", "smuggling"],
    ["traffickers", "trafficking"],
    ["migrants", "migration"],
    ["detention", "detainees"],
    ["programme", "programs"],
  ])("%s ~ %s", (a, b) => {
    expect(stemOf(a)).toBe(stemOf(b));
  });

  it.each([
    ["instrumentalisation", "instruments"],
    ["weaponisation", "weapons"],
    ["securitisation", "security"],
    ["organisation", "organs"],
    ["news", "new"],
    ["integrity", "integration"],
    ["community", "communication"],
    ["regularisation", "regular"],
  ])("%s is kept apart from %s", (a, b) => {
    expect(stemOf(a)).not.toBe(stemOf(b));
  });

  it("leaves -ise words that are not the -ize suffix alone", () => {
    expect(words("exercise promise advised raised expertise compromise")).toEqual([
      "exercise",
      "promise",
      "advised",
      "raised",
      "expertise",
      "compromise",
    ]);
  });

  it("normalises plurals for phrase matching without touching words that only look plural", () => {
    expect(words("policies crises visas statuses movements news series")).toEqual([
      "policy",
      "crisis",
      "visa",
      "status",
      "movement",
      "news",
      "series",
    ]);
  });
});

describe("characters", () => {
  it("folds case and diacritics, keeps non-Latin letters", () => {
    expect(words("Mandić in TÜRKIYE, São Paulo, Łódź, Straße")).toEqual(["mandic", "turkiye", "sao", "paulo", "lodz", "strasse"]);
    expect(words("Беженцы")).toEqual(["беженцы"]);
  });

  it("applies NFKC (ligatures, full-width letters)", () => {
    expect(words("ﬁnancial ＥＵ")).toEqual(["financial", "eu"]);
  });

  it("drops possessives with straight and curly apostrophes, joins other inner apostrophes", () => {
    expect(words("the EU's pact, the EU’s pact, migrants’ rights, Côte d’Ivoire")).toEqual([
      "eu",
      "pact",
      "eu",
      "pact",
      "migrant",
      "right",
      "cote",
      "divoire",
    ]);
  });

  it("gives the same tokens on the ASCII fast path and the Unicode path", () => {
    const plain = "Frontex says crossings rose; the agency’s report – published today – counts 1,200.";
    // "ß" sends the whole text down the Unicode path.
    const unicode = `${plain} Straße`;
    expect(words(unicode).slice(0, -1)).toEqual(words(plain));
    expect(stems(unicode).slice(0, -1)).toEqual(stems(plain));
  });

  it("drops stop words, numbers and one-letter tokens", () => {
    expect(words("In 2023, a number of the people who were returned")).toEqual(["number", "people", "returned"]);
  });
});

describe("noise", () => {
  it("reads HTML as text", () => {
    expect(words("<p>Border <b>guards</b> &amp; <a href='https://x.example/frontex'>coast guards</a></p>")).toEqual([
      "border",
      "guard",
      "coast",
      "guard",
    ]);
  });

  it("removes URLs and feed boilerplate", () => {
    expect(words("Project News: Workshop on return https://www.icmpd.org/news?id=3 Read more...")).toEqual([
      "workshop",
      "return",
    ]);
    expect(words("More information about the event is available online. Dublin transfers")).toEqual(["dublin", "transfer"]);
  });

  it("is deterministic across repeated calls (memo)", () => {
    const text = "Secondary movements of asylum seekers across internal borders";
    expect(tokenize(text)).toEqual(tokenize(text));
  });
});

describe("analyze: phrases on token boundaries", () => {
  it("finds the domain phrases after light normalisation", () => {
    const a = analyze("Integrated Border Management and assisted voluntary returns; secondary movements in the EU");
    expect(a.phrases).toEqual([
      "integrated border management",
      "border management",
      "assisted voluntary return",
      "secondary movement",
    ]);
  });

  it("does not join words across other words", () => {
    const a = analyze("secondary education for troop movements");
    expect(a.phrases).toEqual([]);
    expect(a.tokens).toContain("movement");
  });

  it("matches a given phrase list only on whole words", () => {
    const list = ["border tax", "return on investment"];
    expect(analyze("A cross-border taxation plan", { phrases: list }).phrases).toEqual([]);
    expect(analyze("The return on investment of heat pumps", { phrases: list }).phrases).toEqual(["return investment"]);
  });
});
