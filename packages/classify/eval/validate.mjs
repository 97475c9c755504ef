// Validate the labelled evaluation files and print label statistics.
// Usage: node packages/classify/eval/validate.mjs [--table] [--seeds DIR]
// Exits non-zero when a hard rule is broken. Run from the repository root.
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const args = process.argv.slice(2);
const table = args.includes('--table');
const seedsIdx = args.indexOf('--seeds');
const seedsDir = seedsIdx >= 0 ? args[seedsIdx + 1] : null;

const taxonomy = JSON.parse(readFileSync(join(root, 'corpus', 'taxonomy.json'), 'utf8'));
const THEMES = taxonomy.map((t) => t.id);
const FILES = ['dev', 'test'];
const errors = [];
const warn = [];
const seen = new Map();
const words = (s) => (s || '').replace(/<[^>]*>/g, ' ').split(/\s+/).filter(Boolean).length;
const stats = {};

for (const name of FILES) {
  const path = join(here, `${name}.jsonl`);
  if (!existsSync(path)) { warn.push(`${name}.jsonl missing`); continue; }
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const s = { n: 0, support: Object.fromEntries(THEMES.map((t) => [t, 0])), off: 0, labels: 0,
    lookalike: 0, long: 0, titleOnly: 0, html: 0, card: {}, items: [] };
  lines.forEach((line, i) => {
    let o;
    try { o = JSON.parse(line); } catch (e) { errors.push(`${name}:${i + 1}: invalid JSON (${e.message})`); return; }
    const where = `${name}:${i + 1} ${o.id}`;
    for (const k of ['id', 'source', 'title', 'themes']) if (!(k in o)) errors.push(`${where}: missing ${k}`);
    const allowed = new Set(['id', 'source', 'title', 'description', 'text', 'themes', 'lookalike']);
    for (const k of Object.keys(o)) if (!allowed.has(k)) errors.push(`${where}: unknown field ${k}`);
    if (!new RegExp(`^${name}-\\d{3}$`).test(o.id)) errors.push(`${where}: id must be ${name}-NNN`);
    if (seen.has(o.id)) errors.push(`${where}: duplicate id (also ${seen.get(o.id)})`);
    seen.set(o.id, where);
    if (!Array.isArray(o.themes)) { errors.push(`${where}: themes not an array`); return; }
    if (new Set(o.themes).size !== o.themes.length) errors.push(`${where}: duplicate theme`);
    for (const t of o.themes) if (!THEMES.includes(t)) errors.push(`${where}: unknown theme ${t}`);
    if (o.themes.length > 4) errors.push(`${where}: more than 4 themes`);
    if (o.lookalike !== undefined && typeof o.lookalike !== 'string') errors.push(`${where}: lookalike must be a string`);
    const dw = words(o.description);
    if (o.text !== undefined) {
      const tw = words(o.text);
      if (tw < 150 || tw > 400) warn.push(`${where}: text has ${tw} words (150-400 expected)`);
      s.long++;
    } else if (dw < 20) s.titleOnly++;
    else if (dw > 110 || dw < 30) warn.push(`${where}: description has ${dw} words (30-110 expected)`);
    if (/<[a-z!\/]|&[#a-z0-9]+;/i.test(`${o.title} ${o.description || ''} ${o.text || ''}`)) s.html++;
    s.n++;
    s.labels += o.themes.length;
    s.card[o.themes.length] = (s.card[o.themes.length] || 0) + 1;
    if (o.themes.length === 0) s.off++;
    if (o.lookalike) s.lookalike++;
    for (const t of o.themes) s.support[t]++;
    s.items.push(o);
  });
  stats[name] = s;
  for (const t of THEMES) if (s.support[t] < 20) errors.push(`${name}: support of ${t} is ${s.support[t]} (< 20)`);
  const offShare = s.off / s.n;
  if (s.n >= 200 && (offShare < 0.12 || offShare > 0.18)) errors.push(`${name}: off-topic share ${(offShare * 100).toFixed(1)}% (12-18% expected)`);
  if (s.lookalike < 25) errors.push(`${name}: ${s.lookalike} look-alike items (>= 25 expected)`);
}

// Overlap checks: word 8-grams shared with the seed documents, and 6-grams shared between dev and test.
const norm = (s) => (s || '').toLowerCase().replace(/<[^>]*>/g, ' ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ').filter(Boolean);
const grams = (toks, n) => { const g = new Set(); for (let i = 0; i + n <= toks.length; i++) g.add(toks.slice(i, i + n).join(' ')); return g; };
const itemText = (o) => `${o.title} ${o.description || ''} ${o.text || ''}`;
if (seedsDir && existsSync(seedsDir)) {
  const seed = new Set();
  for (const f of readdirSync(seedsDir)) for (const g of grams(norm(readFileSync(join(seedsDir, f), 'utf8')), 8)) seed.add(g);
  for (const name of FILES) for (const o of stats[name]?.items || []) {
    const hit = [...grams(norm(itemText(o)), 8)].filter((g) => seed.has(g));
    if (hit.length) errors.push(`${o.id}: shares 8-gram(s) with seeds: ${hit.slice(0, 2).join(' | ')}`);
  }
}
if (stats.dev && stats.test) {
  const devG = new Map();
  for (const o of stats.dev.items) for (const g of grams(norm(itemText(o)), 6)) devG.set(g, o.id);
  for (const o of stats.test.items) {
    const hit = [...grams(norm(itemText(o)), 6)].filter((g) => devG.has(g));
    if (hit.length) warn.push(`${o.id}: shares 6-gram(s) with ${devG.get(hit[0])}: ${hit.slice(0, 2).join(' | ')}`);
  }
}

const names = Object.keys(stats);
if (table) {
  console.log(`| theme | ${names.join(' | ')} |`);
  console.log(`|---|${names.map(() => '---:').join('|')}|`);
  for (const t of THEMES) console.log(`| ${t} | ${names.map((n) => stats[n].support[t]).join(' | ')} |`);
  const row = (label, f) => console.log(`| ${label} | ${names.map((n) => f(stats[n])).join(' | ')} |`);
  row('**items**', (s) => s.n);
  row('off-topic (`themes: []`)', (s) => `${s.off} (${((s.off / s.n) * 100).toFixed(1)}%)`);
  row('labels (sum of supports)', (s) => s.labels);
  row('mean labels per item', (s) => (s.labels / s.n).toFixed(2));
  row('mean labels per on-topic item', (s) => (s.labels / (s.n - s.off)).toFixed(2));
  row('items with 1 / 2 / 3 / 4 labels', (s) => [1, 2, 3, 4].map((k) => s.card[k] || 0).join(' / '));
  row('look-alike items (`lookalike` set)', (s) => `${s.lookalike} (${s.items.filter((o) => o.lookalike && o.themes.length === 0).length} off-topic)`);
  row('long items (`text`)', (s) => s.long);
  row('title-only or one-line items', (s) => s.titleOnly);
  row('items with HTML markup or entities', (s) => s.html);
} else {
  for (const n of names) {
    const s = stats[n];
    console.log(`${n}: ${s.n} items, off-topic ${s.off} (${((s.off / s.n) * 100).toFixed(1)}%), mean labels ${(s.labels / s.n).toFixed(2)} (on-topic ${(s.labels / Math.max(1, s.n - s.off)).toFixed(2)}), lookalike ${s.lookalike}, long ${s.long}, title-only ${s.titleOnly}, html ${s.html}`);
    console.log('  ' + THEMES.map((t) => `${t}=${s.support[t]}`).join(' '));
  }
}
for (const w of warn) console.log(`warning: ${w}`);
for (const e of errors) console.error(`error: ${e}`);
if (errors.length) { console.error(`${errors.length} error(s)`); process.exit(1); }
console.log('OK');
