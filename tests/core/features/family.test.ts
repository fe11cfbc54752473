import { describe, expect, it } from 'vitest';
import { familyId, familyOfProgram, INSTRUMENT_FAMILIES } from '../../../core/features/family';

describe('familyOfProgram', () => {
  it('maps General MIDI programs onto their families', () => {
    expect(familyOfProgram(0)).toBe('piano');
    expect(familyOfProgram(11)).toBe('mallets'); // vibraphone
    expect(familyOfProgram(19)).toBe('organ'); // church organ
    expect(familyOfProgram(25)).toBe('guitar'); // steel acoustic
    expect(familyOfProgram(30)).toBe('guitar'); // distortion
    expect(familyOfProgram(33)).toBe('bass');
    expect(familyOfProgram(40)).toBe('strings'); // violin
    expect(familyOfProgram(48)).toBe('ensemble'); // string ensemble
    expect(familyOfProgram(61)).toBe('brass');
    expect(familyOfProgram(65)).toBe('reed'); // alto sax
    expect(familyOfProgram(73)).toBe('pipe'); // flute
    expect(familyOfProgram(81)).toBe('synthLead'); // saw lead
    expect(familyOfProgram(89)).toBe('synthPad');
    expect(familyOfProgram(98)).toBe('synthFx');
    expect(familyOfProgram(105)).toBe('ethnic'); // banjo
    expect(familyOfProgram(114)).toBe('percussive'); // steel drums
    expect(familyOfProgram(127)).toBe('percussive'); // gunshot
  });

  it('puts percussion in drums whatever its program, and clamps odd programs', () => {
    expect(familyOfProgram(0, true)).toBe('drums');
    expect(familyOfProgram(40, true)).toBe('drums');
    expect(familyOfProgram(-3)).toBe('piano');
    expect(familyOfProgram(400)).toBe('percussive');
    expect(familyOfProgram(Number.NaN)).toBe('piano');
  });

  it('gives ids that index the family list', () => {
    for (let p = 0; p < 128; p++) expect(INSTRUMENT_FAMILIES[familyId(p)]).toBe(familyOfProgram(p));
    expect(INSTRUMENT_FAMILIES[familyId(0, true)]).toBe('drums');
  });
});
