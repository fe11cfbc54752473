/**
 * Scoring to picture (issue 17), measured with the shipped model and printed; exits 1 when a target is
 * missed:
 * 1. 24 spots with 3-8 cuts each: every cut within 20 ms of onsets of two roles or more with a drum accent
 *    (times read back from the written .mid), the WAV exactly the asked length; mean and worst offsets;
 * 2. a transcript: melody notes per second under speech <= 40% of the gaps', velocity >= 15 lower;
 * 3. the coffee spot's subtitles: tempo, a section within a beat of each cue's bar line, first part calmer;
 * 4. a script that changes key: the key heard in each key region, key signatures in the .mid;
 * 5. stems: sum of the stems minus the mix before its limiter, lengths;
 * 6. cutdowns 60, 30, 15, 6 s: lengths, the first two melody bars shared.
 * Run: `node --import tsx scripts/check-picture.ts` (a few minutes: it renders every WAV at 48 kHz).
 */
import { midiToSequence, sequenceToMidi } from '../core/codec/midi';
import { compose } from '../core/compose';
import { speechSpans } from '../core/embed';
import { keyRegions } from '../core/arrange/regions';
import { checkCuts, keyHeard, phrase, speechFigures } from '../core/eval/picture';
import { applyGain, dbToGain, decodeWav, premix, renderStems, renderWav } from '../core/render';
import type { NoteSequence } from '../core/sequence';
import {
  beatsPerBar,
  beatsToSeconds,
  durationSeconds,
  PITCH_CLASS_NAMES,
  secondsToBeats,
} from '../core/sequence';
import { loadModel } from '../cli/model-files';
import { loadSoundfont } from '../cli/render/files';
import {
  COFFEE_CUES,
  COFFEE_SRT,
  KEY_CHANGE_SCRIPT,
  spots,
  TRANSCRIPT,
  TRANSCRIPT_SPANS,
} from '../tests/core/arrange/picture.fixtures';

const model = await loadModel();
const soundfont = await loadSoundfont();
const failures: string[] = [];
const check = (ok: boolean, what: string): void => {
  if (!ok) failures.push(what);
};
const wavSeconds = async (seq: NoteSequence): Promise<number> =>
  decodeWav((await renderWav(seq, soundfont)).wav).channels[0].length / 48000;
const viaMidi = (seq: NoteSequence): NoteSequence => midiToSequence(sequenceToMidi(seq));

// 1. Hits.
console.log(
  '## 1. Hits: spots with 3-8 cuts\n\n| spot | s | cuts | hit | mean ms | worst ms | WAV s | tempo range | largest step | on downbeat/beat/eighth |\n|---|---|---|---|---|---|---|---|---|---|',
);
const steps: number[] = [];
const places = [0, 0, 0];
const offsets: number[] = [];
for (const [i, s] of spots().entries()) {
  const r = compose(model, { prompt: s.prompt, seconds: s.seconds, seed: s.seed, cuts: s.cuts });
  const checks = checkCuts(viaMidi(r.sequence), s.cuts);
  const wav = await wavSeconds(r.sequence);
  const ms = checks.map((c) => c.offsetMs);
  offsets.push(...ms);
  const hit = checks.filter((c) => c.hit).length;
  const bpm = r.sequence.tempos.map((t) => t.bpm);
  const step = Math.max(0, ...bpm.slice(1).map((b, k) => Math.abs(b / bpm[k] - 1) * 100));
  steps.push(step);
  const at = [0, 0, 0];
  for (const h of r.plan.hits ?? []) at[h.downbeat ? 0 : Number.isInteger(h.beat) ? 1 : 2]++;
  at.forEach((x, k) => (places[k] += x));
  console.log(
    `| ${i + 1} ${s.prompt.slice(0, 28)} | ${s.seconds} | ${s.cuts.length} | ${hit}/${s.cuts.length} | ${(ms.reduce((a, b) => a + b, 0) / ms.length).toFixed(3)} | ${Math.max(...ms).toFixed(3)} | ${wav.toFixed(6)} | ${Math.min(...bpm).toFixed(1)}-${Math.max(...bpm).toFixed(1)} | ${step.toFixed(1)}% | ${at.join('/')} |`,
  );
  check(hit === s.cuts.length, `spot ${i + 1}: ${s.cuts.length - hit} cuts without a hit`);
  check(wav === s.seconds, `spot ${i + 1}: WAV ${wav} s, asked ${s.seconds}`);
}
const meanMs = offsets.reduce((a, b) => a + b, 0) / offsets.length;
console.log(
  `\n${offsets.length} cuts: mean offset ${meanMs.toFixed(4)} ms, worst ${Math.max(...offsets).toFixed(4)} ms; hits on a downbeat ${places[0]}, another beat ${places[1]}, an eighth ${places[2]}; largest tempo step between cuts ${Math.max(...steps).toFixed(1)}% (median spot ${[...steps].sort((a, b) => a - b)[steps.length >> 1].toFixed(1)}%)\n`,
);

// 2. Voice-over.
const transcript = JSON.stringify(TRANSCRIPT);
const vo = compose(model, {
  prompt: 'Adventure boots, bold and uplifting',
  seconds: 30,
  seed: 3,
  speech: speechSpans(transcript),
});
const dry = compose(model, { prompt: 'Adventure boots, bold and uplifting', seconds: 30, seed: 3 });
console.log(
  '## 2. Voice-over (transcript fixture)\n\n| melody | notes/s speech | notes/s gaps | ratio | velocity speech | velocity gaps | pitch speech | pitch gaps |\n|---|---|---|---|---|---|---|---|',
);
for (const [name, r] of [
  ['with voice-over', vo],
  ['same prompt, no voice-over', dry],
] as const) {
  const f = speechFigures(r.sequence, TRANSCRIPT_SPANS);
  console.log(
    `| ${name} | ${f.notesPerSecond.speech.toFixed(2)} | ${f.notesPerSecond.gaps.toFixed(2)} | ${(f.notesPerSecond.speech / f.notesPerSecond.gaps).toFixed(2)} | ${f.velocity.speech.toFixed(1)} | ${f.velocity.gaps.toFixed(1)} | ${f.pitch.speech.toFixed(1)} | ${f.pitch.gaps.toFixed(1)} |`,
  );
}
const f = speechFigures(vo.sequence, TRANSCRIPT_SPANS);
check(
  f.notesPerSecond.speech <= 0.4 * f.notesPerSecond.gaps,
  'melody notes/s under speech above 40% of the gaps',
);
check(f.velocity.gaps - f.velocity.speech >= 15, 'melody velocity under speech not 15 lower');
console.log(
  '\nthe accompaniment under the same spans, with the voice-over against without (what the conditioning does):',
);
for (const role of ['harmony', 'bass', 'drums'] as const) {
  const [a, b] = [vo, dry].map((r) => speechFigures(r.sequence, TRANSCRIPT_SPANS, role));
  console.log(
    `  ${role}: notes/s ${a.notesPerSecond.speech.toFixed(2)} against ${b.notesPerSecond.speech.toFixed(2)}; velocity ${a.velocity.speech.toFixed(1)} against ${b.velocity.speech.toFixed(1)}`,
  );
}

// 3. Coffee spot.
const coffee = compose(model, { prompt: COFFEE_SRT, seconds: 30, seed: 1 });
const bar = beatsPerBar(coffee.plan.meter);
const tempos = coffee.sequence.tempos;
console.log(
  `\n## 3. Coffee spot\n\ntempo ${coffee.tempo.toFixed(1)} bpm (${coffee.embedding.explanation.find((l) => l.startsWith('tempo'))})`,
);
check(coffee.tempo >= 100, 'coffee spot tempo under 100 bpm');
for (const cue of COFFEE_CUES) {
  const line = Math.round(secondsToBeats(cue, tempos) / bar) * bar;
  const s = coffee.plan.sections.find((x) => Math.abs(x.start - line) <= 1);
  console.log(
    `  cue ${cue} s: bar line at beat ${line}; section ${s ? `${s.kind} at beat ${s.start} (${beatsToSeconds(s.start, tempos).toFixed(2)} s)` : 'NONE'}`,
  );
  check(s !== undefined, `coffee cue ${cue} s: no section within a beat of its bar line`);
}
const split = secondsToBeats(COFFEE_CUES[1], tempos);
const part = (from: number, to: number) => {
  const ns = coffee.sequence.notes.filter((n) => n.start >= from && n.start < to);
  const secs = beatsToSeconds(to, tempos) - beatsToSeconds(from, tempos);
  return { rate: ns.length / secs, velocity: ns.reduce((a, n) => a + n.velocity, 0) / ns.length };
};
const [calm, rest] = [part(0, split), part(split, coffee.plan.beats)];
console.log(
  `  first part ${calm.rate.toFixed(2)} notes/s, velocity ${calm.velocity.toFixed(1)}; rest ${rest.rate.toFixed(2)} notes/s, velocity ${rest.velocity.toFixed(1)}`,
);
check(calm.rate < rest.rate && calm.velocity < rest.velocity, 'coffee spot: first part not calmer');

// 4. Key change.
const keyName = (k: { tonic: number; mode: string }) => `${PITCH_CLASS_NAMES[k.tonic]} ${k.mode}`;
console.log('\n## 4. Key change (a script in C major whose second part states E minor)\n');
let secondHeard = 0;
let regionsHeard = 0;
let sectionsHeard = 0;
let sectionsAll = 0;
let signatures = 0;
for (let seed = 1; seed <= 20; seed++) {
  const kc = compose(model, { prompt: KEY_CHANGE_SCRIPT, seconds: 36, seed });
  const regions = keyRegions(kc.plan);
  if (regions.every((r) => keyName(keyHeard(kc.sequence, r.start, r.end)) === keyName(r.key))) regionsHeard++;
  if (keyName(keyHeard(kc.sequence, regions[1].start, regions[1].end)) === 'E minor') secondHeard++;
  for (const s of kc.plan.sections.filter((x) => x.kind !== 'ending')) {
    const heard = keyHeard(kc.sequence, s.start, s.end);
    sectionsAll++;
    if (keyName(heard) === keyName(s.conditioning.key)) sectionsHeard++;
    if (seed === 2)
      console.log(
        `  seed 2, ${s.kind} beats ${s.start}-${s.end}: planned ${keyName(s.conditioning.key)}, heard ${keyName(heard)}`,
      );
  }
  const sigs = viaMidi(kc.sequence).keySignatures.map((k) => `${keyName(k)} @ ${k.beat}`);
  if (sigs.length === 2 && sigs[1] === `E minor @ ${regions[1].start}`) signatures++;
  if (seed === 2) console.log(`  seed 2 .mid key signatures: ${sigs.join(', ')}`);
}
console.log(
  `  20 seeds: second part heard in E minor ${secondHeard}/20; both parts heard in their key ${regionsHeard}/20; sections heard in their key ${sectionsHeard}/${sectionsAll}; .mid with the E minor signature at the boundary ${signatures}/20`,
);
check(secondHeard === 20 && signatures === 20, 'key change not heard or not in the .mid');

// 5. Stems.
const st = await renderStems(coffee.sequence, soundfont);
const mix = await premix(coffee.sequence, soundfont);
applyGain(mix.channels, dbToGain(st.gainDb));
const sum = mix.channels.map((c) => new Float32Array(c.length));
const lengths: number[] = [];
for (const wav of Object.values(st.stems)) {
  const d = decodeWav(wav!);
  lengths.push(d.channels[0].length);
  d.channels.forEach((c, k) => c.forEach((x, i) => (sum[k][i] += x)));
}
let residual = 0;
sum.forEach((c, k) => c.forEach((x, i) => (residual = Math.max(residual, Math.abs(x - mix.channels[k][i])))));
const residualDb = 20 * Math.log10(residual);
console.log(
  `\n## 5. Stems\n\n  ${lengths.length} stems of ${[...new Set(lengths)].join(', ')} frames (mix ${mix.channels[0].length}); sum minus pre-limiter mix peak ${residualDb.toFixed(1)} dBFS`,
);
check(residualDb <= -60 && lengths.every((l) => l === mix.channels[0].length), 'stems do not sum to the mix');

// 6. Cutdowns.
console.log(
  '\n## 6. Cutdowns\n\n| family | version | asked s | MIDI s | WAV s | tempo | key | motif beats | melody notes in its first two bars | same as main |\n|---|---|---|---|---|---|---|---|---|---|',
);
for (const [k, prompt] of [
  'Upbeat coffee brand, bold and bright',
  'Tech launch, synths and drums',
  'Warm family bakery, acoustic',
].entries()) {
  const fam = compose(model, { prompt, seconds: 30, seed: 4 + k, cutdowns: [60, 30, 15, 6] });
  const motif = (r: typeof fam) =>
    phrase(r.sequence, 'melody', r.plan.motif!.start, 2 * beatsPerBar(r.plan.meter));
  const theme = JSON.stringify(motif(fam));
  for (const r of [fam, ...(fam.cutdowns ?? [])]) {
    const same = JSON.stringify(motif(r)) === theme;
    const wav = await wavSeconds(r.sequence);
    console.log(
      `| ${k + 1} | ${r === fam ? 'main' : 'cutdown'} | ${r.seconds} | ${durationSeconds(r.sequence).toFixed(6)} | ${wav.toFixed(6)} | ${r.tempo.toFixed(2)} | ${r.key} | ${r.plan.motif!.start}-${r.plan.motif!.end} | ${motif(r).length} | ${same} |`,
    );
    check(wav === r.seconds && same && r.key === fam.key, `family ${k + 1}: cutdown ${r.seconds} s`);
  }
}

console.log(failures.length ? `\nMISSED: ${failures.join('; ')}` : '\nall targets met');
model.dispose();
process.exitCode = failures.length ? 1 : 0;
