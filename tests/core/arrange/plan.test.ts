import { describe, expect, it } from 'vitest';
import { sectionAt } from '../../../core/arrange/plan';
import { section } from '../../helpers/notes';

describe('sectionAt', () => {
  it('finds the section a beat falls in: its start included, its end not, nothing past the last', () => {
    const sections = [section('intro', 0, 8, ['melody']), section('verse', 8, 24, ['melody'])];
    expect(sectionAt(sections, 0)).toBe(sections[0]);
    expect(sectionAt(sections, 7.99)).toBe(sections[0]);
    expect(sectionAt(sections, 8)).toBe(sections[1]);
    expect(sectionAt(sections, 8 - 1e-9)).toBe(sections[1]);
    expect(sectionAt(sections, 24)).toBeUndefined();
  });
});
