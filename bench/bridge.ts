/**
 * Bridge timing: 1,000 note-ons played through WebMIDI (JZZ, an in-process virtual port, real clock and
 * timers) and the distance of each arrival from its schedule. The timing is measured here, not in the test
 * suite (no test asserts a wall-clock time): up to three runs, passing when one has a mean of at most 2 ms
 * and a worst case of at most 10 ms. Run with `node --import tsx bench/bridge.ts` or `npm run bench bridge`.
 */
import { disableMidi, enableMidi, MidiOutputSink } from '../bridge/output';
import { raisePriority } from '../bridge/priority';
import { Scheduler } from '../bridge/scheduler';
import { compileTimeline } from '../core/timeline';
import type { NoteSequence } from '../core/sequence';
import { note, sequence, thousandNotes, until, virtualOutput } from '../tests/bridge/helpers';

const MEAN_MS = 2;
const MAX_MS = 10;

const port = virtualOutput('Audiogenesis Bench');
const p = raisePriority();
await enableMidi();
const sink = await MidiOutputSink.open('Audiogenesis Bench');
const isNoteOn = (d: number[]): boolean => (d[0] & 0xf0) === 0x90 && d[2] > 0;

async function play(seq: NoteSequence): Promise<{ mean: number; max: number }> {
  let done!: () => void;
  const ended = new Promise<void>((r) => (done = r));
  const scheduler = new Scheduler({ sink, onEvent: (e) => e.type === 'ended' && done() });
  port.received.length = 0;
  const { startAt } = scheduler.play(seq);
  await ended;
  await until(() => sink.pending === 0, 2000, 'queue drained');
  const expected = compileTimeline(seq, { restrike: true })
    .events.filter((e) => e.kind === 'on')
    .map((e) => startAt + e.at);
  const errors = port.received.filter((r) => isNoteOn(r.data)).map((r, i) => Math.abs(r.t - expected[i]));
  return { mean: errors.reduce((a, b) => a + b, 0) / errors.length, max: Math.max(...errors) };
}

// Warm up the path (JIT), then the bridge tests' 1,000 notes (500 onsets, two notes each, a 32nd apart,
// a tempo change at beat 8).
await play(
  sequence(
    Array.from({ length: 64 }, (_, i) => note(60, i / 16, i / 16 + 0.05)),
    240,
  ),
);
const notes = thousandNotes();
let ok = false;
for (let attempt = 1; attempt <= 3 && !ok; attempt++) {
  const r = await play(notes);
  ok = r.mean <= MEAN_MS && r.max <= MAX_MS;
  console.log(
    `run ${attempt}: 1000 note-ons, |received - scheduled| mean ${r.mean.toFixed(3)} ms, max ${r.max.toFixed(3)} ms ` +
      `(priority ${p.raised ? 'raised' : 'unchanged'}, nice ${p.priority})`,
  );
}
console.log(ok ? `within budget (mean <= ${MEAN_MS} ms, max <= ${MAX_MS} ms)` : 'OVER BUDGET');
sink.close();
await disableMidi();
process.exitCode = ok ? 0 : 1;
