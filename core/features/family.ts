/**
 * Instrument families: how an instrument plays (a string pad sustains, a guitar strums, a synth lead
 * arpeggiates), coarser than the 128 General MIDI programs. One definition, shared by the corpus scanner
 * (which records each note's family), the model (which is conditioned on it) and the arranger (which knows
 * the family of every program it picks).
 */

/** The families, in the order of their ids (a model's family index). */
export const INSTRUMENT_FAMILIES = [
  'piano',
  'mallets',
  'organ',
  'guitar',
  'bass',
  'strings',
  'ensemble',
  'brass',
  'reed',
  'pipe',
  'synthLead',
  'synthPad',
  'synthFx',
  'ethnic',
  'percussive',
  'drums',
] as const;

/** One of {@link INSTRUMENT_FAMILIES}. */
export type InstrumentFamily = (typeof INSTRUMENT_FAMILIES)[number];

/** GM program blocks of eight, in program order (sound effects 120..127 count as percussive). */
const BLOCKS: readonly InstrumentFamily[] = [
  'piano', // 0-7
  'mallets', // 8-15 chromatic percussion
  'organ', // 16-23
  'guitar', // 24-31
  'bass', // 32-39
  'strings', // 40-47 solo strings, harp, timpani
  'ensemble', // 48-55 string ensembles, choirs, orchestra hit
  'brass', // 56-63
  'reed', // 64-71
  'pipe', // 72-79
  'synthLead', // 80-87
  'synthPad', // 88-95
  'synthFx', // 96-103
  'ethnic', // 104-111
  'percussive', // 112-119
  'percussive', // 120-127 sound effects
];

/**
 * The family of a General MIDI program (0..127); `drums` for percussion (channel 10) whatever its program.
 * Out-of-range programs are clamped.
 */
export function familyOfProgram(program: number, isDrum = false): InstrumentFamily {
  if (isDrum) return 'drums';
  const p = Math.min(127, Math.max(0, Math.floor(Number.isFinite(program) ? program : 0)));
  return BLOCKS[p >> 3];
}

/** The id (index in {@link INSTRUMENT_FAMILIES}) of a program's family. */
export function familyId(program: number, isDrum = false): number {
  return INSTRUMENT_FAMILIES.indexOf(familyOfProgram(program, isDrum));
}

/**
 * The most notes one player of a General MIDI program sounds at once: one for the solo winds (solo brass
 * 56-60, reeds 64-71, pipes 72-79, shanai 111), two for the solo bowed strings (violin to contrabass
 * 40-43, fiddle 110: a double stop), and no limit of the instrument's own for the rest (keyboards,
 * guitars, ensembles, synths), whose limit is the role's. Out-of-range programs are clamped.
 */
export function voicesOfProgram(program: number): number {
  const p = Math.min(127, Math.max(0, Math.floor(Number.isFinite(program) ? program : 0)));
  if ((p >= 56 && p <= 60) || (p >= 64 && p <= 79) || p === 111) return 1;
  if ((p >= 40 && p <= 43) || p === 110) return 2;
  return Infinity;
}

/** Lowest and highest MIDI pitch an instrument sounds (concert pitch). */
export interface PlayableRange {
  low: number;
  high: number;
}

/**
 * The sounding range of the General MIDI programs whose instrument has one a player cannot leave (the
 * usual orchestration ranges, concert pitch): pianos and harp, the marimba, the guitars (a nylon-string's
 * nineteen frets, a steel or electric's twenty-four) and the banjo, the bass guitars, the solo strings,
 * the choir's voices, the trumpet, alto sax, clarinet and flute. Synthesizers, organs, ensembles and
 * sections are left out: their span is the role's.
 */
const PLAYABLE_RANGES: Readonly<Record<number, PlayableRange>> = {
  0: { low: 21, high: 108 }, // acoustic grand: A0-C8
  1: { low: 21, high: 108 },
  2: { low: 21, high: 108 },
  4: { low: 28, high: 100 }, // a 73-key electric piano: E1-E7
  5: { low: 28, high: 100 },
  12: { low: 36, high: 96 }, // marimba: C2-C7
  24: { low: 40, high: 83 }, // nylon-string guitar: E2-B5
  25: { low: 40, high: 88 }, // steel-string and electric guitars: E2-E6
  26: { low: 40, high: 88 },
  27: { low: 40, high: 88 },
  28: { low: 40, high: 88 },
  29: { low: 40, high: 88 },
  30: { low: 40, high: 88 },
  32: { low: 28, high: 67 }, // acoustic, finger, pick and fretless basses: E1-G4
  33: { low: 28, high: 67 },
  34: { low: 28, high: 67 },
  35: { low: 28, high: 67 },
  36: { low: 28, high: 67 }, // slap basses
  37: { low: 28, high: 67 },
  40: { low: 55, high: 100 }, // violin: G3-E7
  41: { low: 48, high: 88 }, // viola: C3-E6
  42: { low: 36, high: 84 }, // cello: C2-C6
  43: { low: 28, high: 67 }, // contrabass: E1-G4
  46: { low: 23, high: 104 }, // harp: B0-G#7
  52: { low: 40, high: 84 }, // choir: a bass's E2 to a soprano's C6
  53: { low: 40, high: 84 },
  56: { low: 52, high: 84 }, // trumpet in B flat: E3-C6
  65: { low: 49, high: 80 }, // alto sax: D flat 3-A flat 5
  71: { low: 50, high: 94 }, // clarinet in B flat: D3-B flat 6
  73: { low: 60, high: 96 }, // flute: C4-C7
  105: { low: 48, high: 84 }, // banjo: C3-C6
};

/** The sounding range of a General MIDI program's instrument, or null when it has none of its own. */
export function playableRange(program: number): PlayableRange | null {
  return PLAYABLE_RANGES[Math.floor(program)] ?? null;
}
