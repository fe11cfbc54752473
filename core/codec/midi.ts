/**
 * MIDI bytes <-> NoteSequence: the reader (`midi-read.ts`, over the linear event pass of `smf.ts`) and the
 * writer (`midi-write.ts`). Several tracks, tempo changes, time signatures, key signatures, programs
 * (per note), drums on channel 10 and marker events (`markers.ts`: sections, cuts, voice-over) are kept;
 * times become beats.
 */
export type { MidiRead, MidiReadOptions, MidiReadReport } from './midi-read';
export { midiToSequence, readMidi } from './midi-read';
export type { MidiWriteOptions } from './midi-write';
export { ROLE_CHANNELS, sequenceToMidi, signatureAccidentals } from './midi-write';
export { MidiParseError } from '../errors';
