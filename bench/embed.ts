/**
 * Embedder speed: load time (importing core/embed with its lexicon) and per-prompt time on typical prompts,
 * plus a 100 KB script. Run with `node --import tsx bench/embed.ts` or `npm run bench embed`.
 */
import { performance } from 'node:perf_hooks';

const PROMPTS = [
  'upbeat tech launch, 120 bpm in E minor',
  'luxury perfume, elegant and calm',
  'extreme sports, very energetic, no piano',
  'charity appeal, not hopeless but sad, solo piano in D minor',
  "kids' toy Christmas sale! 30-second spot",
  'horror trailer, dark and tense, 6/8, strings only',
  'retirement savings: warm, trustworthy, corporate, 0:45',
  'lo-fi hip hop study beats, 85 bpm, F#m',
];

const t0 = performance.now();
const { embed, LEXICON_SIZE } = await import('../core/embed');
const loadMs = performance.now() - t0;

const t1 = performance.now();
embed(PROMPTS[0]);
const firstMs = performance.now() - t1;

const ROUNDS = 200;
for (let i = 0; i < 50; i++) for (const p of PROMPTS) embed(p);
const times: number[] = [];
for (let r = 0; r < ROUNDS; r++)
  for (const p of PROMPTS) {
    const s = performance.now();
    embed(p);
    times.push(performance.now() - s);
  }
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
const mean = times.reduce((a, b) => a + b, 0) / times.length;

const unit = 'An upbeat tech launch for busy families, bright and fun! Calm retirement savings. ';
const big = unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
embed(big.slice(0, 5000));
const bigTimes: number[] = [];
for (let i = 0; i < 5; i++) {
  const s = performance.now();
  embed(big);
  bigTimes.push(performance.now() - s);
}
bigTimes.sort((a, b) => a - b);

console.log(`lexicon: ${LEXICON_SIZE} words`);
console.log(`load (import core/embed + lexicon): ${loadMs.toFixed(1)} ms (budget 300 ms)`);
console.log(`first prompt after load: ${firstMs.toFixed(2)} ms`);
console.log(
  `typical prompt (${times.length} runs): mean ${mean.toFixed(3)} ms, median ${at(0.5).toFixed(3)} ms, p95 ${at(0.95).toFixed(3)} ms, max ${times[times.length - 1].toFixed(3)} ms (budget 5 ms)`,
);
console.log(
  `100 KB script: median ${bigTimes[2].toFixed(1)} ms, max ${bigTimes[4].toFixed(1)} ms (budget 200 ms)`,
);
const ok = loadMs <= 300 && at(0.5) <= 5 && bigTimes[2] < 200;
console.log(ok ? 'within budget' : 'OVER BUDGET');
process.exitCode = ok ? 0 : 1;
