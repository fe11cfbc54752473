/**
 * The instrument groups the design scripts split a harmony part by: pads (General MIDI 88-95), strings
 * and choirs (48-54), pianos (0-7), guitars (24-31) and the rest.
 */

/** The group of a General MIDI program (0-based). */
export function instrumentGroup(program: number): string {
  if (program >= 88 && program <= 95) return 'pad';
  if (program >= 48 && program <= 54) return 'strings/choir';
  if (program <= 7) return 'piano';
  if (program >= 24 && program <= 31) return 'guitar';
  return 'other';
}
