/**
 * The main job's speed: 60 s of full-band music (melody, harmony, bass, drums) composed by the shipped
 * model (embed, plan, LSTM, finishing) and rendered to a finished WAV, as ratios to real time. Targets:
 * written in <= 1.5 s (>= 40x real time), rendered in <= 3 s (>= 20x). `npm run bench arrange`.
 * Beside each, in the same run, the arranger with and without the bars the finishing passes replace
 * (`skipDiscarded`): its seconds both ways and the drum notes the model wrote.
 */
import { performance } from 'node:perf_hooks';
import { loadModel } from '../cli/model-files';
import { loadSoundfont } from '../cli/render/files';
import type { EmbedResult } from '../core/embed/types';
import { arrangeWrites } from '../core/arrange/arrange';
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

/** Arranges 60 s of `embedding` (as compose does): the seconds and the drum notes the model wrote. */
function arrangeTimed(embedding: EmbedResult, seed: number, skipDiscarded: boolean) {
  let drums = 0;
  const t0 = performance.now();
  const job = arrangeWrites(embedding, { seconds: 60, seed, temperature: 0.9, skipDiscarded });
  for (let r = job.next(); !r.done;) {
    const written = model.generate(r.value);
    drums += written.notes.filter((n) => n.isDrum).length;
    r = job.next(written);
  }
  return { seconds: (performance.now() - t0) / 1000, drums };
}

console.log(
  'prompt | seed | notes | roles | written s | x real time | rendered s | x real time | arranged s skip/full | drum notes written skip/full',
);
let worstWrite = 0;
let worstRender = 0;
let over = 0;
const ratios: number[] = [];
const drumRatios: number[] = [];
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
    if (write > 1) over++;
    // Both ways in alternating order, so that neither always runs second.
    const first = seed % 2 === 1;
    const a = arrangeTimed(r.embedding, seed, first);
    const b = arrangeTimed(r.embedding, seed, !first);
    const [skip, full] = first ? [a, b] : [b, a];
    ratios.push(skip.seconds / full.seconds);
    drumRatios.push(skip.drums / full.drums);
    const roles = r.sequence.tracks.map((t) => t.role[0]).join('');
    console.log(
      `${prompt.slice(0, 28)}... | ${seed} | ${r.sequence.notes.length} | ${roles} | ${write.toFixed(2)} | ${(audio.seconds / write).toFixed(0)}x | ${render.toFixed(2)} | ${(audio.seconds / render).toFixed(0)}x | ${skip.seconds.toFixed(2)}/${full.seconds.toFixed(2)} | ${skip.drums}/${full.drums}`,
    );
  }
const mean = (x: number[]): number => x.reduce((s, v) => s + v, 0) / x.length;
console.log(
  `worst: written ${worstWrite.toFixed(2)} s (target <= 1.5 s; ${over} of ${ratios.length} over 1 s), rendered ${worstRender.toFixed(2)} s (target <= 3 s)`,
);
console.log(
  `skipping the bars the passes replace (every role): arranged in ${mean(ratios).toFixed(2)}x the time of writing them all (mean over pieces), drum notes written ${mean(drumRatios).toFixed(2)}x`,
);
process.exitCode = worstWrite <= 1.5 && worstRender <= 3 ? 0 : 1;
model.dispose();
