// Test fixtures.
import type { DocumentInput, ThemeInput } from "@corpus/model";

/** Four small themes written for the tests (not the default themes). */
export const SMALL_THEMES: ThemeInput[] = [
  {
    id: "trafficking-smuggling",
    label: "Trafficking and smuggling",
    keywords: [{ term: "trafficking", weight: 2.5 }, { term: "smugglers", weight: 2.5 }, { term: "exploitation", weight: 1.5 }],
    phrases: [{ term: "human trafficking", weight: 3 }, { term: "migrant smuggling", weight: 3 }],
    exclusions: ["drug", "drug trafficking", "wildlife", "arms"],
    exemplarTexts: [
      { id: "ex-trf", title: "Smugglers charged for crossings", text: "A network of smugglers charged migrants for boat crossings and forced some into labour exploitation." },
    ],
    threshold: 0.3,
  },
  {
    id: "return-reintegration",
    label: "Return",
    keywords: [{ term: "return", weight: 1.5 }, { term: "deportation", weight: 3 }, { term: "reintegration", weight: 3 }],
    phrases: [{ term: "assisted voluntary return", weight: 3 }, { term: "readmission agreement", weight: 3 }],
    exclusions: ["return on investment", "investment", "tax return"],
    exemplarTexts: [
      { id: "ex-ret", title: "Returnees receive reintegration support", text: "Migrants who return to their country of origin receive reintegration grants after deportation or voluntary return." },
    ],
    threshold: 0.3,
  },
  {
    id: "secondary-movements",
    label: "Dublin",
    keywords: [{ term: "dublin", weight: 1 }, { term: "relocation", weight: 2 }],
    phrases: [{ term: "dublin regulation", weight: 3 }, { term: "dublin transfer", weight: 3 }, { term: "secondary movements", weight: 3 }],
    exclusions: ["dublin airport", "ireland"],
    threshold: 0.3,
  },
  {
    id: "border-management",
    label: "Borders",
    keywords: [{ term: "frontex", weight: 3 }, { term: "border", weight: 1 }],
    phrases: [{ term: "border guards", weight: 3 }, { term: "border surveillance", weight: 3 }],
    exclusions: ["border tax", "carbon border", "tariff"],
    context: ["migrants", "asylum", "frontex", "border guards", "refugees", "smugglers", "deportation", "returnees"],
    contextExclusions: ["bird migration"],
    threshold: 0.3,
  } as ThemeInput,
];

/** A tiny corpus with curator labels. */
export const SMALL_CORPUS: DocumentInput[] = [
  {
    id: "doc-trafficking",
    kind: "news-item",
    title: "Victims of human trafficking identified on the central Mediterranean route",
    text: "Investigators found that smugglers sold migrants to traffickers who forced them into exploitation on farms.",
    themes: [{ theme: "trafficking-smuggling", by: "curator" }],
  },
  {
    id: "doc-return",
    kind: "news-item",
    title: "New assisted voluntary return programme",
    text: "The programme offers counselling, flights and reintegration packages to returnees.",
    themes: [{ theme: "return-reintegration", by: "curator" }],
  },
  {
    id: "doc-dublin",
    kind: "news-item",
    title: "Dublin transfers rarely carried out",
    text: "Member states requested transfers under the Dublin regulation, but asylum seekers moved on to other countries.",
    themes: [{ theme: "secondary-movements", by: "curator" }],
  },
  {
    id: "doc-border",
    kind: "news-item",
    title: "Frontex deploys border guards",
    text: "Border surveillance was reinforced with patrols and thermal cameras at the external border.",
    themes: [
      { theme: "border-management", by: "curator" },
      { theme: "trafficking-smuggling", by: "classifier" },
    ],
  },
  { id: "doc-other", kind: "news-item", title: "Ministers meet in Brussels", text: "A council meeting on budgets and energy prices." },
];
