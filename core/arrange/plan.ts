/**
 * The arrangement plan: what the arranger decides before any note is written (form, tempo, key, chords,
 * roles and General MIDI programs per section). Plain data, written into each result's `.json`.
 */
import type { Conditioning } from '../conditioning';
import type { ChordSpan } from '../features/chords';
import type { Beats, Bpm, Role, Seconds } from '../sequence';

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

/** Everything the arranger planned for a piece. */
export interface ArrangementPlan {
  /** Target length in seconds; the piece lasts exactly this long. */
  seconds: Seconds;
  /** Tempo written in the MIDI (the asked tempo, nudged by at most 5% to land on a bar line). */
  tempo: Bpm;
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
}
