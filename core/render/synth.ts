/**
 * Offline SoundFont synthesis with spessasynth_core: a NoteSequence becomes MIDI bytes (one track per role,
 * through the codec, so channels and programs are those of the written .mid), whose channel messages drive
 * the synthesizer sample-accurately (each render block ends at the next event), and the result is float
 * stereo PCM of exactly the sequence's length.
 */
import type { BasicSoundBank } from 'spessasynth_core';
import { BasicMIDI, SoundBankLoader, SpessaSynthProcessor } from 'spessasynth_core';
import { ROLE_CHANNELS, sequenceToMidi } from '../codec/midi';
import { RenderError } from '../errors';
import type { NoteSequence, Role } from '../sequence';
import { durationSeconds, ROLES } from '../sequence';
import { LightReverb } from './reverb';

/** Settings of {@link synthesize}. */
export interface SynthOptions {
  /** Output sample rate in Hz. Default 48000. */
  sampleRate?: number;
  /** Whether the synth's reverb and chorus run. Default true. */
  effects?: boolean;
  /** Reverb of the effects bus: `light` ({@link LightReverb}, fast) or spessasynth's `builtin`. Default light. */
  reverb?: 'light' | 'builtin';
  /** Reverb send (MIDI CC 91, 0..127) of each role's channel, set before the first note. */
  reverbSend?: Partial<Record<Role, number>>;
  /**
   * Only these roles sound (a stem): the other roles' messages are left out, but the render blocks still
   * end at every event of the whole piece, so the stems of a piece sum to its mix sample for sample.
   */
  only?: readonly Role[];
}

/** Default reverb sends: a gentle room on melody and harmony, less on drums, almost none on bass. */
export const DEFAULT_REVERB_SEND: Readonly<Record<Role, number>> = {
  melody: 48,
  harmony: 64,
  bass: 12,
  drums: 32,
};

/** Float stereo PCM. */
export interface StereoPcm {
  left: Float32Array;
  right: Float32Array;
  sampleRate: number;
}

/** Longest render block, in samples (envelopes and modulators update once per block). */
const QUANTUM = 128;
/** MIDI controller number of the reverb send. */
const REVERB_DEPTH = 91;
/** Parsed sound banks by the bytes they came from: parsing (and sample decoding) is paid once. */
const banks = new WeakMap<Uint8Array, BasicSoundBank>();

/**
 * Parses SoundFont 2/3 (or DLS) bytes once per byte array.
 * @throws {RenderError} when the bytes are not a sound bank spessasynth can read, or hold no presets.
 */
export function loadSoundBank(soundfont: Uint8Array): BasicSoundBank {
  const cached = banks.get(soundfont);
  if (cached) return cached;
  const head = String.fromCharCode(...soundfont.subarray(0, 4));
  if (soundfont.length < 12 || head !== 'RIFF')
    throw new RenderError(`not a SoundFont: ${soundfont.length} bytes without a RIFF header`);
  let bank: BasicSoundBank;
  try {
    const buffer = soundfont.buffer.slice(soundfont.byteOffset, soundfont.byteOffset + soundfont.byteLength);
    bank = SoundBankLoader.fromArrayBuffer(buffer as ArrayBuffer);
  } catch (cause) {
    throw new RenderError(`corrupt SoundFont: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
  if (bank.presets.length === 0) throw new RenderError('SoundFont holds no presets');
  banks.set(soundfont, bank);
  return bank;
}

/**
 * Synthesises `seq` with the SoundFont, from time 0 to exactly `durationSeconds(seq)` (leading silence kept,
 * the release tail after the end cut off: fade it in the caller).
 * @throws {RenderError} for a bad SoundFont or a synthesis failure.
 */
export async function synthesize(
  seq: NoteSequence,
  soundfont: Uint8Array,
  options: SynthOptions = {},
): Promise<StereoPcm> {
  const sampleRate = options.sampleRate ?? 48000;
  const frames = Math.max(0, Math.round(durationSeconds(seq) * sampleRate));
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  const bank = loadSoundBank(soundfont);
  if (frames === 0 || seq.notes.length === 0) return { left, right, sampleRate };
  try {
    const synth = new SpessaSynthProcessor(sampleRate, {
      effectsEnabled: options.effects ?? true,
      eventsEnabled: false,
      maxBufferSize: QUANTUM,
      reverbProcessor: options.reverb === 'builtin' ? undefined : new LightReverb(sampleRate),
    });
    synth.soundBankManager.addSoundBank(bank, 'main');
    await synth.processorInitialized;
    const events = channelEvents(sequenceToMidi(seq), sampleRate);
    const sends = { ...DEFAULT_REVERB_SEND, ...options.reverbSend };
    for (let channel = 0; channel < 16; channel++) {
      const role = ROLES.find((r) => ROLE_CHANNELS[r] === channel) ?? 'harmony';
      synth.controllerChange(channel, REVERB_DEPTH, Math.max(0, Math.min(127, Math.round(sends[role]))));
    }
    const sounding = new Set((options.only ?? ROLES).map((r) => ROLE_CHANNELS[r]));
    const plays = (message: number[]): boolean => !options.only || sounding.has(message[0] & 0x0f);
    // No destroySynthProcessor() afterwards: it would destroy the cached sound bank too.
    for (let at = 0, e = 0; at < frames;) {
      for (; e < events.length && events[e].frame <= at; e++)
        if (plays(events[e].message)) synth.processMessage(events[e].message);
      const end = Math.min(frames, at + QUANTUM, e < events.length ? events[e].frame : frames);
      synth.process(left, right, at, end - at);
      at = end;
    }
  } catch (cause) {
    throw new RenderError(`synthesis failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
  return { left, right, sampleRate };
}

/** The channel messages (notes, programs, controllers...) of MIDI bytes, in time order, at their sample frame. */
function channelEvents(bytes: Uint8Array, sampleRate: number): { frame: number; message: number[] }[] {
  const midi = BasicMIDI.fromArrayBuffer(toArrayBuffer(bytes));
  const events: { frame: number; message: number[] }[] = [];
  for (const { tr, ev } of midi.timeline) {
    const e = midi.tracks[tr].events[ev];
    if (e.statusByte < 0x80 || e.statusByte >= 0xf0) continue;
    events.push({
      frame: Math.round(midi.midiTicksToSeconds(e.ticks) * sampleRate),
      message: [e.statusByte, ...e.data],
    });
  }
  return events;
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
