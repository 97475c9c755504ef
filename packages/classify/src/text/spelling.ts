/**
 * Light normalisation of one lower-case, diacritic-free word: British -> American spelling and
 * plural/number endings. This is the form multi-word phrases are matched on (Porter is too
 * aggressive for that), and the input to the stemmer. It must be deterministic and idempotent:
 * theme phrases and item text go through the same function.
 */

/** Roots that keep "-our" in British spelling; the "our" becomes "or" wherever the root starts. */
const OUR_ROOTS = [
  "labour", "favour", "behaviour", "neighbour", "honour", "colour", "rumour", "harbour",
  "endeavour", "humour", "armour", "vigour", "rigour", "flavour", "savour", "valour", "odour",
  "vapour", "candour", "fervour", "clamour", "parlour", "tumour", "saviour",
];
/** Roots spelled "-re" in British English ("centre", "kilometre"). */
const RE_ROOTS: ReadonlyMap<string, string> = new Map([
  ["centre", "center"], ["theatre", "theater"], ["fibre", "fiber"], ["litre", "liter"],
  ["metre", "meter"], ["spectre", "specter"], ["calibre", "caliber"], ["sombre", "somber"],
  ["manoeuvre", "maneuver"], ["meagre", "meager"], ["lustre", "luster"],
]);
/** "travelled" -> "traveled": only for these roots (not "expelled", "controlled", "called"). */
const LL_ROOTS = [
  "travel", "cancel", "model", "label", "counsel", "fuel", "signal", "channel", "level",
  "marshal", "total", "equal", "dial", "jewel", "tunnel", "quarrel", "pedal", "initial",
];
/** Whole-word spelling variants. */
const WORDS: ReadonlyMap<string, string> = new Map([
  ["programme", "program"], ["programmes", "program"], ["programmed", "program"],
  ["programming", "program"], ["defence", "defense"], ["offence", "offense"],
  ["offences", "offense"], ["licence", "license"], ["licences", "license"],
  ["pretence", "pretense"], ["judgement", "judgment"], ["judgements", "judgment"],
  ["ageing", "aging"], ["enquiry", "inquiry"], ["enquiries", "inquiry"], ["practise", "practice"],
  ["practised", "practiced"], ["practising", "practicing"], ["towards", "toward"],
  ["afterwards", "afterward"], ["grey", "gray"], ["analyse", "analyze"], ["analysed", "analyzed"],
  ["analysing", "analyzing"], ["paralyse", "paralyze"], ["catalyse", "catalyze"],
  ["foetus", "fetus"], ["paediatric", "pediatric"], ["anaemia", "anemia"], ["storey", "story"],
  ["cheque", "check"], ["kerb", "curb"], ["tyre", "tire"], ["plough", "plow"],
  // irregular plurals and words that only look plural
  ["crises", "crisis"], ["analyses", "analysis"], ["theses", "thesis"], ["hypotheses", "hypothesis"],
  ["diagnoses", "diagnosis"], ["bases", "base"], ["children", "child"], ["women", "woman"],
  ["men", "man"], ["people", "people"], ["persons", "person"], ["news", "news"], ["series", "series"],
  ["species", "species"], ["lens", "lens"], ["means", "means"], ["always", "always"],
  ["perhaps", "perhaps"], ["politics", "politics"], ["economics", "economics"],
  ["statistics", "statistics"], ["ethics", "ethics"], ["logistics", "logistics"],
  ["physics", "physics"], ["mathematics", "mathematics"], ["biometrics", "biometrics"],
  ["arms", "arms"], ["alias", "alias"], ["bias", "bias"], ["atlas", "atlas"], ["canvas", "canvas"],
  ["aids", "aids"], ["statuses", "status"], ["viruses", "virus"], ["campuses", "campus"],
  ["censuses", "census"], ["buses", "bus"], ["data", "data"], ["media", "media"], ["criteria", "criterion"],
  ["phenomena", "phenomenon"], ["indices", "index"], ["matrices", "matrix"], ["feet", "foot"],
  ["mice", "mouse"], ["lives", "life"], ["wives", "wife"], ["knives", "knife"],
  ["thieves", "thief"], ["halves", "half"], ["selves", "self"], ["leaves", "leave"],
]);
/** "-ise" words that are not the "-ize" verb suffix (exercise, promise, advise, raise, expertise...). */
const ISE_KEEP =
  /(?:^a?rise|wise|ercise|ecise|ncise|xcise|vise|prise|omise|emise|aise|oise|uise|chise|adise|andise|ertise|spise)$/;
const ISE_FORMS = /^(.{2,}?)is(e|es|ed|ing|er|ers|ation|ations|ational|able)$/;

function americanise(word: string): string {
  const direct = WORDS.get(word);
  if (direct !== undefined) return direct;
  let w = word;
  if (w.length > 5 && w.includes("is")) {
    const m = ISE_FORMS.exec(w);
    if (m?.[1] !== undefined && m[2] !== undefined && !ISE_KEEP.test(`${m[1]}ise`)) {
      w = `${m[1]}iz${m[2]}`;
    }
  }
  if (w.length > 4 && w.includes("our")) {
    for (const root of OUR_ROOTS) {
      const at = w.indexOf(root);
      if (at >= 0) {
        w = `${w.slice(0, at)}${root.slice(0, -3)}or${w.slice(at + root.length)}`;
        break;
      }
    }
  }
  if (w.length > 4 && (w.endsWith("re") || w.endsWith("res") || w.endsWith("red"))) {
    for (const [root, us] of RE_ROOTS) {
      const at = w.lastIndexOf(root);
      if (at >= 0 && w.length - (at + root.length) <= 1) {
        w = `${w.slice(0, at)}${us}${w.slice(at + root.length).replace(/^d$/, "ed")}`;
        break;
      }
    }
  }
  if (w.length > 6 && w.includes("ll")) {
    for (const root of LL_ROOTS) {
      if (w.startsWith(`${root}l`) && /^(?:ed|ing|er|ers|ation|ations)$/.test(w.slice(root.length + 1))) {
        w = root + w.slice(root.length + 1);
        break;
      }
    }
  }
  return w;
}

function singular(w: string): string {
  const n = w.length;
  if (n <= 3 || w.charCodeAt(n - 1) !== 115 /* s */) return w;
  if (w.endsWith("ss") || w.endsWith("us") || w.endsWith("is") || w.endsWith("ous")) return w;
  if (w.endsWith("ies") && n > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes") || w.endsWith("zzes")) {
    return w.slice(0, -2);
  }
  return w.slice(0, -1);
}

/** British -> American spelling, then plural -> singular. Input: lower case, no diacritics. */
export function lightForm(word: string): string {
  const w = americanise(word);
  const direct = WORDS.get(w);
  if (direct !== undefined) return direct;
  return singular(w);
}
