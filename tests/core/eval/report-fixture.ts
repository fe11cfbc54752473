/** A small evaluation built from synthetic pieces, shared by the report and browser tests. */
import { readFileSync } from 'node:fs';
import { checkEmotionClassifier } from '../../../core/eval/emotion/model';
import { buildIndex } from '../../../core/eval/novelty';
import type { EvalPrompt } from '../../../core/eval/prompts';
import type { EvaluateInput } from '../../../core/eval/report/evaluate';
import { seededRandom } from '../../../core/random';
import type { ChordSpan } from '../../../core/features/chords';
import type { Note, NoteSequence } from '../../../core/sequence';
import { line, note, piece } from './helpers';

/** A training tune of 24 eighths (3 bars) that the first default piece copies whole. */
export const COPIED = Array.from(
  { length: 24 },
  (_, i) => [60, 62, 64, 67, 65, 64][i % 6] + (i >= 12 ? 2 : 0),
);

export const PROMPTS: EvalPrompt[] = [
  { prompt: 'upbeat launch, 120 bpm in C major', tempo: 120, key: { tonic: 0, mode: 'major' } },
  { prompt: 'hip hop at 90 bpm', tempo: 90 },
  { prompt: 'in A minor', key: { tonic: 9, mode: 'minor' } },
  { prompt: 'birthday party', quadrant: 'Q1' },
  { prompt: 'sad goodbye', quadrant: 'Q3' },
  { prompt: 'calm spa', quadrant: 'Q4' },
];

/** The chord every band piece plays under: C major throughout. */
export const C_MAJOR: ChordSpan[] = [{ root: 0, quality: 'maj', start: 0, end: 12 }];

/**
 * A band piece: a melody (model), C-E-G half notes in the harmony (a rule's voicing), a bass alternating C
 * and G (model; root rate 1/2, chord-tone rate 1), drums on sixteenths (model, copied from beat 4 on).
 */
function band(seed: number, bpm: number, copy: boolean): NoteSequence {
  const rng = seededRandom(seed);
  const notes: Note[] = copy
    ? line(
        COPIED.map((p) => p + 5),
        0.5,
      )
    : line(
        Array.from({ length: 24 }, () => [60, 62, 64, 65, 67, 69, 71][Math.floor(rng() * 7)]),
        0.5,
      );
  const tagged: Note[] = notes.map((n) => ({ ...n, origin: 'model' }));
  for (let b = 0; b < 12; b += 2)
    for (const p of [48, 52, 55])
      tagged.push({ ...note(p, b, b + 2, 'harmony', 70), origin: 'rule', by: 'voicing' });
  for (let b = 0; b < 12; b++)
    tagged.push({ ...note(36 + (b % 2) * 7, b, b + 0.9, 'bass', 90), origin: 'model' });
  for (let s = 0; s < 48; s++) {
    const d = note(s % 4 === 0 ? 36 : 42, s / 4, s / 4 + 0.1, 'drums', 100);
    tagged.push(s < 16 ? { ...d, origin: 'model' } : { ...d, origin: 'copy', by: 'drum-loop' });
  }
  return piece(tagged, bpm, 4, 12);
}

function wander(seed: number): NoteSequence {
  const rng = seededRandom(seed);
  let t = 0;
  const notes: Note[] = [];
  while (t < 11) {
    const len = 0.2 + rng();
    notes.push(note(50 + Math.floor(rng() * 30), t, t + len));
    t += 0.1 + rng() * 0.6;
  }
  return piece(notes, 120, 4, 12);
}

/**
 * The evaluation input: four sets of six pieces (default, rules off, the control: wandering lines at the
 * asked tempos, the baseline), six reference pieces with their chords, a training index, the shipped
 * classifier.
 */
export function fixtureInput(): EvaluateInput {
  const tempos = [120, 90, 100, 130, 70, 80];
  const classifier = checkEmotionClassifier(JSON.parse(readFileSync('assets/eval/emotion.json', 'utf8')));
  const defaults = tempos.map((bpm, i) => band(i + 1, bpm, i === 0));
  defaults[0].meta = { keyRetry: true };
  const chords = tempos.map(() => C_MAJOR);
  return {
    prompts: PROMPTS,
    seeds: [1, 2, 3, 4, 5, 6],
    seconds: 6,
    sets: [
      { name: 'default', model: 'test-default@1', pieces: defaults, chords },
      {
        name: 'rules-off',
        model: 'test-default@1',
        pieces: tempos.map((bpm, i) => band(i + 21, bpm, false)),
        chords,
      },
      {
        name: 'control',
        model: 'test-control@1',
        pieces: tempos.map((bpm, i) => ({ ...wander(i + 30), tempos: [{ beat: 0, bpm }] })),
        chords,
      },
      { name: 'baseline', model: 'test-baseline@1', pieces: tempos.map((_, i) => wander(i + 10)) },
    ],
    reference: [1, 2, 3, 4, 5, 6].map((i) => band(100 + i, 100, false)),
    referenceDirs: ['ref'],
    referenceChords: [1, 2, 3, 4, 5, 6].map(() => C_MAJOR),
    skipped: [{ path: 'ref/broken.mid', reason: 'MidiParseError: not a MIDI file' }],
    training: { index: buildIndex([line(COPIED), line([40, 41, 40, 41, 40])]), dirs: ['train'], parts: 2 },
    classifier: {
      name: 'emotion.json',
      classifier,
      holdout: { dir: 'holdout', ...classifier.training.test },
    },
    createdAt: '2026-01-01T00:00:00.000Z',
    timing: { default: 1.5 },
  };
}
