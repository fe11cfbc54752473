/** Shared pieces of the panel tests: the shipped model and an engine that skips the slow synthesis. */
import { readFile } from 'node:fs/promises';
import { MusicModel } from '../../core/model/model';
import { encodeWav } from '../../core/render/wav';
import type { Engine } from '../../plugin/engine';
import type { ComposeResult } from '../../core/compose';
import { compose } from '../../core/compose';
import { ROLES } from '../../core/sequence';

let model: Promise<MusicModel> | undefined;

/** The shipped model, loaded once per test file. */
export function shippedModel(): Promise<MusicModel> {
  model ??= MusicModel.load(async (name) => new Uint8Array(await readFile(`assets/model/${name}`)));
  return model;
}

/**
 * An engine with the real composer and a silent 8 kHz WAV of the piece's length as its "rendering" (and as
 * each stem of a role that plays, in 32-bit float as the real stems are).
 */
export async function quickEngine(): Promise<Engine> {
  const m = await shippedModel();
  const silent = (result: ComposeResult, bits: 16 | 32 = 16) => {
    const frames = Math.round(result.seconds * 8000);
    const pcm = new Float32Array(frames);
    return { wav: encodeWav([pcm, pcm], 8000, bits), seconds: frames / 8000 };
  };
  const render = async (result: ComposeResult) => ({
    ...silent(result),
    lufs: -Infinity,
    peakDbfs: -Infinity,
  });
  return {
    model: m.version,
    compose: async (request) => compose(m, request),
    render,
    async renderStems(result) {
      const roles = ROLES.filter((r) => result.sequence.notes.some((n) => n.role === r));
      return {
        mix: await render(result),
        stems: Object.fromEntries(roles.map((r) => [r, silent(result, 32).wav])),
      };
    },
  };
}
