import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../../cli/model-files';
import type { ArrangementPlan, Section } from '../../../core/arrange/plan';
import {
  conditioningChanges,
  hushed,
  makeRoomForVoice,
  planSpeech,
  UNDER_SPEECH,
} from '../../../core/arrange/voice';
import { compose } from '../../../core/compose';
import { defaultConditioning } from '../../../core/conditioning';
import { speechSpans } from '../../../core/embed';
import { speechFigures } from '../../../core/eval/picture';
import type { MusicModel } from '../../../core/model/model';
import type { Note } from '../../../core/sequence';
import { TRANSCRIPT, TRANSCRIPT_SPANS } from './picture.fixtures';

const c = defaultConditioning();
const section = (start: number, end: number): Section => ({
  kind: 'verse',
  start,
  end,
  segment: -1,
  roles: ['melody', 'harmony'],
  conditioning: c,
  transition: false,
});

describe('planSpeech', () => {
  it('turns seconds into beats, joins overlapping lines, rests the melody under lines shorter than a bar', () => {
    const tempos = [{ beat: 0, bpm: 120 }];
    expect(
      planSpeech(
        [
          { start: 1, end: 1.5 },
          { start: 4, end: 6 },
          { start: 5.5, end: 7 },
          { start: 20, end: 30 },
        ],
        tempos,
        32,
        4,
      ),
    ).toEqual([
      { start: 2, end: 3, melody: 'rest' },
      { start: 8, end: 14, melody: 'low' },
    ]);
  });
});

describe('conditioningChanges', () => {
  it("is each section's conditioning, hushed from each speech span's start to its end", () => {
    const sections = [section(0, 8), section(8, 16)];
    expect(conditioningChanges(sections, [])).toEqual([
      { start: 0, conditioning: c },
      { start: 8, conditioning: c },
    ]);
    const changes = conditioningChanges(sections, [{ start: 6, end: 10, melody: 'low' }]);
    expect(changes.map((x) => x.start)).toEqual([0, 6, 8, 10]);
    expect(changes[1].conditioning).toEqual(hushed(c));
    expect(changes[2].conditioning).toEqual(hushed(c));
    expect(changes[3].conditioning).toEqual(c);
    expect(hushed(c).density).toBeCloseTo(c.density + UNDER_SPEECH.density, 9);
    expect(hushed(c).dynamics).toBeLessThan(c.dynamics);
  });
});

describe('makeRoomForVoice', () => {
  const note = (pitch: number, start: number, end: number): Note => ({
    pitch,
    start,
    end,
    velocity: 100,
    role: 'melody',
    program: 0,
    isDrum: false,
  });
  const plan = (speech: ArrangementPlan['speech']) => ({ speech }) as ArrangementPlan;

  it('keeps one soft tone every two bars under a long line, held, an octave down when high; stops notes held into speech', () => {
    const notes = [
      note(76, 2, 5),
      note(79, 4.5, 5),
      note(72, 5, 6),
      note(74, 8, 9),
      note(60, 9, 10),
      note(72, 12.5, 13),
    ];
    const out = makeRoomForVoice(notes, plan([{ start: 4, end: 12, melody: 'low' }]), 4);
    expect(out).toEqual([
      { ...note(76, 2, 4), origin: 'mended', by: 'voice-over' },
      note(72, 12.5, 13),
      { ...note(67, 4.5, 12), velocity: 67, origin: 'mended', by: 'voice-over' },
    ]);
  });

  it('rests the melody under a short line and leaves other roles alone', () => {
    const harmony = { ...note(60, 4, 6), role: 'harmony' as const };
    const out = makeRoomForVoice(
      [note(72, 4, 4.5), harmony],
      plan([{ start: 4, end: 6, melody: 'rest' }]),
      4,
    );
    expect(out).toEqual([harmony]);
  });
});

describe('room for the voice-over (the shipped model, a transcript fixture)', () => {
  let model: MusicModel;
  beforeAll(async () => {
    model = await loadModel();
  });
  afterAll(() => model.dispose());

  it('writes the melody sparser and softer under speech, as notes, not a volume curve', () => {
    const spans = speechSpans(JSON.stringify(TRANSCRIPT));
    expect(spans).toEqual(TRANSCRIPT_SPANS);
    // Notes per second under speech and in the gaps, summed over the seeds (the gaps' density is the
    // model's, which varies from piece to piece; under speech a rule keeps one note every two bars).
    const pooled = { speech: 0, gaps: 0 };
    for (const seed of [3, 8]) {
      const request = { prompt: 'Adventure boots, bold and uplifting', seconds: 30, seed };
      const vo = compose(model, { ...request, speech: spans });
      expect(vo.plan.speech).toHaveLength(4);
      const f = speechFigures(vo.sequence, spans);
      pooled.speech += f.notesPerSecond.speech;
      pooled.gaps += f.notesPerSecond.gaps;
      expect(f.notesPerSecond.speech).toBeLessThan(f.notesPerSecond.gaps);
      expect(f.velocity.gaps - f.velocity.speech).toBeGreaterThanOrEqual(15);
      // Not merely scaled: the melody has fewer notes under speech than the same piece without it.
      const dry = speechFigures(compose(model, request).sequence, spans);
      expect(f.notesPerSecond.speech).toBeLessThan(0.5 * dry.notesPerSecond.speech);
      console.log(
        `seed ${seed}: melody ${f.notesPerSecond.speech.toFixed(2)} notes/s under speech, ${f.notesPerSecond.gaps.toFixed(2)} in gaps (without a voice-over ${dry.notesPerSecond.speech.toFixed(2)}); velocity ${f.velocity.speech.toFixed(1)} against ${f.velocity.gaps.toFixed(1)}`,
      );
    }
    expect(pooled.speech).toBeLessThanOrEqual(0.4 * pooled.gaps);
  });

  it("takes the prompt's own timed parts as speech with voiceOver, and none by default", () => {
    const transcript = JSON.stringify(TRANSCRIPT);
    expect(compose(model, { prompt: transcript, seconds: 30 }).plan.speech).toEqual([]);
    const r = compose(model, { prompt: transcript, seconds: 30, voiceOver: true });
    expect(r.plan.speech!.length).toBe(4);
    expect(r.sequence.markers!.filter((m) => m.text === 'voice-over')).toHaveLength(4);
  });
});
