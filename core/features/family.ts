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
