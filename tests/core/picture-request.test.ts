import { describe, expect, it } from 'vitest';
import { embed } from '../../core/embed';
import { PromptError } from '../../core/errors';
import { checkedPicture, MAX_CUTDOWNS } from '../../core/picture-request';

const RANGE = [1, 600] as const;
const SRT =
  '1\n00:00:00,500 --> 00:00:03,000\nMornings used to be hard.\n\n2\n00:00:05,000 --> 00:00:08,000\nThen you found it.\n';

/** The PromptError `fn` throws (fails the test when none is thrown). */
function refusal(fn: () => unknown): PromptError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PromptError);
    return err as PromptError;
  }
  throw new Error('not refused');
}

describe('checkedPicture', () => {
  it('reads cuts, speech and cutdowns, plain numbers and objects alike', () => {
    const p = checkedPicture(
      {
        prompt: 'x',
        cuts: [2.5, 1],
        speech: [{ start: 1, end: 2 }],
        cutdowns: [15, { seconds: 6, cuts: [3] }],
      },
      embed('pop'),
      RANGE,
    );
    expect(p).toEqual({
      cuts: [2.5, 1],
      speech: [{ start: 1, end: 2 }],
      cutdowns: [
        { seconds: 15, cuts: [], speech: [] },
        { seconds: 6, cuts: [3], speech: [] },
      ],
    });
  });

  it("takes a marker JSON's cuts by default, and the script's timed parts as speech with voiceOver", () => {
    const json = JSON.stringify({ markers: [{ name: 'a', start: 0 }], cuts: [4, 2] });
    expect(checkedPicture({ prompt: json }, embed(json), RANGE).cuts).toEqual([2, 4]);
    expect(checkedPicture({ prompt: SRT }, embed(SRT), RANGE).speech).toEqual([]);
    expect(checkedPicture({ prompt: SRT, voiceOver: true }, embed(SRT), RANGE).speech).toEqual([
      { start: 0.5, end: 3 },
      { start: 5, end: 8 },
    ]);
  });

  it('refuses a bad cut, span or cutdown, naming it', () => {
    const e = embed('pop');
    expect(refusal(() => checkedPicture({ cuts: [Number.NaN] }, e, RANGE)).message).toMatch(/cut time/);
    expect(refusal(() => checkedPicture({ speech: [{ start: 3, end: 3 }] }, e, RANGE)).message).toMatch(
      /speech span must end after it starts/,
    );
    const long = refusal(() => checkedPicture({ cutdowns: [700] }, e, RANGE));
    expect([long.field, long.message]).toEqual([
      'cutdowns',
      'a cutdown must be from 1 to 600 seconds long (got 700)',
    ]);
    const many = refusal(() =>
      checkedPicture({ cutdowns: Array.from({ length: MAX_CUTDOWNS + 1 }, () => 5) }, e, RANGE),
    );
    expect(many.field).toBe('cutdowns');
  });
});
