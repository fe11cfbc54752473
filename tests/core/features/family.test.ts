import { describe, expect, it } from 'vitest';
import {
  familyId,
  familyOfProgram,
  INSTRUMENT_FAMILIES,
  playableRange,
  voicesOfProgram,
} from '../../../core/features/family';

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

describe('voicesOfProgram', () => {
  it('gives the solo winds one voice, the solo bowed strings two, and the rest no limit of their own', () => {
    // trumpet, french horn, alto sax, clarinet, flute, ocarina, shanai
    for (const p of [56, 60, 65, 71, 73, 79, 111]) expect(voicesOfProgram(p)).toBe(1);
    // violin, contrabass, fiddle
    for (const p of [40, 43, 110]) expect(voicesOfProgram(p)).toBe(2);
    // piano, guitar, harp, string ensemble, brass section, saw lead, warm pad
    for (const p of [0, 25, 46, 48, 61, 81, 89]) expect(voicesOfProgram(p)).toBe(Infinity);
    expect(voicesOfProgram(65.7)).toBe(1);
    expect(voicesOfProgram(-3)).toBe(Infinity);
    expect(voicesOfProgram(Number.NaN)).toBe(Infinity);
  });
});

describe('playableRange', () => {
  it('gives the sounding range of instruments a player cannot leave, and none for synths and sections', () => {
    expect(playableRange(65)).toEqual({ low: 49, high: 80 }); // alto sax
    expect(playableRange(40)).toEqual({ low: 55, high: 100 }); // violin
    expect(playableRange(27)).toEqual({ low: 40, high: 88 }); // clean electric guitar
    expect(playableRange(73.4)).toEqual({ low: 60, high: 96 }); // flute
    for (const p of [16, 48, 61, 81, 89, 38]) expect(playableRange(p)).toBeNull();
  });
});
