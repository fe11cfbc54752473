import { describe, expect, it } from 'vitest';
import { PromptError } from '../../../core/errors';
import type { FormValues } from '../../../plugin/ui/form';
import { KEY_CHOICES, settingsFrom } from '../../../plugin/ui/form';

const form = (o: Partial<FormValues> = {}): FormValues => ({
  script: 'upbeat',
  clipNames: false,
  markers: true,
  transcript: false,
  hitCuts: true,
  placeStems: false,
  seconds: '',
  tempo: '',
  key: '',
  style: '',
  chooseRoles: false,
  roles: ['melody', 'harmony', 'bass', 'drums'],
  seed: '1',
  loop: false,
  ...o,
});

describe('the overrides', () => {
  it('are empty when every field says "as the prompt says"', () => {
    expect(settingsFrom(form())).toEqual({
      sources: { script: 'upbeat', clipNames: false, markers: true, transcript: false },
      seconds: undefined,
      seed: 1,
      loop: false,
      overrides: {},
      hitCuts: true,
      stems: false,
    });
  });
  it('pass "Hit the cuts" and "Place stems" through', () => {
    expect(settingsFrom(form({ hitCuts: false, placeStems: true }))).toMatchObject({
      hitCuts: false,
      stems: true,
    });
  });
  it('set tempo, key, style, instruments, variation, loop and length', () => {
    const s = settingsFrom(
      form({
        seconds: '15',
        tempo: '128',
        key: '4:minor',
        style: 'electronic',
        chooseRoles: true,
        roles: ['drums', 'bass'],
        seed: '7',
        loop: true,
      }),
    );
    expect(s).toMatchObject({
      seconds: 15,
      seed: 7,
      loop: true,
      overrides: {
        tempo: 128,
        key: { tonic: 4, mode: 'minor' },
        style: 'electronic',
        roles: ['bass', 'drums'],
      },
    });
    expect(KEY_CHOICES).toHaveLength(24);
    expect(KEY_CHOICES[9]).toEqual({ value: '4:minor', label: 'E minor' });
  });
  it('refuse bad values with a sentence naming the field', () => {
    expect(() => settingsFrom(form({ seconds: '0' }))).toThrow(/length/);
    expect(() => settingsFrom(form({ tempo: 'fast' }))).toThrow(/tempo/);
    expect(() => settingsFrom(form({ seed: '1.5' }))).toThrow(/variation/);
    expect(() => settingsFrom(form({ style: 'polka' }))).toThrow(PromptError);
    expect(() => settingsFrom(form({ chooseRoles: true, roles: [] }))).toThrow(/at least one instrument/);
  });
});
