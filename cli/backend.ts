/** Node's tfjs backend: WebAssembly (2-4x faster than `cpu` here), its .wasm files from the installed package. */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { registerWasmKernels } from './wasm-kernels';

let ready: Promise<void> | undefined;

/** Selects the wasm backend once (or `cpu` when `AUDIOGENESIS_BACKEND=cpu`). */
export function useNodeBackend(): Promise<void> {
  ready ??= (async () => {
    const wanted = process.env.AUDIOGENESIS_BACKEND === 'cpu' ? 'cpu' : 'wasm';
    if (wanted === 'wasm') {
      const dist = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm')) + '/';
      setWasmPaths(dist);
      registerWasmKernels();
    }
    await tf.setBackend(wanted);
    await tf.ready();
  })();
  return ready;
}
