/**
 * The main job's speed: 60 s of full-band music (melody, harmony, bass, drums) composed by the shipped
 * model (embed, plan, LSTM, finishing) and rendered to a finished WAV, as ratios to real time. Targets:
 * written in <= 1.5 s (>= 40x real time), rendered in <= 3 s (>= 20x). `npm run bench arrange`.
 */
import { performance } from 'node:perf_hooks';
import { loadModel } from '../cli/model-files';
import { loadSoundfont } from '../cli/render/files';
import { compose } from '../core/compose';
import { renderWav } from '../core/render';

const PROMPTS = [
  'Energetic pop anthem for a sneaker launch, full band with drums',
  'Corporate explainer, confident and bright, piano, bass and drums',
  'Cinematic trailer for a car, epic and driving, with drums',
];
const SEEDS = [1, 2];
const model = await loadModel();
const soundfont = await loadSoundfont();
// Warm-up: JIT, SoundFont parse and first sample decode (not timed).
await renderWav(compose(model, { prompt: PROMPTS[0], seconds: 8 }).sequence, soundfont);

console.log('prompt | seed | notes | roles | written s | x real time | rendered s | x real time');
let worstWrite = 0;
let worstRender = 0;
for (const prompt of PROMPTS)
  for (const seed of SEEDS) {
    const t0 = performance.now();
    const r = compose(model, { prompt, seconds: 60, seed });
    const write = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const audio = await renderWav(r.sequence, soundfont);
    const render = (performance.now() - t1) / 1000;
    worstWrite = Math.max(worstWrite, write);
    worstRender = Math.max(worstRender, render);
    const roles = r.sequence.tracks.map((t) => t.role[0]).join('');
    console.log(
      `${prompt.slice(0, 28)}... | ${seed} | ${r.sequence.notes.length} | ${roles} | ${write.toFixed(2)} | ${(audio.seconds / write).toFixed(0)}x | ${render.toFixed(2)} | ${(audio.seconds / render).toFixed(0)}x`,
    );
  }
console.log(
  `worst: written ${worstWrite.toFixed(2)} s (target <= 1.5 s), rendered ${worstRender.toFixed(2)} s (target <= 3 s)`,
);
process.exitCode = worstWrite <= 1.5 && worstRender <= 3 ? 0 : 1;
model.dispose();
