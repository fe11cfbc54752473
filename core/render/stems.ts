/**
 * Stems: one WAV per role beside the mix, the same length and the same gain staging (the mix's fade and
 * its normalising gain, before the limiter), so that the stems sum to the mix before the limiter. Each
 * stem is synthesised with the whole piece's render blocks (see `SynthOptions.only`), which makes the sum
 * exact to float precision; stems are 32-bit float WAVs, so a stem louder than full scale is kept whole.
 */
import type { NoteSequence, Role } from '../sequence';
import { ROLES } from '../sequence';
import { giveBack } from './buffers';
import { applyGain, dbToGain } from './dynamics';
import type { RenderOptions, RenderResult } from './render';
import { master, premix } from './render';
import type { SliceOptions } from './slice';
import { slicer } from './slice';
import { driveSteps } from './steps';
import { encodeWavSteps } from './wav';

/** The mix and its stems. */
export interface StemsResult {
  /** The finished mix, exactly as {@link renderWav} renders it. */
  mix: RenderResult;
  /** One 32-bit float WAV per role that has notes, at the mix's pre-limiter gain. */
  stems: Partial<Record<Role, Uint8Array>>;
  /** The gain applied to the mix (and to every stem) before the limiter, dB. */
  gainDb: number;
}

/**
 * Renders the mix of `seq` and one stem per role that plays in it. With `slicing`, the work shares its
 * thread as {@link renderWav}'s does (pauses, progress over the mix and every stem, cancel).
 * @throws {RenderError} for a SoundFont spessasynth cannot read, or a synthesis failure.
 * @throws {CancelledError} when `slicing.signal` is aborted.
 */
export async function renderStems(
  seq: NoteSequence,
  soundfont: Uint8Array,
  options: RenderOptions = {},
  slicing: SliceOptions = {},
): Promise<StemsResult> {
  const roles = ROLES.filter((role) => seq.notes.some((n) => n.role === role));
  const slice = slicer(slicing);
  const share = 1 / (roles.length + 1);
  const { channels: raw, sampleRate } = await premix(seq, soundfont, options, slice.part(0, share * 0.7));
  const { gainDb, ...mix } = await master(raw, sampleRate, options, slice.part(share * 0.7, share));
  giveBack(...raw);
  const stems: Partial<Record<Role, Uint8Array>> = {};
  for (const [i, role] of roles.entries()) {
    const part = slice.part(share * (i + 1), share * (i + 2));
    const stem = await premix(seq, soundfont, { ...options, only: [role] }, part.part(0, 0.9));
    applyGain(stem.channels, dbToGain(gainDb));
    stems[role] = await driveSteps(encodeWavSteps(stem.channels, sampleRate, 32), part.part(0.9, 1));
    giveBack(...stem.channels);
  }
  await slice.tick(1);
  return { mix, stems, gainDb };
}
