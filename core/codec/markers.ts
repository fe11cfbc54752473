/**
 * MIDI marker meta events (FF 06): the sections, cuts and script markers of a piece as locators a DAW
 * shows. Written into, and read from, the conductor track of Standard MIDI File bytes; kept apart from the
 * note reader and writer (`midi.ts`), which call {@link withMarkers} once.
 */
import midiFile from 'midi-file';
import type { MidiEvent } from 'midi-file';
import type { SequenceMarker } from '../sequence';

/** Longest marker text written, in characters (MIDI text is bytes; others become "?"). */
const MAX_TEXT = 120;

/** A marker's text as MIDI writes it: printable ASCII (other characters as "?"), at most 120 characters. */
export function markerText(text: string): string {
  return text
    .replace(/…/g, '...')
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, MAX_TEXT);
}

/**
 * Adds marker events to the first (conductor) track of written MIDI bytes at `ppq` ticks per beat.
 * Returns the bytes unchanged when there are no markers.
 */
export function withMarkers(bytes: Uint8Array, markers: readonly SequenceMarker[], ppq: number): Uint8Array {
  if (markers.length === 0) return bytes;
  const data = midiFile.parseMidi(bytes);
  const conductor = data.tracks[0] ?? [];
  let t = 0;
  const timed = conductor.map((e) => ({ e, at: (t += e.deltaTime) }));
  const end = timed.find((x) => x.e.type === 'endOfTrack');
  const body = timed.filter((x) => x.e.type !== 'endOfTrack');
  for (const m of markers)
    body.push({
      e: { type: 'marker', meta: true, text: markerText(m.text), deltaTime: 0 } as MidiEvent,
      at: Math.max(0, Math.round(m.beat * ppq)),
    });
  body.sort((a, b) => a.at - b.at);
  const last = body.reduce((m, x) => Math.max(m, x.at), 0);
  const all = [
    ...body,
    { e: end?.e ?? ({ type: 'endOfTrack', meta: true } as MidiEvent), at: Math.max(last, end?.at ?? 0) },
  ];
  let prev = 0;
  data.tracks[0] = all.map(({ e, at }) => {
    const deltaTime = at - prev;
    prev = at;
    return { ...e, deltaTime };
  });
  return Uint8Array.from(midiFile.writeMidi(data));
}

/** The marker events of Standard MIDI File bytes (every track), in beats, sorted by beat. */
export function readMarkers(bytes: Uint8Array): SequenceMarker[] {
  const data = midiFile.parseMidi(bytes);
  const ppq = data.header.ticksPerBeat ?? 480;
  const out: SequenceMarker[] = [];
  for (const track of data.tracks) {
    let t = 0;
    for (const e of track) {
      t += e.deltaTime;
      if (e.type === 'marker') out.push({ beat: t / ppq, text: e.text });
    }
  }
  return out.sort((a, b) => a.beat - b.beat);
}
