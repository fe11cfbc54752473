/**
 * The plan as named points for a composer's DAW: every section (with the script part it follows), every
 * cut and every span of speech become markers of the sequence, which the MIDI writer emits as marker
 * meta events (locators).
 */
import type { SequenceMarker } from '../sequence';
import type { ArrangementPlan } from './plan';

/** Longest text of a marker, in characters. */
const MAX_TEXT = 60;

const clip = (text: string): string => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

/**
 * Markers of a plan, sorted by beat: `intro`, `verse: <part's text>`... at section starts (a part's text
 * on its first section), `cut N (12.34 s)` at each hit, `voice-over` / `voice-over ends` around speech.
 * @param parts the text of each timed part of the prompt (`EmbedResult.segments[i].text`)
 */
export function planMarkers(plan: ArrangementPlan, parts: readonly string[] = []): SequenceMarker[] {
  const out: SequenceMarker[] = [];
  const named = new Set<number>();
  for (const s of plan.sections) {
    const text = s.segment >= 0 && !named.has(s.segment) ? parts[s.segment] : undefined;
    if (text) named.add(s.segment);
    out.push({ beat: s.start, text: clip(text ? `${s.kind}: ${text}` : s.kind) });
  }
  let n = 0;
  for (const h of plan.hits ?? []) {
    const ids = h.cuts.map(() => ++n);
    const label = ids.length > 1 ? `cuts ${ids[0]}-${ids[ids.length - 1]}` : `cut ${ids[0]}`;
    out.push({ beat: h.beat, text: `${label} (${h.seconds.toFixed(2)} s)` });
  }
  for (const s of plan.speech ?? [])
    out.push({ beat: s.start, text: 'voice-over' }, { beat: s.end, text: 'voice-over ends' });
  return out.sort((a, b) => a.beat - b.beat);
}
