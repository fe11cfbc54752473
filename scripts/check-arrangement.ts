/**
 * The arranger's acceptance figures (issue 5), measured with the shipped model and printed as tables:
 * 1. 20 varied prompts, seeds and lengths rendered to WAV: length vs request, peak, loudness, MIDI length;
 * 2. 100 pieces: scale consistency per pitched role, drum-pattern consistency, minor-second clashes on
 *    strong beats (muspy's definitions, core/eval);
 * 3. prompts of the embedder's table that state a tempo in figures or a key: the MIDI's tempo and the key
 *    found in the notes;
 * 4. mood: the ad-style prompts of the embedder's table, by arousal (tempo, notes per second) and by
 *    valence (share of major keys found).
 * Run: `node --import tsx scripts/check-arrangement.ts` (about two minutes).
 */
import { performance } from 'node:perf_hooks';
import { strongBeats } from '../core/arrange/finish';
import { midiToSequence, sequenceToMidi } from '../core/codec/midi';
import { compose } from '../core/compose';
import { drumPatternConsistency, scaleConsistency } from '../core/eval/muspy';
import { findKey } from '../core/features/key';
import { renderWav } from '../core/render';
import type { NoteSequence } from '../core/sequence';
import { durationSeconds, PITCH_CLASS_NAMES } from '../core/sequence';
import { loadModel } from '../cli/model-files';
import { loadSoundfont } from '../cli/render/files';
import { EXPLICIT, MOOD } from '../tests/core/embed/prompts.table';

const model = await loadModel();
const soundfont = await loadSoundfont();
const t0 = performance.now();
const pct = (a: number, b: number): string => `${a}/${b} = ${((100 * a) / b).toFixed(1)}%`;

// 1. Lengths, levels, MIDI.
const LENGTH_PROMPTS: [string, number][] = [
  ['Upbeat tech launch, synths and drums', 30],
  ['Sad piano for a charity appeal', 45],
  ['Epic cinematic trailer, tense strings', 60],
  ['Corporate explainer, confident and friendly', 15],
  ['Summer holiday ad, happy acoustic guitar', 20],
  ['Luxury perfume, dreamy and slow', 30],
  ['Energetic sports drink commercial, 140 bpm', 10],
  ['Calm meditation app, soft pads', 25],
  ['Dark thriller teaser in D minor', 30],
  ['Playful kids toy ad, bells and marimba', 6],
  ['Romantic jewelry spot, 3/4 waltz', 30],
  ['Hip hop sneaker drop at 92 bpm', 40],
  ['Jazz cafe opening, warm saxophone', 30],
  ['Rock energy drink, electric guitar', 12],
  ['Lofi study vibes, electric piano', 33.3],
  ['Country road trip truck ad', 30],
  ['Reggae beach resort', 18],
  ['Funky food delivery, slap bass', 30],
  ['Orchestral bank ad, trustworthy, 97 bpm', 30],
  ['Drums only, driving groove for a car ad', 8],
];
console.log('## 20 prompts: WAV and MIDI length, level\n');
console.log('| prompt | seed | asked s | WAV s | MIDI s | peak dBFS | LUFS | tempo | key |');
console.log('|---|---|---|---|---|---|---|---|---|');
let lengthOk = 0;
for (const [i, [prompt, seconds]] of LENGTH_PROMPTS.entries()) {
  const seed = 11 + i * 7;
  const r = compose(model, { prompt, seconds, seed, loop: i % 5 === 4 });
  const audio = await renderWav(r.sequence, soundfont, { loop: r.plan.loop });
  const midi = durationSeconds(midiToSequence(sequenceToMidi(r.sequence)));
  const ok =
    Math.abs(audio.seconds - seconds) <= 0.05 &&
    Math.abs(midi - seconds) <= 0.05 &&
    audio.peakDbfs <= -1 &&
    audio.lufs > -30;
  if (ok) lengthOk++;
  console.log(
    `| ${prompt}${r.plan.loop ? ' (loop)' : ''} | ${seed} | ${seconds} | ${audio.seconds.toFixed(3)} | ${midi.toFixed(3)} | ${audio.peakDbfs.toFixed(2)} | ${audio.lufs.toFixed(1)} | ${r.tempo.toFixed(1)} | ${r.key} |`,
  );
}
console.log(
  `\nwithin 50 ms (WAV and MIDI), peak <= -1 dBFS, louder than -30 LUFS: ${pct(lengthOk, LENGTH_PROMPTS.length)}\n`,
);

// 2. 100 pieces: consistency and clashes.
const prompts = [...MOOD.map((m) => m.prompt), ...LENGTH_PROMPTS.map(([p]) => p)];
const scale: Record<string, number[]> = { melody: [], harmony: [], bass: [] };
const drums: number[] = [];
let strong = 0;
let clashes = 0;
for (let i = 0; i < 100; i++) {
  const r = compose(model, { prompt: prompts[i % prompts.length], seed: 1000 + i });
  const seq = r.sequence;
  for (const role of ['melody', 'harmony', 'bass'] as const) {
    const part: NoteSequence = { ...seq, notes: seq.notes.filter((n) => n.role === role) };
    if (part.notes.length >= 4) scale[role].push(scaleConsistency(part));
  }
  if (seq.notes.some((n) => n.isDrum)) drums.push(drumPatternConsistency(seq));
  const pitched = seq.notes.filter((n) => !n.isDrum);
  for (const b of strongBeats(seq.totalBeats, r.plan.meter)) {
    strong++;
    const on = pitched.filter((n) => n.start <= b + 1e-6 && n.end > b + 1e-6);
    if (
      on.some((a) =>
        on.some((c) => a.role !== c.role && [1, 11].includes((((a.pitch - c.pitch) % 12) + 12) % 12)),
      )
    )
      clashes++;
  }
}
const stats = (xs: number[]): string =>
  `mean ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(3)}, min ${Math.min(...xs).toFixed(3)}, >= 0.9 in ${pct(xs.filter((x) => x >= 0.9).length, xs.length)}`;
console.log('## 100 pieces (30 s, seeds 1000-1099)\n');
for (const role of Object.keys(scale)) console.log(`- scale consistency, ${role}: ${stats(scale[role])}`);
console.log(`- drum-pattern consistency (${drums.length} pieces with drums): ${stats(drums)}`);
console.log(`- strong beats with two roles a minor second apart: ${pct(clashes, strong)}\n`);

// 3. Stated tempo and key.
let tempoAsked = 0;
let tempoOk = 0;
let keyAsked = 0;
let keyOk = 0;
const keyMisses: string[] = [];
for (const [i, c] of EXPLICIT.entries()) {
  if (typeof c.tempo !== 'number' && !c.key) continue;
  const r = compose(model, { prompt: c.prompt, seed: 500 + i, seconds: 30 });
  const midi = midiToSequence(sequenceToMidi(r.sequence));
  if (typeof c.tempo === 'number' && r.embedding.statedBpm !== null) {
    tempoAsked++;
    if (Math.abs(midi.tempos[0].bpm - c.tempo) < 0.01) tempoOk++;
  }
  if (c.key && !r.sequence.notes.every((n) => n.isDrum)) {
    keyAsked++;
    const k = findKey(midi.notes);
    const found = `${PITCH_CLASS_NAMES[k.tonic]} ${k.mode}`;
    if (found === r.key && sameKey(c.key, r.key)) keyOk++;
    else keyMisses.push(`"${c.prompt}": asked ${c.key}, found ${found}`);
  }
}
function sameKey(asked: string, planned: string): boolean {
  const pc = (s: string): string =>
    s.replace('D#', 'Eb').replace('A#', 'Bb').replace('Gb', 'F#').replace('Db', 'C#').replace('G#', 'Ab');
  return pc(asked) === pc(planned);
}
console.log('## Stated tempo and key (explicit prompts of the embedder table)\n');
console.log(`- tempo in figures written in the MIDI exactly: ${pct(tempoOk, tempoAsked)}`);
console.log(`- asked key = key found in the notes (Krumhansl): ${pct(keyOk, keyAsked)}`);
for (const m of keyMisses) console.log(`  - miss: ${m}`);

// 4. Mood.
const rows = MOOD.map((m, i) => {
  const r = compose(model, { prompt: m.prompt, seed: 2000 + i });
  const seq = r.sequence;
  const k = findKey(seq.notes);
  return { m, tempo: r.tempo, nps: seq.notes.length / durationSeconds(seq), major: k.mode === 'major' };
});
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const hi = rows.filter((r) => r.m.quadrant[1] === '+');
const lo = rows.filter((r) => r.m.quadrant[1] === '-');
const pos = rows.filter((r) => r.m.quadrant[0] === '+');
const neg = rows.filter((r) => r.m.quadrant[0] === '-');
console.log(`\n## Mood (${rows.length} ad-style prompts of the embedder table, 30 s each)\n`);
console.log('| group | pieces | mean tempo | mean notes/s | major keys found |');
console.log('|---|---|---|---|---|');
for (const [name, g] of [
  ['high arousal', hi],
  ['low arousal', lo],
  ['positive valence', pos],
  ['negative valence', neg],
] as const)
  console.log(
    `| ${name} | ${g.length} | ${mean(g.map((r) => r.tempo)).toFixed(1)} | ${mean(g.map((r) => r.nps)).toFixed(2)} | ${pct(g.filter((r) => r.major).length, g.length)} |`,
  );
console.log(`\ntotal time ${((performance.now() - t0) / 1000).toFixed(0)} s`);
model.dispose();
