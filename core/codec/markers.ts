/**
 * MIDI marker meta events (FF 06): the sections, cuts and script markers of a piece as locators a DAW
 * shows. The writer (`midi-write.ts`) puts a sequence's `markers` into the conductor track with
 * {@link markerData}; the reader (`midi-read.ts`) reads every track's markers back into `markers`.
 */
import type { SequenceMarker } from '../sequence';
import type { MidiReadOptions } from './midi-read';
import { readMidi } from './midi-read';

/** Longest marker text written, in characters (MIDI text is bytes; others become "?"). */
const MAX_TEXT = 120;

/** A marker's text as MIDI writes it: printable ASCII (other characters as "?"), at most 120 characters. */
export function markerText(text: string): string {
  return text
    .replace(/…/g, '...')
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, MAX_TEXT);
}

/** The data bytes of a marker meta event of `text` (its {@link markerText}, one byte a character). */
export function markerData(text: string): number[] {
  return [...markerText(text)].map((c) => c.charCodeAt(0));
}

/**
 * The marker events of Standard MIDI File bytes (every track), in beats, sorted by beat.
 * @throws {MidiParseError} when the bytes are not a readable MIDI file with notes.
 */
export function readMarkers(bytes: Uint8Array, options: MidiReadOptions = {}): SequenceMarker[] {
  return readMidi(bytes, options).sequence.markers ?? [];
}
