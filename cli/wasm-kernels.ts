/**
 * Kernels that tfjs's wasm backend lacks or runs slowly, for training:
 * - `UnsortedSegmentSum` (the gradient of `tf.layers.embedding`, a gather) is missing: computed here in
 *   plain TypeScript on the wasm heap;
 * - `BatchMatMul` with a transposed operand (every weight gradient) is 15-20x slower than transposing
 *   first (measured here: 40 ms vs 1.8 ms for a 160x64 by 64x1024 product), so the operand is transposed
 *   explicitly before the original kernel runs.
 */
import * as tf from '@tensorflow/tfjs';

interface WasmBackend {
  readSync(dataId: unknown): ArrayLike<number>;
  disposeData(dataId: unknown): void;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array;
}

let registered = false;

function fastBatchMatMul(): void {
  const original = tf.getKernel('BatchMatMul', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!original || !transpose) return;
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({
    kernelName: 'BatchMatMul',
    backendName: 'wasm',
    setupFunc: original.setupFunc,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
      const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
      if (!transposeA && !transposeB) return original.kernelFunc({ inputs, backend, attrs });
      const temps: tf.TensorInfo[] = [];
      const flip = (x: tf.TensorInfo): tf.TensorInfo => {
        const perm = x.shape.map((_, i) => i);
        [perm[perm.length - 1], perm[perm.length - 2]] = [perm[perm.length - 2], perm[perm.length - 1]];
        const t = transpose.kernelFunc({ inputs: { x }, backend, attrs: { perm } }) as tf.TensorInfo;
        temps.push(t);
        return t;
      };
      const out = original.kernelFunc({
        inputs: { a: transposeA ? flip(a) : a, b: transposeB ? flip(b) : b },
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false },
      });
      for (const t of temps) (backend as unknown as WasmBackend).disposeData(t.dataId);
      return out;
    },
  });
}

/** Registers the missing kernels on the wasm backend (once). */
export function registerWasmKernels(): void {
  if (registered) return;
  registered = true;
  fastBatchMatMul();
  tf.registerKernel({
    kernelName: 'UnsortedSegmentSum',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const b = backend as unknown as WasmBackend;
      const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
      const numSegments = (attrs as { numSegments: number }).numSegments;
      const xs = b.readSync(x.dataId);
      const ids = b.readSync(segmentIds.dataId);
      const inner = x.shape.slice(segmentIds.shape.length).reduce((a, c) => a * c, 1);
      const out = b.makeOutput([numSegments, ...x.shape.slice(segmentIds.shape.length)], x.dtype);
      const values = b.typedArrayFromHeap(out);
      values.fill(0);
      for (let i = 0; i < ids.length; i++) {
        const seg = ids[i];
        if (seg < 0 || seg >= numSegments) continue;
        const src = i * inner;
        const dst = seg * inner;
        for (let j = 0; j < inner; j++) values[dst + j] += xs[src + j];
      }
      return out;
    },
  });
}
