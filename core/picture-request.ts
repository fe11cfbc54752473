/**
 * The picture fields of a compose request (cuts, speech, cutdowns) read and checked before anything is
 * arranged or written: times finite and not negative, spans that end after they start, cutdown lengths in
 * range, and at most {@link MAX_CUTDOWNS} versions.
 */
import type { ComposeRequest } from './compose';
import type { EmbedResult, TimeSpan } from './embed/types';
import { PromptError } from './errors';
import type { Seconds } from './sequence';

/** Most cutdowns in one request. */
export const MAX_CUTDOWNS = 8;

/** The checked picture fields of a request. */
export interface PictureRequest {
  cuts: Seconds[];
  speech: TimeSpan[];
  cutdowns: { seconds: Seconds; cuts: Seconds[]; speech: TimeSpan[] }[];
}

/**
 * The picture fields of a request, checked before anything is written: cuts (default: the prompt's
 * marker JSON's), speech (given, or the prompt's own timed parts with `voiceOver`), cutdowns (each from
 * `range[0]` to `range[1]` seconds long).
 * @throws {PromptError} on a bad cut, speech span or cutdown, or more than {@link MAX_CUTDOWNS} cutdowns.
 */
export function checkedPicture(
  req: ComposeRequest,
  embedding: EmbedResult,
  range: readonly [Seconds, Seconds],
): PictureRequest {
  const spoken = embedding.segments.filter((x) => x.end > x.start);
  const list = (req.cutdowns ?? []).map((c) => (typeof c === 'number' ? { seconds: c } : c));
  if (list.length > MAX_CUTDOWNS)
    throw new PromptError(`at most ${MAX_CUTDOWNS} cutdowns (got ${list.length})`, 'cutdowns');
  return {
    cuts: checkedTimes(req.cuts ?? embedding.cuts ?? [], 'cut'),
    speech: req.speech ? checkedSpans(req.speech) : req.voiceOver ? checkedSpans(spoken) : [],
    cutdowns: list.map((c) => ({
      seconds: checkedSeconds(c.seconds, range),
      cuts: checkedTimes(c.cuts ?? [], 'cut'),
      speech: checkedSpans(c.speech ?? []),
    })),
  };
}

/**
 * A cutdown's length checked against `range`.
 * @throws {PromptError} when it is out of range.
 */
function checkedSeconds(seconds: Seconds, [shortest, longest]: readonly [Seconds, Seconds]): Seconds {
  if (!(seconds >= shortest && seconds <= longest))
    throw new PromptError(
      `a cutdown must be from ${shortest} to ${longest} seconds long (got ${seconds})`,
      'cutdowns',
    );
  return seconds;
}

/**
 * Times checked to be finite and not negative.
 * @throws {PromptError} naming the first bad one.
 */
function checkedTimes(times: readonly Seconds[], what: string): Seconds[] {
  const bad = times.find((t) => typeof t !== 'number' || !Number.isFinite(t) || t < 0);
  if (bad !== undefined)
    throw new PromptError(`a ${what} time must be a number of seconds >= 0 (got ${bad})`);
  return [...times];
}

/**
 * Speech spans checked: finite times, each ending after it starts.
 * @throws {PromptError} naming the first bad span.
 */
function checkedSpans(spans: readonly TimeSpan[]): TimeSpan[] {
  for (const s of spans) {
    checkedTimes([s.start, s.end], 'speech');
    if (!(s.end > s.start))
      throw new PromptError(`a speech span must end after it starts (${s.start}-${s.end} s)`);
  }
  return spans.map((s) => ({ start: s.start, end: s.end }));
}
