import { describe, expect, it } from 'vitest';
import { HostError, ModelLoadError, PromptError, RenderError } from '../../core/errors';
import { isDiskFull, userMessage } from '../../plugin/errors';

describe('disk full', () => {
  it('is recognised from Node, UXP and plain errors', () => {
    expect(isDiskFull(Object.assign(new Error('write failed'), { code: 'ENOSPC' }))).toBe(true);
    expect(isDiskFull({ name: 'OutOfSpaceError', message: 'The file system is out of space' })).toBe(true);
    expect(isDiskFull(new Error('Disk full'))).toBe(true);
    expect(isDiskFull(new Error('EACCES: permission denied'))).toBe(false);
    expect(isDiskFull(undefined)).toBe(false);
    // UXP's storage error class, whose message may say little, and a wrapped cause.
    class OutOfSpaceError extends Error {}
    expect(isDiskFull(new OutOfSpaceError('write failed'))).toBe(true);
    expect(isDiskFull(new Error('could not save', { cause: new OutOfSpaceError('') }))).toBe(true);
  });
});

describe('userMessage', () => {
  it('titles host failures by reason and keeps their plain text', () => {
    const m = userMessage(new HostError('No project is open. Open one.', 'no-project'));
    expect(m).toEqual({
      title: 'No project open',
      text: 'No project is open. Open one.',
      code: 'HOST:no-project',
    });
    for (const [reason, title] of [
      ['no-sequence', 'No active sequence'],
      ['import-failed', 'Import failed'],
      ['no-free-track', 'No free audio track'],
      ['disk-full', 'Disk full'],
      ['bridge-unreadable', 'Bridge message unreadable'],
    ])
      expect(userMessage(new HostError('x', reason)).title).toBe(title);
  });
  it('covers the other typed errors and anything else', () => {
    expect(userMessage(new PromptError('type a prompt')).title).toBe('Nothing to read');
    expect(userMessage(new ModelLoadError('weights.bin missing')).title).toBe('Model missing');
    expect(userMessage(new RenderError('bad SoundFont')).code).toBe('RENDER');
    expect(userMessage(new TypeError('x is undefined'))).toEqual({
      title: 'Something went wrong',
      text: 'x is undefined',
      code: 'UNKNOWN',
    });
  });
});
