/**
 * {@link WorkerMidiEngine}: the bridge's {@link MidiEngine} on a thread of its own (`midi-worker.ts`), so
 * that the WebSocket server's work (handshakes, frames, JSON, validation) never shares an event loop with
 * the timed MIDI queue. Calls go over `postMessage`; the sequence is copied once per `play`.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AudiogenesisError, BridgeProtocolError, MidiPortError } from '../core/errors';
import type { NoteSequence } from '../core/sequence';
import type { EngineEvent, EngineOptions, EngineStatus, MidiEngine, PlayResult } from './engine';
import type { OutputEntry } from './protocol/schema';

/** A call to the MIDI thread. */
export interface EngineCall {
  id: number;
  method: 'listOutputs' | 'selectOutput' | 'play' | 'stop' | 'status' | 'close';
  args: unknown[];
}

/** The MIDI thread's answer to a call. */
export type EngineReply =
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; error: { name: string; message: string; reason?: string } };

/** Everything the MIDI thread posts. */
export type WorkerMessage =
  | EngineReply
  | { kind: 'event'; event: EngineEvent }
  | { kind: 'ready'; error?: { name: string; message: string; reason?: string } };

/** Options of {@link WorkerMidiEngine.start}. */
export interface WorkerEngineOptions extends Pick<
  EngineOptions,
  'midiClock' | 'countInBars' | 'continuousClock'
> {
  onEvent?: (event: EngineEvent) => void;
  /**
   * Node options of the MIDI thread (default: this process's, which `--import` preloads are part of: a
   * module that registers virtual MIDI ports, for instance).
   */
  execArgv?: string[];
}

function revive(e: { name: string; message: string; reason?: string }): Error {
  if (e.name === 'MidiPortError') return new MidiPortError(e.message);
  if (e.name === 'BridgeProtocolError') return new BridgeProtocolError(e.message, e.reason ?? 'internal');
  return new AudiogenesisError(`The MIDI thread failed: ${e.message}`, 'BRIDGE_MIDI');
}

/**
 * The worker's entry: the built `workers/midi.js` beside the CLI bundle, else (running from source) the
 * TypeScript entry behind a shim that registers tsx first (Node 20 applies neither tsx's hooks to a
 * worker's entry nor `--import` preloads to an `eval` worker, so the shim imports those itself).
 */
function entry(execArgv: readonly string[]): { script: string | URL; eval: boolean } {
  const built = new URL('./workers/midi.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return { script: built, eval: false };
  const source = new URL('./midi-worker.ts', import.meta.url).href;
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(
    /\.cjs$/,
    '.mjs',
  );
  const preloads = execArgv
    .filter((a, i) => execArgv[i - 1] === '--import' && a !== 'tsx')
    .map((a) => (/^[./]/.test(a) ? pathToFileURL(resolve(a)).href : a));
  const chain = [...preloads, source].map((u) => `.then(() => import(${JSON.stringify(u)}))`).join('');
  return { script: `import(${JSON.stringify(tsx)}).then((m) => m.register())${chain};`, eval: true };
}

/** Node options for the thread: this process's, minus TypeScript preloads (they need the shim's tsx). */
function threadArgv(): string[] {
  const out: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--import' && /\.[cm]?ts$/.test(argv[i + 1] ?? '')) i++;
    else out.push(argv[i]);
  }
  return out;
}

/** A {@link MidiEngine} on its own thread. */
export class WorkerMidiEngine implements MidiEngine {
  private next = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private closed = false;

  private constructor(private readonly worker: Worker) {}

  /** Starts the MIDI thread and enables WebMIDI there; throws `MidiPortError` when MIDI is unavailable. */
  static async start(options: WorkerEngineOptions = {}): Promise<WorkerMidiEngine> {
    const execArgv = options.execArgv ?? threadArgv();
    const { script, eval: isEval } = entry(execArgv);
    const worker = new Worker(script, {
      eval: isEval,
      execArgv,
      workerData: {
        midiClock: options.midiClock,
        countInBars: options.countInBars,
        continuousClock: options.continuousClock,
      },
    });
    const engine = new WorkerMidiEngine(worker);
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) =>
        reject(new MidiPortError(`The MIDI thread did not start: ${err.message}`));
      worker.once('error', onError);
      worker.on('message', (m: WorkerMessage) => {
        if (m.kind === 'ready') {
          worker.off('error', onError);
          if (m.error) reject(revive(m.error));
          else resolve();
        } else if (m.kind === 'event') options.onEvent?.(m.event);
        else engine.settle(m);
      });
    }).catch(async (err: unknown) => {
      await worker.terminate();
      throw err;
    });
    worker.on('error', (err) => engine.fail(err));
    worker.on('exit', () => engine.fail(new Error('the MIDI thread exited')));
    return engine;
  }

  listOutputs(): Promise<OutputEntry[]> {
    return this.call('listOutputs');
  }

  selectOutput(name: string): Promise<string> {
    return this.call('selectOutput', name);
  }

  play(seq: NoteSequence, loop: boolean): Promise<PlayResult> {
    return this.call('play', seq, loop);
  }

  stop(panic: boolean): Promise<void> {
    return this.call('stop', panic);
  }

  status(): Promise<EngineStatus> {
    return this.call('status');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.call('close');
    } finally {
      this.closed = true;
      await this.worker.terminate();
    }
  }

  private call<T>(method: EngineCall['method'], ...args: unknown[]): Promise<T> {
    if (this.closed) return Promise.reject(new MidiPortError('The MIDI thread is closed.'));
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, method, args } satisfies EngineCall);
    });
  }

  private settle(reply: EngineReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.value);
    else p.reject(revive(reply.error));
  }

  private fail(err: Error): void {
    this.closed = true;
    for (const p of this.pending.values())
      p.reject(new MidiPortError(`The MIDI thread stopped: ${err.message}`));
    this.pending.clear();
  }
}
