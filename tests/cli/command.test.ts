import { describe, expect, it } from 'vitest';
import { promptWords } from '../../cli/command';
import { UsageError } from '../../core/errors';

const options = { seconds: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } };

describe('promptWords', () => {
  it('joins the words of a prompt, dashes and unknown double-dash words kept', () => {
    expect(promptWords(['upbeat', 'pop', 'for', 'a', 'sneaker', 'ad'], options)).toBe(
      'upbeat pop for a sneaker ad',
    );
    expect(promptWords(['-5 seconds of jazz'], options)).toBe('-5 seconds of jazz');
    expect(promptWords(['jazz', '--', 'smooth', '--toString'], options)).toBe('jazz -- smooth --toString');
    expect(promptWords([], options)).toBe('');
  });

  it.each([['--seconds'], ['--out=here'], ['--json']])(
    'refuses %s after "--" with a UsageError saying where options go',
    (word) => {
      const words = ['-5 seconds of jazz', word, '6'];
      expect(() => promptWords(words, options)).toThrow(UsageError);
      expect(() => promptWords(words, options)).toThrow(`"${word}" comes after "--"`);
      expect(() => promptWords(words, options)).toThrow('put options before "--"');
    },
  );
});
