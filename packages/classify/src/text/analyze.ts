import { maintainMemo } from "./memo";
import { tokenize } from "./tokenize";

/**
 * Multi-word units of the migration-policy domain that `analyze` reports when no phrase list is
 * given (theme files bring their own phrases; these are for inspection and benchmarks).
 */
export const DOMAIN_PHRASES: readonly string[] = [
  "secondary movements", "integrated border management", "assisted voluntary return",
  "assisted voluntary return and reintegration", "forced return", "readmission agreement",
  "dublin regulation", "dublin transfer", "solidarity mechanism", "responsibility sharing",
  "internal border controls", "relocation scheme", "non-refoulement", "collective expulsion",
  "search and rescue", "unaccompanied minors", "human rights", "human security",
  "international protection", "temporary protection", "subsidiary protection",
  "common european asylum system", "pact on migration and asylum", "reception centre",
  "reception conditions", "asylum procedure", "safe third country", "safe country of origin",
  "border procedure", "border guards", "border management", "border surveillance",
  "document fraud", "irregular crossings", "human trafficking", "trafficking in human beings",
  "migrant smuggling", "forced labour", "sexual exploitation", "labour exploitation",
  "legal pathways", "labour migration", "labour mobility", "talent partnership",
  "seasonal workers", "family reunification", "humanitarian admission", "resettlement programme",
  "community sponsorship", "root causes", "drivers of migration", "transit countries",
  "countries of origin", "migration partnership", "rabat process", "khartoum process",
  "budapest process", "prague process", "humanitarian-development-peace nexus", "remittances",
  "brain drain", "diaspora engagement", "migration and development", "local authorities",
  "multi-level governance", "city-to-city", "labour market", "social inclusion",
  "recognition of qualifications", "language courses", "public opinion", "hate speech",
  "anti-migrant", "migration narratives", "hybrid threat", "instrumentalised migration",
  "weaponisation of migration", "early warning", "migration statistics", "entry/exit system",
  "artificial intelligence", "data protection", "capacity building", "technical assistance",
  "peer-to-peer", "study visit", "summer school", "humanitarian aid", "internally displaced",
  "refugee camp", "cash assistance", "host communities",
];

export interface Lexicon {
  readonly byFirst: ReadonlyMap<string, readonly (readonly string[])[]>;
}

/** Indexes phrases by their first light word (phrases normalised like text). */
export function compileLexicon(phrases: readonly string[]): Lexicon {
  const byFirst = new Map<string, string[][]>();
  for (const p of phrases) {
    const words = tokenize(p).words;
    const first = words[0];
    if (first === undefined) continue;
    const list = byFirst.get(first);
    if (list) list.push(words);
    else byFirst.set(first, [words]);
  }
  return { byFirst };
}

let domain: Lexicon | undefined;
export function domainLexicon(): Lexicon {
  return (domain ??= compileLexicon(DOMAIN_PHRASES));
}

export interface Analysis {
  /** TF-IDF terms: Porter stems of the content words, in text order. */
  tokens: string[];
  /**
   * Multi-word units found on token boundaries after light normalisation, one entry per
   * occurrence, in normalised form ("secondary movement"): the given `phrases`, or by default
   * `DOMAIN_PHRASES`.
   */
  phrases: string[];
  /** Light-normalised content words (spelling and plurals normalised, not stemmed). */
  words: string[];
}

/** The text pipeline, exposed for tests, benchmarks and debugging. */
export function analyze(text: string, options: { phrases?: readonly string[] } = {}): Analysis {
  maintainMemo();
  const { words, stems } = tokenize(text);
  const lexicon = options.phrases ? compileLexicon(options.phrases) : domainLexicon();
  const phrases: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const candidates = lexicon.byFirst.get(words[i] as string);
    if (!candidates) continue;
    for (const p of candidates) {
      let k = 1;
      while (k < p.length && words[i + k] === p[k]) k++;
      if (k === p.length) phrases.push(p.join(" "));
    }
  }
  return { tokens: stems, phrases, words };
}
