/**
 * The style classifier's features: hand-made measures of a piece's tempo and meter, drum pattern, rhythm,
 * register, harmony and instrumentation, computed the same way on a corpus file (its placed tracks, on its
 * beat grid) and on a generated piece. Times are in beats (the corpora the classifier learns from are
 * quantized; files without a trustworthy grid are not used).
 *
 * Two sets: {@link NOTE_FEATURES} look only at what is played (notes, timing, drum kit pieces), and
 * {@link FAMILY_FEATURES} add the share of sounding time per instrument family, which in a generated piece
 * the arranger's orchestration chooses, not the model.
 */
import { findKey, pitchClassHistogram } from '../../features/key';
import { INSTRUMENT_FAMILIES, familyOfProgram } from '../../features/family';
import type { Note, NoteSequence } from '../../sequence';
import { beatsPerBar, isCompound, tempoAt } from '../../sequence';

/** Features of what is played, in vector order. */
export const NOTE_FEATURES = [
  'tempo',
  'triple',
  'compound',
  'hasDrums',
  'drumOnsets',
  'fourOnFloor',
  'backbeat',
  'hatDensity',
  'latinPercussion',
  'swing',
  'syncopation',
  'tripletShare',
  'pitchedOnsets',
  'polyphony',
  'pitchMean',
  'pitchSpread',
  'bassOnsets',
  'bassPitch',
  'bassStepwise',
  'melodyShare',
  'logDuration',
  'staccato',
  'sustained',
  'mode',
  'keyClarity',
  'chromatic',
  'blueNotes',
  'richChords',
  'velocityMean',
  'velocityStd',
] as const;

/** Share of pitched sounding time per instrument family (drums left out). */
export const FAMILY_FEATURES = INSTRUMENT_FAMILIES.filter((f) => f !== 'drums').map((f) => `family.${f}`);

/** Every feature, in vector order: {@link NOTE_FEATURES} then {@link FAMILY_FEATURES}. */
export const STYLE_FEATURES: readonly string[] = [...NOTE_FEATURES, ...FAMILY_FEATURES];

const KICKS = new Set([35, 36]);
const SNARES = new Set([37, 38, 39, 40]);
const HATS = new Set([42, 44, 46, 51, 53, 59]);
/** Congas, bongos, timbales, agogo, cabasa, maracas, claves, guiro, cowbell, woodblocks. */
const LATIN = new Set([56, 58, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 73, 74, 75, 76, 77]);
const MAJOR_SCALE = [0, 2, 4, 5, 7, 9, 11];
const MINOR_SCALE = [0, 2, 3, 5, 7, 8, 10];

const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
const std = (xs: readonly number[]): number => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
};
/** Distance of a beat position from the nearest multiple of `unit` beats. */
const off = (t: number, unit: number): number => Math.abs(t / unit - Math.round(t / unit)) * unit;
const onGrid = (t: number, unit: number): boolean => off(t, unit) < 1 / 48;

function drumFeatures(drums: readonly Note[], beats: number, bar: number): number[] {
  if (drums.length === 0) return [0, 0, 0, 0, 0, 0];
  const onsets = new Set(drums.map((n) => Math.round(n.start * 12))).size;
  const kickBeats = new Set(
    drums.filter((n) => KICKS.has(n.pitch) && onGrid(n.start, 1)).map((n) => Math.round(n.start)),
  );
  const snares = drums.filter((n) => SNARES.has(n.pitch) && onGrid(n.start, 1));
  const backbeat = snares.filter(
    (n) => (Math.round(n.start) % Math.max(1, Math.round(bar))) % 2 === 1,
  ).length;
  const hats = drums.filter((n) => HATS.has(n.pitch)).length;
  const latin = drums.filter((n) => LATIN.has(n.pitch)).length;
  return [
    1,
    onsets / beats,
    kickBeats.size / Math.max(1, Math.ceil(beats)),
    snares.length ? backbeat / snares.length : 0,
    hats / beats,
    latin / drums.length,
  ];
}

/** Swing, syncopation and triplet share of the onsets (all notes). */
function rhythmFeatures(notes: readonly Note[]): number[] {
  let straight = 0;
  let swung = 0;
  let syncopated = 0;
  let triplet = 0;
  const onsets = [...new Set(notes.map((n) => Math.round(n.start * 12)))].map((s) => s / 12);
  for (const t of onsets) {
    const f = t - Math.floor(t);
    if (Math.abs(f - 0.5) < 1 / 48) straight++;
    if (Math.abs(f - 2 / 3) < 1 / 48) swung++;
    if (!onGrid(t, 0.5) && onGrid(t, 0.25)) syncopated++;
    if (!onGrid(t, 0.25) && onGrid(t, 1 / 3)) triplet++;
  }
  const n = Math.max(1, onsets.length);
  return [swung / Math.max(1, straight + swung), syncopated / n, triplet / n];
}

/** Share of 2-beat windows whose sounding pitch classes number four or more (sevenths and beyond). */
function richChords(pitched: readonly Note[], beats: number): number {
  const windows = Math.max(1, Math.ceil(beats / 2));
  const sets = Array.from({ length: windows }, () => new Set<number>());
  for (const n of pitched)
    for (let w = Math.floor(n.start / 2); w < windows && w * 2 < n.end; w++) sets[w].add(n.pitch % 12);
  const played = sets.filter((s) => s.size > 0);
  return played.length ? played.filter((s) => s.size >= 4).length / played.length : 0;
}

function harmonyFeatures(pitched: readonly Note[], beats: number): number[] {
  const key = findKey(pitched);
  const h = pitchClassHistogram(pitched);
  const total = h.reduce((s, x) => s + x, 0) || 1;
  const scale = (key.mode === 'major' ? MAJOR_SCALE : MINOR_SCALE).map((i) => (key.tonic + i) % 12);
  const inside = scale.reduce((s, pc) => s + h[pc], 0);
  const blue =
    key.mode === 'major' ? h[(key.tonic + 3) % 12] + h[(key.tonic + 10) % 12] : h[(key.tonic + 6) % 12];
  return [
    key.mode === 'major' ? 1 : -1,
    key.score,
    1 - inside / total,
    blue / total,
    richChords(pitched, beats),
  ];
}

function familyShares(pitched: readonly Note[]): number[] {
  const time = new Map<string, number>();
  let total = 0;
  for (const n of pitched) {
    const f = familyOfProgram(n.program);
    time.set(f, (time.get(f) ?? 0) + (n.end - n.start));
    total += n.end - n.start;
  }
  return FAMILY_FEATURES.map((name) => (total ? (time.get(name.slice(7)) ?? 0) / total : 0));
}

/** Mean number of notes sounding at each distinct onset (a sweep over starts and ends). */
function polyphony(pitched: readonly Note[]): number {
  if (pitched.length === 0) return 0;
  const starts = pitched.map((n) => n.start).sort((a, b) => a - b);
  const ends = pitched.map((n) => n.end).sort((a, b) => a - b);
  let total = 0;
  let onsets = 0;
  let e = 0;
  for (let i = 0; i < starts.length; i++) {
    if (i + 1 < starts.length && starts[i + 1] === starts[i]) continue;
    while (e < ends.length && ends[e] <= starts[i]) e++;
    total += i + 1 - e;
    onsets++;
  }
  return total / onsets;
}

/**
 * Computes a piece's feature vector ({@link STYLE_FEATURES} order; the first {@link NOTE_FEATURES} are
 * what is played). Returns null for a piece with fewer than 16 notes or under 4 beats.
 */
export function styleFeatures(seq: NoteSequence): number[] | null {
  const notes = seq.notes;
  const end = notes.reduce((m, n) => Math.max(m, n.end), 0);
  const beats = Math.max(end, 1e-9);
  if (notes.length < 16 || end < 4) return null;
  const drums = notes.filter((n) => n.isDrum);
  const pitched = notes.filter((n) => !n.isDrum);
  const meter = seq.timeSignatures[0] ?? { numerator: 4, denominator: 4 };
  const bar = beatsPerBar(meter);
  const bass = pitched.filter((n) => n.role === 'bass').sort((a, b) => a.start - b.start);
  const steps = bass.slice(1).map((n, i) => Math.abs(n.pitch - bass[i].pitch));
  const durations = pitched.map((n) => n.end - n.start);
  const pitches = pitched.map((n) => n.pitch).sort((a, b) => a - b);
  const pct = (q: number): number =>
    pitches[Math.min(pitches.length - 1, Math.floor(q * pitches.length))] ?? 60;
  const onsetsOf = (ns: readonly Note[]): number =>
    new Set(ns.map((n) => Math.round(n.start * 12))).size / beats;
  const sounding = polyphony(pitched);
  const has = pitched.length > 0;
  const features = [
    Math.log2(Math.min(300, Math.max(20, tempoAt(0, seq.tempos))) / 120),
    meter.numerator % 3 === 0 ? 1 : 0,
    isCompound(meter) ? 1 : 0,
    ...drumFeatures(drums, beats, bar),
    ...rhythmFeatures(notes),
    onsetsOf(pitched),
    sounding,
    has ? (mean(pitches) - 60) / 12 : 0,
    has ? (pct(0.95) - pct(0.05)) / 12 : 0,
    onsetsOf(bass),
    bass.length ? (mean(bass.map((n) => n.pitch)) - 36) / 12 : 0,
    steps.length ? steps.filter((s) => s > 0 && s <= 2).length / steps.length : 0,
    has ? pitched.filter((n) => n.role === 'melody').length / pitched.length : 0,
    has ? mean(durations.map((d) => Math.log(Math.max(1 / 12, d)))) : 0,
    has ? durations.filter((d) => d <= 0.25).length / durations.length : 0,
    has ? durations.filter((d) => d >= 2).length / durations.length : 0,
    ...(has ? harmonyFeatures(pitched, beats) : [0, 0, 0, 0, 0]),
    mean(notes.map((n) => n.velocity / 127)),
    std(notes.map((n) => n.velocity / 127)),
    ...familyShares(pitched),
  ];
  return features.map((x) => (Number.isFinite(x) ? x : 0));
}
