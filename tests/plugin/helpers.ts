/** Shared pieces of the panel tests: the shipped model and an engine that skips the slow synthesis. */
import { readFile } from 'node:fs/promises';
import { MusicModel } from '../../core/model/model';
import { encodeWav } from '../../core/render/wav';
import type { Engine } from '../../plugin/engine';
import { compose } from '../../core/compose';

let model: Promise<MusicModel> | undefined;

/** The shipped model, loaded once per test file. */
export function shippedModel(): Promise<MusicModel> {
  model ??= MusicModel.load(async (name) => new Uint8Array(await readFile(`assets/model/${name}`)));
  return model;
}

/** An engine with the real composer and a silent 8 kHz WAV of the piece's length as its "rendering". */
export async function quickEngine(): Promise<Engine> {
  const m = await shippedModel();
  return {
    model: m.version,
    compose: async (request) => compose(m, request),
    async render(result) {
      const frames = Math.round(result.seconds * 8000);
      const silent = new Float32Array(frames);
      return {
        wav: encodeWav([silent, silent], 8000),
        seconds: frames / 8000,
        lufs: -Infinity,
        peakDbfs: -Infinity,
      };
    },
  };
}
