/**
 * Orchestration: General MIDI programs for each role, from the instruments the prompt asked for (or its
 * style's typical ones, which the embedder lists), so that a cinematic piece gets strings and pads, a tech
 * piece synths, an acoustic one guitars, a corporate one piano, bass and light drums.
 */
import type { Style } from '../conditioning';
import { STYLE_INSTRUMENTS } from '../embed/attributes';
import type { Instrument } from '../embed/types';
import type { Role } from '../sequence';

/** GM program (0-based) of each pitched instrument the embedder knows. */
export const INSTRUMENT_PROGRAMS: Record<Exclude<Instrument, 'drums' | 'percussion'>, number> = {
  piano: 0,
  'electric piano': 4,
  organ: 16,
  strings: 48,
  violin: 40,
  cello: 42,
  guitar: 25,
  'acoustic guitar': 25,
  'electric guitar': 27,
  bass: 33,
  synth: 81,
  pad: 89,
  brass: 61,
  trumpet: 56,
  saxophone: 65,
  flute: 73,
  woodwinds: 71,
  harp: 46,
  choir: 52,
  bells: 9,
  marimba: 12,
  ukulele: 24,
  banjo: 105,
};

/** Instruments that carry chords well, best first (the harmony role takes the first one present). */
const CHORDAL: Instrument[] = [
  'pad',
  'strings',
  'acoustic guitar',
  'piano',
  'electric piano',
  'guitar',
  'organ',
  'harp',
  'electric guitar',
  'ukulele',
  'synth',
  'marimba',
];

/** Bass program per style: synth bass for electronic styles, bowed or upright bass for acoustic ones. */
const STYLE_BASS: Partial<Record<Style, number>> = {
  electronic: 38,
  hiphop: 38,
  ambient: 38,
  jazz: 32,
  acoustic: 32,
  country: 32,
  latin: 32,
  cinematic: 43,
  orchestral: 43,
  funk: 36,
  rock: 34,
};

/** A second harmony colour per style when the prompt names only one chordal instrument. */
const STYLE_PAD: Partial<Record<Style, number>> = { cinematic: 89, orchestral: 48, ambient: 89 };

/** How loud drums play, by style (corporate and ambient beds keep them light). */
const DRUM_LEVEL: Partial<Record<Style, number>> = {
  corporate: 0.75,
  ambient: 0.6,
  cinematic: 0.85,
  acoustic: 0.75,
  lofi: 0.8,
  jazz: 0.8,
};

/** Every GM program {@link orchestrate} can choose (what a SoundFont trimmed for the renderer must keep). */
export const ORCHESTRA_PROGRAMS: readonly number[] = [
  ...new Set([
    ...Object.values(INSTRUMENT_PROGRAMS),
    ...Object.values(STYLE_BASS),
    ...Object.values(STYLE_PAD),
    0,
    33,
  ]),
].sort((a, b) => a - b);

/** True for programs that sustain (string ensembles, choirs, pads): their harmony is held, not comped. */
export function isSustained(program: number): boolean {
  return (program >= 48 && program <= 54) || (program >= 88 && program <= 95);
}

/** Programs per role and the drums' level (a velocity scale). */
export interface Orchestration {
  programs: Record<Role, number>;
  drumLevel: number;
}

/**
 * Picks each role's program: harmony takes the most chordal instrument present, melody the first other
 * pitched instrument (or the same one, for a solo instrument), bass follows the style. Unless the prompt's
 * instruments are `exclusive`, a lead instrument named alone gets the style's chordal one beside it.
 */
export function orchestrate(
  style: Style,
  instruments: readonly Instrument[],
  exclusive = false,
): Orchestration {
  const isPitched = (i: Instrument): i is Exclude<Instrument, 'drums' | 'percussion'> =>
    i !== 'drums' && i !== 'percussion' && i !== 'bass';
  const named = instruments.filter(isPitched);
  const usual = STYLE_INSTRUMENTS[style].filter(isPitched);
  // Only drums (or bass) named: the melody and harmony take the style's usual instruments.
  const pitched = named.length > 0 ? named : usual;
  // A lead instrument named alone (not "only") is accompanied by the style's chordal instrument.
  const chordal = (list: readonly Instrument[]) =>
    CHORDAL.find((i) => list.includes(i)) as (typeof named)[number] | undefined;
  const harmonyInstrument = chordal(pitched) ?? (exclusive ? undefined : chordal(usual)) ?? pitched[0];
  const lead = pitched.find((i) => i !== harmonyInstrument) ?? harmonyInstrument;
  const harmony =
    harmonyInstrument !== undefined ? INSTRUMENT_PROGRAMS[harmonyInstrument] : (STYLE_PAD[style] ?? 0);
  const melody = lead !== undefined ? INSTRUMENT_PROGRAMS[lead] : harmony;
  return {
    programs: { melody, harmony, bass: STYLE_BASS[style] ?? 33, drums: 0 },
    drumLevel: DRUM_LEVEL[style] ?? 1,
  };
}
