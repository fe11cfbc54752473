/**
 * The result area: the piano roll, a one-line summary of what was placed where, and the embedder's
 * explanation of how the prompt was read.
 */
import { pianoRoll } from '../../core/render/pianoroll';
import type { Take } from '../flow';
import { basename } from '../naming';
import { clock } from '../timeline';
import { byId, show } from './controls';
import { drawRaster } from './pianoroll';
import type { RectContext } from './pianoroll';

const LENGTH_FROM: Record<string, string> = {
  'in/out': 'the in/out points',
  selection: 'the selection',
  sequence: 'the sequence',
  default: 'the default length',
};

/** The summary line of a take. */
export function summaryOf(take: Take): string {
  const r = take.result;
  const action = take.transaction.actions[0];
  const where = action
    ? `${action.kind === 'insert-new-track' ? 'a new track, ' : ''}A${action.audioTrack + 1} at ${clock(action.time)}`
    : 'the timeline';
  return (
    `${r.seconds.toFixed(1)} s at ${Math.round(r.tempo)} bpm in ${r.key}, ${r.embedding.style}, ` +
    `variation ${r.seed}: ${basename(take.wavPath)} placed on ${where}.`
  );
}

/** What the length came from, for the length field's note. */
export function lengthNote(source: string, start: number, seconds: number): string {
  return `${seconds.toFixed(1)} s from ${LENGTH_FROM[source] ?? source} (${clock(start)}–${clock(start + seconds)})`;
}

/** Fills the result area for `take`. */
export function showTake(doc: Document, take: Take): void {
  show(byId(doc, 'result'), true);
  const canvas = byId<HTMLCanvasElement>(doc, 'roll');
  const ctx = canvas.getContext('2d') as RectContext | null;
  if (ctx) drawRaster(ctx, pianoRoll(take.result.sequence, { width: canvas.width, height: canvas.height }));
  byId(doc, 'summary').textContent = summaryOf(take);
  const list = byId(doc, 'explanation');
  list.textContent = '';
  const lines = [
    ...(take.prompt.read.length ? [`read: ${take.prompt.read.join(', ')}`] : []),
    ...take.result.embedding.explanation,
  ];
  for (const line of lines) {
    const li = doc.createElement('li');
    li.textContent = line;
    list.appendChild(li);
  }
}
