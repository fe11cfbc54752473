/**
 * Drum kit note maps. The Groove MIDI Dataset was played on a Roland TD-11, whose edge/rim notes are not
 * General MIDI drums; they are mapped to the GM drum they stand for (Groove's own documentation).
 */

/** TD-11 notes that differ from General MIDI -> their GM drum. Other notes are GM already. */
export const TD11_TO_GM: Readonly<Record<number, number>> = {
  22: 42, // hi-hat closed (edge) -> closed hi-hat
  26: 46, // hi-hat open (edge) -> open hi-hat
  58: 43, // tom 3 rim -> high floor tom
};

/** General MIDI's percussion key range (35 acoustic bass drum .. 81 open triangle). */
export const GM_DRUM_RANGE: readonly [number, number] = [35, 81];

/** Maps a TD-11 note to GM; returns null for a note outside GM's percussion range after mapping. */
export function td11ToGm(note: number): number | null {
  const gm = TD11_TO_GM[note] ?? note;
  return gm >= GM_DRUM_RANGE[0] && gm <= GM_DRUM_RANGE[1] ? gm : null;
}
