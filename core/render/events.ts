/**
 * What the synthesizer plays, straight from the one timeline compiler (`core/timeline.ts`): each note's
 * on and off at its sample frame, from the sequence's tempo map, with no MIDI file in between. Each role
 * plays on its channel (`core/codec/messages.ts`); a role that uses a second program (a sequence read from
 * a MIDI file) gets a spare channel for it, so every note sounds with its own instrument.
 */
import { channelOf, controlChange, programChange } from '../codec/messages';
import type { MidiBytes } from '../codec/messages';
import type { Note, NoteSequence, Role } from '../sequence';
import { compileTimeline } from '../timeline';

/** One message at its sample frame. */
export interface FrameEvent {
  frame: number;
  message: MidiBytes;
}

/** The synth's input: set-up messages (programs, reverb sends) and the timed notes. */
export interface SynthScript {
  setup: MidiBytes[];
  events: FrameEvent[];
  /** The role that plays on each of the 16 channels (undefined where none does). */
  roles: (Role | undefined)[];
}

/** MIDI controller number of the reverb send. */
const REVERB_DEPTH = 91;
/** Channels free for a role's extra programs (never 10, the drums). */
const SPARE = [3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15];

const programKey = (n: Pick<Note, 'isDrum' | 'role' | 'program'>): string =>
  `${channelOf(n)}/${n.isDrum || n.role === 'drums' ? 'kit' : n.program}`;

/**
 * The channel of each (channel, program) group: its role's own channel for the first program met there,
 * a spare one for any further program.
 */
function channelMap(notes: readonly Note[]): Map<string, { channel: number; program: number; role: Role }> {
  const map = new Map<string, { channel: number; program: number; role: Role }>();
  const taken = new Set<number>();
  const spare = [...SPARE];
  for (const n of notes) {
    const key = programKey(n);
    if (map.has(key)) continue;
    const own = channelOf(n);
    const channel = taken.has(own) ? (spare.shift() ?? own) : own;
    taken.add(channel);
    map.set(key, { channel, program: n.program, role: n.role });
  }
  return map;
}

/**
 * The synth script of `seq` at `sampleRate`: a program change per melodic channel and a reverb send per
 * channel (by role, from `sends`), then every note-on and note-off at its frame, note-offs first at equal
 * frames.
 */
export function synthScript(
  seq: NoteSequence,
  sampleRate: number,
  sends: Readonly<Record<Role, number>>,
): SynthScript {
  // As the MIDI writer does: whole velocities 1..127 (a velocity of 0 would be a note-off).
  const notes = seq.notes.map((n) => ({
    ...n,
    velocity: Math.max(1, Math.min(127, Math.round(n.velocity))),
    pitch: Math.max(0, Math.min(127, Math.round(n.pitch))),
  }));
  seq = { ...seq, notes };
  const groups = channelMap(notes);
  const setup: MidiBytes[] = [];
  for (const { channel, program, role } of groups.values()) {
    if (channel !== 9) setup.push(programChange(channel, program));
    setup.push(controlChange(channel, REVERB_DEPTH, Math.max(0, Math.min(127, Math.round(sends[role])))));
  }
  const roles = new Array<Role | undefined>(16).fill(undefined);
  for (const { channel, role } of groups.values()) roles[channel] = role;
  const single = [...groups.values()].every((g, _, all) => all.filter((x) => x.role === g.role).length === 1);
  const toFrame = (ms: number): number => Math.round((ms / 1000) * sampleRate);
  if (single) {
    const events = compileTimeline(seq).events.map((e) => ({ frame: toFrame(e.at), message: e.data }));
    return { setup, events, roles };
  }
  // A role with several programs: compile each group on its own and move it to its channel.
  const merged: { frame: number; off: boolean; message: MidiBytes }[] = [];
  for (const [key, g] of groups) {
    const own = notes.filter((n) => programKey(n) === key);
    for (const e of compileTimeline({ ...seq, notes: own }).events)
      merged.push({
        frame: toFrame(e.at),
        off: e.kind === 'off',
        message: [(e.data[0] & 0xf0) | g.channel, ...e.data.slice(1)],
      });
  }
  merged.sort((a, b) => a.frame - b.frame || Number(b.off) - Number(a.off));
  return { setup, events: merged.map(({ frame, message }) => ({ frame, message })), roles };
}
