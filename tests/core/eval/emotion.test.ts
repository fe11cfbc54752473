import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../core/errors';
import {
  accuracyOf,
  chooseL2,
  confusionMatrix,
  groupFolds,
  predictClass,
  predictProba,
  trainSoftmax,
} from '../../../core/eval/emotion/classifier';
import { EMOTION_FEATURES, emotionFeatures } from '../../../core/eval/emotion/features';
import type { LabelledClip } from '../../../core/eval/emotion/model';
import {
  checkEmotionClassifier,
  classifyQuadrant,
  isTestSong,
  trainEmotionClassifier,
} from '../../../core/eval/emotion/model';
import { QUADRANTS } from '../../../core/eval/prompts';
import { seededRandom } from '../../../core/random';
import type { Note } from '../../../core/sequence';
import { note, piece } from './helpers';

/** A C-major arpeggio, a note per beat for `beats` beats, at velocity `v`. */
const arpeggio = (beats: number, v = 80): Note[] =>
  Array.from({ length: beats }, (_, i) => note([60, 64, 67, 72][i % 4], i, i + 0.9, 'melody', v));

describe('emotion features', () => {
  it('are computed on seconds: the same performance written at another tempo gives the same vector', () => {
    const at100 = piece(arpeggio(48), 100);
    // The same notes in seconds, written at 120 bpm (1.2 x the beats).
    const at120 = piece(
      arpeggio(48).map((n) => ({ ...n, start: n.start * 1.2, end: n.end * 1.2 })),
      120,
    );
    const a = emotionFeatures(at100)!;
    const b = emotionFeatures(at120)!;
    expect(a.length).toBe(EMOTION_FEATURES.length);
    a.forEach((x, i) => expect(b[i]).toBeCloseTo(x, 9));
    const f = Object.fromEntries(EMOTION_FEATURES.map((k, i) => [k, a[i]]));
    expect(f.mode).toBe(1);
    expect(f.majorThird).toBeGreaterThan(0.9);
    // The beat tracker hears the 100 bpm pulse.
    expect(Math.abs(2 ** f.tempo * 110 - 100)).toBeLessThan(3);
    expect(f.noteRate).toBeCloseTo(48 / (47.9 * 0.6), 6);
    expect(f.velocityMean).toBeCloseTo(80 / 127, 12);
    expect(f.velocityStd).toBeCloseTo(0, 12);
  });

  it('leave drums out and give null below 8 pitched notes', () => {
    expect(emotionFeatures(piece(arpeggio(7)))).toBeNull();
    const drums = Array.from({ length: 20 }, (_, i) => note(36, i / 2, i / 2 + 0.1, 'drums', 127));
    expect(emotionFeatures(piece([...arpeggio(16), ...drums]))).toEqual(emotionFeatures(piece(arpeggio(16))));
  });
});

/** Clips with class-dependent features: class c shifts feature c by +3. */
function syntheticClips(songs: number, perSong: number, seed: number): LabelledClip[] {
  const rng = seededRandom(seed);
  const clips: LabelledClip[] = [];
  for (let s = 0; s < songs; s++)
    for (let k = 0; k < perSong; k++) {
      const q = s % 4;
      const features = EMOTION_FEATURES.map((_, j) => rng() + (j === q ? 3 : 0));
      clips.push({ id: `${s}-${k}`, song: `song${s}`, quadrant: QUADRANTS[q], features });
    }
  return clips;
}

describe('softmax regression', () => {
  const names = { features: EMOTION_FEATURES, classes: QUADRANTS };
  const clips = syntheticClips(40, 3, 1);
  const x = clips.map((c) => c.features);
  const y = clips.map((c) => QUADRANTS.indexOf(c.quadrant));

  it('learns separable classes, deterministically, with probabilities that sum to 1', () => {
    const m = trainSoftmax(x, y, names, { iterations: 300 });
    expect(x.every((r, i) => predictClass(m, r) === y[i])).toBe(true);
    expect(JSON.stringify(trainSoftmax(x, y, names, { iterations: 300 }))).toBe(JSON.stringify(m));
    const p = predictProba(m, x[0]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(m.mean.length).toBe(EMOTION_FEATURES.length);
    expect(() => trainSoftmax([[1, 2]], [0], names)).toThrow(DataError);
    expect(() =>
      trainSoftmax(
        x,
        y.map(() => 7),
        names,
      ),
    ).toThrow(DataError);
  });

  it('confusion matrix and accuracy', () => {
    const cm = confusionMatrix([0, 0, 1, 2, 3, 3], [0, 1, 1, 2, 3, 0], 4);
    expect(cm).toEqual([
      [1, 1, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [1, 0, 0, 1],
    ]);
    expect(accuracyOf(cm)).toBe(4 / 6);
    expect(accuracyOf([[0]])).toBeNaN();
  });

  it('cross-validates by song: every clip of a song in one fold', () => {
    const folds = groupFolds(
      clips.map((c) => c.song),
      5,
    );
    const bySong = new Map<string, Set<number>>();
    clips.forEach((c, i) => bySong.set(c.song, (bySong.get(c.song) ?? new Set()).add(folds[i])));
    expect([...bySong.values()].every((s) => s.size === 1)).toBe(true);
    expect(new Set(folds).size).toBe(5);
    const cv = chooseL2(
      x,
      y,
      clips.map((c) => c.song),
      names,
      [0.001, 10],
      5,
      { iterations: 200 },
    );
    expect(cv.accuracy['0.001']).toBe(1);
    expect(cv.l2).toBe(0.001);
  });
});

describe('the EMOPIA classifier', () => {
  it('splits by song, tests on unseen songs and on a separate holdout, and round-trips through JSON', () => {
    const clips = syntheticClips(40, 3, 2);
    const c = trainEmotionClassifier(clips, syntheticClips(8, 2, 3), {
      iterations: 200,
      l2Candidates: [0.01],
    });
    const t = c.training;
    expect(t.trainClips + t.testClips).toBe(120);
    expect(t.trainSongs + t.testSongs).toBe(40);
    expect(t.testSongs).toBe(new Set(clips.filter((x) => isTestSong(x.song)).map((x) => x.song)).size);
    expect(t.test.accuracy).toBe(1);
    expect(t.holdout?.clips).toBe(16);
    expect(t.test.confusion.flat().reduce((a, b) => a + b, 0)).toBe(t.testClips);
    const back = checkEmotionClassifier(JSON.parse(JSON.stringify(c)));
    expect(back.model.weights).toEqual(c.model.weights);
    expect(() => checkEmotionClassifier({ ...c, model: { ...c.model, features: ['tempo'] } })).toThrow(
      DataError,
    );
    expect(() => trainEmotionClassifier(clips.slice(0, 1))).toThrow(DataError);
  });

  it('ships trained weights whose recorded held-out figures agree with their confusion matrices', () => {
    const c = checkEmotionClassifier(JSON.parse(readFileSync('assets/eval/emotion.json', 'utf8')));
    for (const s of [c.training.test, c.training.holdout!]) {
      expect(s.confusion.flat().reduce((a, b) => a + b, 0)).toBe(s.clips);
      expect(s.accuracy).toBeCloseTo(accuracyOf(s.confusion), 12);
      expect(s.accuracy).toBeGreaterThan(0.4);
    }
    expect(c.training.testClips).toBe(c.training.test.clips);
    expect(QUADRANTS).toContain(classifyQuadrant(c.model, piece(arpeggio(64), 140)));
    expect(classifyQuadrant(c.model, piece(arpeggio(3)))).toBeNull();
  });
});
