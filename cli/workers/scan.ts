/** Worker entry of the corpus scanner: receives tasks, posts results (see cli/scan/process.ts). */
import { parentPort } from 'node:worker_threads';
import type { ScanTask } from '../scan/layout';
import { processTask } from '../scan/process';

parentPort?.on('message', (task: ScanTask) => {
  const result = processTask(task);
  const transfer = result.ok ? result.streams.map((s) => s.data.buffer as ArrayBuffer) : [];
  parentPort?.postMessage(result, transfer);
});
