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
import { ROLES, type Note } from '../core/sequence';
import { note, sequence, until, virtualOutput } from '../tests/bridge/helpers';

const MEAN_MS = 2;
const MAX_MS = 10;

const port = virtualOutput('Audiogenesis Bench');
const p = raisePriority();
await enableMidi();
const sink = await MidiOutputSink.open('Audiogenesis Bench');
const isNoteOn = (d: number[]): boolean => (d[0] & 0xf0) === 0x90 && d[2] > 0;

async function play(
  notes: Note[],
  tempos: { beat: number; bpm: number }[],
): Promise<{ mean: number; max: number }> {
  const seq = sequence(notes, tempos[0].bpm, tempos.slice(1));
  let done!: () => void;
  const ended = new Promise<void>((r) => (done = r));
  const scheduler = new Scheduler({ sink, onEvent: (e) => e.type === 'ended' && done() });
  port.received.length = 0;
  const { startAt } = scheduler.play(seq);
  await ended;
  await until(() => sink.pending === 0, 2000, 'queue drained');
  const expected = compileTimeline(seq)
    .events.filter((e) => e.kind === 'on')
    .map((e) => startAt + e.at);
  const errors = port.received.filter((r) => isNoteOn(r.data)).map((r, i) => Math.abs(r.t - expected[i]));
  return { mean: errors.reduce((a, b) => a + b, 0) / errors.length, max: Math.max(...errors) };
}

// Warm up the path (JIT), then 500 onsets, two notes each (four roles, drums on 10), a 32nd apart,
// with a tempo change at beat 8.
await play(
  Array.from({ length: 64 }, (_, i) => note(60, i / 16, i / 16 + 0.05)),
  [{ beat: 0, bpm: 240 }],
);
const notes: Note[] = [];
for (let j = 0; j < 500; j++)
  for (const k of [0, 1]) {
    const role = ROLES[(j % 2) * 2 + k];
    const start = j / 32;
    notes.push(
      note(role === 'drums' ? 36 + (j % 10) : 40 + ((j * 7 + k * 12) % 48), start, start + 1 / 64, role),
    );
  }
let ok = false;
for (let attempt = 1; attempt <= 3 && !ok; attempt++) {
  const r = await play(notes, [
    { beat: 0, bpm: 240 },
    { beat: 8, bpm: 300 },
  ]);
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
