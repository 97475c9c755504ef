// Deterministic generator of realistic feed items and documents: word-bigram chains learnt per
// theme from the repository's real texts, plus a Zipf long tail of synthetic names and words so
// the vocabulary keeps growing with the corpus as real news vocabularies do.
import { createRandom, zipfRank } from "./random.mjs";
import { loadSources } from "./sources.mjs";

const END = "\u0000";
const SYLLABLES = ["ka", "ro", "mi", "lan", "te", "vo", "su", "dri", "bel", "na", "tor", "is", "gu", "pe", "ran", "zo", "hel", "ma", "vik", "or", "sten", "da", "li", "qu", "ber", "fa", "no", "shi", "el", "cor"];
/** Distinct long-tail words available (names, places, rare terms). */
const TAIL_SIZE = 300_000;
/** Share of words replaced by a long-tail word, and by a number. */
const TAIL_RATE = 0.05;
const NUMBER_RATE = 0.01;

function createChain() {
  return { starts: [], next: new Map(), size: 0 };
}

function learn(chain, words) {
  if (words.length === 0) return;
  chain.starts.push(words[0]);
  chain.size += 1;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const successors = chain.next.get(w) ?? [];
    successors.push(i + 1 < words.length ? words[i + 1] : END);
    chain.next.set(w, successors);
  }
}

const sentencesOf = (text) => text.split(/(?<=[.!?])\s+(?=[A-Z0-9"“‘(])/).map((s) => s.split(" ").filter(Boolean));

const tailCache = new Map();
function tailWord(rank) {
  let word = tailCache.get(rank);
  if (word === undefined) {
    const r = createRandom(rank * 2654435761);
    const n = r.between(2, 4);
    word = "";
    for (let i = 0; i < n; i++) word += r.pick(SYLLABLES);
    if (rank % 5 < 2) word = word[0].toUpperCase() + word.slice(1);
    tailCache.set(rank, word);
  }
  return word;
}

/**
 * @param {number} seed
 * @param {{curatedShare?: number}} options share of documents whose themes are curator labels
 *   (the classifier's exemplars); the others carry the same themes as classifier labels, as
 *   documents the watcher added would. @default 0.1
 * @returns generator of `document(i)` (~300 words), `item(i)` (title + ~100-word description)
 *   and `newsText(bytes)`; the same seed and index always give the same text.
 */
export function createGenerator(seed = 1, { curatedShare = 0.1 } = {}) {
  const { texts } = loadSources();
  const general = { body: createChain(), title: createChain() };
  const offTopic = { body: createChain(), title: createChain() };
  const byTheme = new Map();
  for (const t of texts) {
    const groups = [general, ...(t.themes.length === 0 ? [offTopic] : [])];
    for (const theme of t.themes) {
      if (!byTheme.has(theme)) byTheme.set(theme, { body: createChain(), title: createChain() });
      groups.push(byTheme.get(theme));
    }
    for (const g of groups) {
      for (const s of sentencesOf(t.body)) learn(g.body, s);
      learn(g.title, t.title.split(" ").filter(Boolean));
    }
  }
  const themes = [...byTheme.keys()].sort();
  if (offTopic.body.size === 0) Object.assign(offTopic, general);

  function walk(random, chain, maxWords) {
    const out = [];
    let w = random.pick(chain.starts);
    while (w !== END && out.length < maxWords) {
      const u = random.next();
      if (u < TAIL_RATE) out.push(tailWord(zipfRank(random, TAIL_SIZE)) + (w.match(/[.,;:!?]+$/)?.[0] ?? ""));
      else if (u < TAIL_RATE + NUMBER_RATE) out.push(String(random.int(5000)) + (w.match(/[.,;:!?]+$/)?.[0] ?? ""));
      else out.push(w);
      w = random.pick(chain.next.get(w) ?? [END]);
    }
    return out;
  }

  function body(random, primary, secondary, words) {
    const out = [];
    while (out.length < words) {
      const u = random.next();
      const group = u < 0.6 ? primary : u < 0.75 ? (secondary ?? primary) : general;
      out.push(...walk(random, group.body, 60));
    }
    return out.join(" ");
  }

  function topic(random) {
    if (random.next() < 0.12 || themes.length === 0) return { ids: [], primary: offTopic, secondary: undefined };
    const a = random.pick(themes);
    const b = random.next() < 0.4 ? random.pick(themes) : undefined;
    const ids = b && b !== a ? [a, b] : [a];
    return { ids, primary: byTheme.get(a), secondary: b && b !== a ? byTheme.get(b) : undefined };
  }

  function title(random, group) {
    const words = walk(random, group.title, 16);
    return words.length >= 3 ? words.join(" ") : walk(random, general.title, 16).join(" ");
  }

  return {
    themes,
    /** A corpus Document (DocumentInput shape) of 240-360 words with its themes. */
    document(i) {
      const random = createRandom(seed * 1_000_003 + i);
      const curated = random.next() < curatedShare;
      const t = topic(random);
      return {
        id: `gen-${seed}-${i}`,
        kind: "news-item",
        title: title(random, t.primary),
        text: body(random, t.primary, t.secondary, random.between(240, 360)),
        themes: t.ids.map((theme) => ({ theme, by: curated ? "curator" : "classifier" })),
      };
    },
    /**
     * A feed item: a title and a description of about 100 words (at least 75-105, then to the end
     * of the sentence, which adds ~12 words on average).
     */
    item(i) {
      const random = createRandom(seed * 7_000_003 + i);
      const t = topic(random);
      return { id: `item-${seed}-${i}`, title: title(random, t.primary), description: body(random, t.primary, t.secondary, random.between(75, 105)) };
    },
    /** At least `bytes` of plain English text (UTF-8 length), paragraphs of ~300 words. */
    newsText(bytes) {
      const parts = [];
      let size = 0;
      for (let i = 0; size < bytes; i++) {
        const random = createRandom(seed * 13_000_003 + i);
        const t = topic(random);
        const p = body(random, t.primary, t.secondary, random.between(240, 360));
        parts.push(p);
        size += Buffer.byteLength(p) + 2;
      }
      return parts.join("\n\n");
    },
  };
}
