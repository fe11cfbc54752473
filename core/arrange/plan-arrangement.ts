/**
 * The plan of a piece before any note: its time line (the tempo map fitted to the length and the cuts),
 * its sections, orchestration, chords and motif window ({@link ArrangementPlan}).
 */
import type { EmbedResult } from '../embed/types';
import { beatsPerBar } from '../sequence';
import type { ArrangeOptions } from './arrange';
import { planChords } from './chords';
import { motifWindow, withTheme } from './cutdowns';
import { planSections } from './form';
import { anticipateChords } from './hits';
import { orchestrate } from './orchestrate';
import type { ArrangementPlan, Section } from './plan';
import type { Timing } from './timing';
import { fitTiming, tempoChangesOf } from './timing';
import { planSpeech } from './voice';

/**
 * The time line and the form: the tempo map fitted to the length, the cuts and the tempi a script
 * states, and the sections on it (a part that states a tempo starts where its tempo does).
 */
function planTime(embedding: EmbedResult, o: ArrangeOptions): { timing: Timing; sections: Section[] } {
  const c = embedding.conditioning;
  const bar = beatsPerBar(c.meter);
  const changes = tempoChangesOf(embedding, o.seconds);
  const timing = fitTiming({
    seconds: o.seconds,
    tempo: c.tempo,
    bar,
    fixed: embedding.statedBpm !== null,
    changes,
    cuts: o.cuts,
  });
  const sections = planSections({
    embedding,
    conditioning: { ...c, tempo: timing.tempos[0].bpm },
    beats: timing.beats,
    loop: o.loop ?? false,
    tempos: timing.tempos,
    pinned: new Map(timing.changeBeats.map((b, k) => [changes[k].segment ?? -1, b])),
    hitBars: timing.hits.filter((h) => h.downbeat).map((h) => h.beat / bar),
  });
  return { timing, sections };
}

/** A note for each meter a later part states that the piece (one meter throughout) does not follow. */
function unfollowedMeters(embedding: EmbedResult): string[] | undefined {
  const { numerator, denominator } = embedding.conditioning.meter;
  const meter = `${numerator}/${denominator}`;
  const unmet = embedding.segments.filter((s) => s.sources.meter === 'explicit' && s.meter !== meter);
  return unmet.length > 0
    ? [`meter ${unmet[0].meter} of a later part not followed: the piece stays in ${meter}`]
    : undefined;
}

/** Plans the arrangement of `embedding` over `seconds` (no notes yet). */
export function planArrangement(embedding: EmbedResult, o: ArrangeOptions): ArrangementPlan {
  const c = embedding.conditioning;
  const { timing, sections } = planTime(embedding, o);
  const { tempos, beats, hits } = timing;
  const { programs, drumLevel } = orchestrate(c.style, embedding.instruments, embedding.exclusive);
  let plan: ArrangementPlan = {
    seconds: o.seconds,
    tempo: tempos[0].bpm,
    askedTempo: c.tempo,
    tempos,
    beats,
    key: c.key,
    meter: c.meter,
    style: c.style,
    sections,
    chords: [],
    programs,
    drumLevel,
    loop: o.loop ?? false,
    hits,
    unplacedCuts: timing.unplaced,
    speech: planSpeech(o.speech ?? [], tempos, beats, beatsPerBar(c.meter)),
  };
  plan.motif = motifWindow(plan);
  const notes = unfollowedMeters(embedding);
  if (notes) plan.notes = notes;
  if (o.theme) plan = withTheme({ ...plan, chords: planChords(plan, o.seed ?? 1) }, o.theme);
  else plan.chords = planChords(plan, o.seed ?? 1);
  plan.chords = anticipateChords(plan.chords, hits);
  return plan;
}
