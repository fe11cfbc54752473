/**
 * The take area: the piano roll of the take being auditioned, a one-line summary, the reading in an
 * editor's words, and the last few takes to go back to.
 */
import { pianoRoll } from '../../core/render/pianoroll';
import type { Take } from '../flow';
import type { Placement } from '../placing';
import { tracksOf } from '../placing';
import { clock } from '../timeline';
import { byId, show } from './controls';
import { drawRaster } from './pianoroll';
import type { RectContext } from './pianoroll';
import { readingOf } from './reading';

const LENGTH_FROM: Record<string, string> = {
  'in/out': 'the in/out points',
  selection: 'the selection',
  sequence: 'the sequence',
  default: 'the default length',
};

/** "1 cut", "3 cuts". */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Timecode-like time for the editor: the sequence's zero point added ("1:00:05" in a 01:00:00:00 sequence). */
export function timecode(seconds: number, zeroPoint = 0): string {
  const t = seconds + zeroPoint;
  if (t < 3600) return clock(t);
  const h = Math.floor(t / 3600);
  const rest = clock(t - h * 3600);
  return `${h}:${rest.length < 5 ? '0' : ''}${rest}`;
}

/** The summary line of a take. */
export function summaryOf(take: Take, placed: Placement | null): string {
  const r = take.result;
  const laid = placed?.clips[0];
  const where =
    placed && laid
      ? ` ${take.stems ? `${take.stems.length} stems on` : 'On'} ${tracksOf(placed)} at ${clock(laid.span.start)}.`
      : ' Not on the timeline yet.';
  const hits = take.cuts.length > 0 ? ` Hits on ${plural(take.cuts.length, 'cut')}.` : '';
  const room = take.prompt.speech ? ' Room for the voice-over.' : '';
  return `Variation ${r.seed}: ${r.seconds.toFixed(1)} s, ${Math.round(r.tempo)} bpm, ${r.key}, ${r.plan.style}.${hits}${room}${where}`;
}

/** What the length came from, for the length field's note. */
export function lengthNote(source: string, start: number, seconds: number, zeroPoint = 0): string {
  return `${seconds.toFixed(1)} s from ${LENGTH_FROM[source] ?? source} (${timecode(start, zeroPoint)}–${timecode(start + seconds, zeroPoint)})`;
}

/** Most cut times listed in the note. */
const LISTED_CUTS = 6;

/** What the panel found of the picture's cuts ("2 cuts in the span, at 1:00:20, 1:00:30: each gets a hit."). */
export function cutsNote(cuts: readonly number[], start: number, zeroPoint = 0): string {
  if (cuts.length === 0) return 'No cuts in the span (no video clip starts or ends inside it).';
  const times = cuts.slice(0, LISTED_CUTS).map((c) => timecode(start + c, zeroPoint));
  const more = cuts.length > LISTED_CUTS ? '…' : '';
  return `${plural(cuts.length, 'cut')} in the span, at ${times.join(', ')}${more}: each gets a hit.`;
}

/** Draws the take's piano roll. */
export function drawRoll(doc: Document, take: Take): void {
  const canvas = byId<HTMLCanvasElement>(doc, 'roll');
  const ctx = canvas.getContext('2d') as RectContext | null;
  if (ctx) drawRaster(ctx, pianoRoll(take.result.sequence, { width: canvas.width, height: canvas.height }));
}

/** Fills the take area for `take` (the piano roll apart: {@link drawRoll}), and the reading. */
export function showTake(doc: Document, take: Take, placed: Placement | null): void {
  show(byId(doc, 'result'), true);
  byId(doc, 'summary').textContent = summaryOf(take, placed);
  const reading = byId(doc, 'reading');
  reading.textContent = '';
  reading.className = '';
  for (const line of readingOf(take)) {
    const row = doc.createElement('div');
    row.className = 'reading-line';
    const label = doc.createElement('span');
    label.className = 'label';
    label.textContent = `${line.label}: `;
    row.appendChild(label);
    row.appendChild(doc.createTextNode(line.text));
    reading.appendChild(row);
  }
}

/** Lists `takes` (newest first) as buttons; `pick` is called with the chosen one. */
export function showTakes(
  doc: Document,
  takes: readonly Take[],
  current: Take | null,
  placed: Placement | null,
  pick: (t: Take) => void,
): void {
  const box = byId(doc, 'takes');
  box.textContent = '';
  if (takes.length < 2) return;
  const head = doc.createElement('div');
  head.className = 'note';
  head.textContent = 'Earlier takes (click to audition):';
  box.appendChild(head);
  for (const t of takes) {
    const row = doc.createElement('div');
    row.className = t === current ? 'take-row current' : 'take-row';
    const onLine = placed && placed.wavPath === t.wavPath ? ' (on the timeline)' : '';
    row.textContent = `Variation ${t.result.seed}: ${Math.round(t.result.tempo)} bpm, ${t.result.key}${onLine}`;
    row.addEventListener('click', () => pick(t));
    box.appendChild(row);
  }
}
