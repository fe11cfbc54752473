/**
 * The arrangement plan: what the arranger decides before any note is written (form, tempo, key, chords,
 * roles and General MIDI programs per section). Plain data, written into each result's `.json`.
 */
import type { Conditioning } from '../conditioning';
import type { ChordSpan } from '../features/chords';
import type { Beats, Bpm, Role, Seconds, TempoEvent } from '../sequence';
import type { Hit } from './timing';

/** The part a section plays in the form. */
export type SectionKind = 'intro' | 'verse' | 'chorus' | 'bridge' | 'ending';

/** One section of the form: whole bars (the last may be cut short to land on the target length). */
export interface Section {
  kind: SectionKind;
  /** First beat. */
  start: Beats;
  /** Beat after the last (the next section's start). */
  end: Beats;
  /** Index of the prompt's segment this section follows, or -1 when the prompt has none. */
  segment: number;
  /** Roles that play in this section. */
  roles: Role[];
  /** Conditioning the model is written under in this section. */
  conditioning: Conditioning;
  /** True when this section opens with a transition (a fill before it, a crash on its downbeat). */
  transition: boolean;
}

/** The section `beat` falls in (its start included, its end not), or undefined past the last. */
export function sectionAt(sections: readonly Section[], beat: Beats): Section | undefined {
  return sections.find((s) => beat >= s.start - 1e-6 && beat < s.end - 1e-6);
}

/**
 * A span of speech (a voice-over line) in beats: under it the accompaniment is written thinner and softer,
 * and the melody either rests (`rest`, a short line) or keeps one soft, low note a bar (`low`).
 */
export interface SpeechSpan {
  start: Beats;
  end: Beats;
  melody: 'rest' | 'low';
}

/** Everything the arranger planned for a piece. */
export interface ArrangementPlan {
  /** Target length in seconds; the piece lasts exactly this long. */
  seconds: Seconds;
  /** Opening tempo (the asked tempo, nudged by at most 5% to land on a bar line, or fitted to the cuts). */
  tempo: Bpm;
  /**
   * The tempo map written in the MIDI: one event when the tempo is steady; small steps at the hits so each
   * cut lands on a beat, and a change where a part of a script states a tempo. Absent: `tempo` throughout.
   */
  tempos?: TempoEvent[];
  /** The tempo before nudging. */
  askedTempo: Bpm;
  /** Length in beats (tempo x seconds / 60). */
  beats: Beats;
  /** Key of the piece. */
  key: Conditioning['key'];
  meter: Conditioning['meter'];
  style: Conditioning['style'];
  sections: Section[];
  /** Chord plan over the whole piece (absolute pitch classes). */
  chords: ChordSpan[];
  /** General MIDI program of each role. */
  programs: Record<Role, number>;
  /** Velocity scale of the drums (light drums for quiet styles). */
  drumLevel: number;
  /** True when the end leads back into the start (no intro, no ending, no fade). */
  loop: boolean;
  /** The picture's cuts, each on a beat, accented (absent or empty without cuts). */
  hits?: Hit[];
  /** Cuts left without a hit: outside the piece (or at its very edges), or out of the tempo range. */
  unplacedCuts?: Seconds[];
  /** Spans of speech the music makes room for (absent or empty without a voice-over). */
  speech?: SpeechSpan[];
  /** What the plan could not honour, for an editor (e.g. a meter change a later part asks for). */
  notes?: string[];
  /** The opening theme's bars (the first two bars the melody plays), shared by a family of cutdowns. */
  motif?: { start: Beats; end: Beats };
}
