/**
 * MIDI 1.0 channel-voice and system-real-time bytes (the bridge sends them; the timeline compiles them), and the fixed mapping of
 * arrangement roles to MIDI channels. Channels here are 0-based (0 = MIDI channel 1, 9 = channel 10).
 */
import { ROLE_CHANNELS } from './midi';
import type { Note } from '../sequence';

export { ROLE_CHANNELS };

/** One MIDI message as raw bytes. */
export type MidiBytes = readonly number[];

/** The 0-based MIDI channel a note plays on: channel 10 for any percussion, else its role's channel. */
export function channelOf(note: Pick<Note, 'role' | 'isDrum'>): number {
  return note.isDrum || note.role === 'drums' ? ROLE_CHANNELS.drums : ROLE_CHANNELS[note.role];
}

/** Note-on on `channel` (0..15). */
export function noteOn(channel: number, pitch: number, velocity: number): MidiBytes {
  return [0x90 | channel, pitch & 0x7f, velocity & 0x7f];
}

/** Note-off on `channel` (0..15), release velocity 0. */
export function noteOff(channel: number, pitch: number): MidiBytes {
  return [0x80 | channel, pitch & 0x7f, 0];
}

/** Program change on `channel` (0..15) to a General MIDI program 0..127. */
export function programChange(channel: number, program: number): MidiBytes {
  return [0xc0 | channel, program & 0x7f];
}

/** Control change `controller` = `value` on `channel`. */
export function controlChange(channel: number, controller: number, value: number): MidiBytes {
  return [0xb0 | channel, controller & 0x7f, value & 0x7f];
}

/** CC 123, All Notes Off, on `channel`. */
export function allNotesOff(channel: number): MidiBytes {
  return controlChange(channel, 123, 0);
}

/** CC 120, All Sound Off (cuts release tails too), on `channel`. */
export function allSoundOff(channel: number): MidiBytes {
  return controlChange(channel, 120, 0);
}

/** CC 64 = 0: sustain pedal up, on `channel`. */
export function sustainOff(channel: number): MidiBytes {
  return controlChange(channel, 64, 0);
}

/** System real-time: Timing Clock (24 per quarter note). */
export const CLOCK_TICK: MidiBytes = [0xf8];
/** System real-time: Start (the follower starts from the top). */
export const CLOCK_START: MidiBytes = [0xfa];
/** System real-time: Continue (the follower resumes from its song position). */
export const CLOCK_CONTINUE: MidiBytes = [0xfb];
/** System real-time: Stop. */
export const CLOCK_STOP: MidiBytes = [0xfc];

/** Song Position Pointer: `sixteenths` MIDI beats (1 MIDI beat = a sixteenth = 6 clocks) from the start. */
export function songPosition(sixteenths: number): MidiBytes {
  const v = Math.max(0, Math.min(0x3fff, Math.floor(sixteenths)));
  return [0xf2, v & 0x7f, (v >> 7) & 0x7f];
}
