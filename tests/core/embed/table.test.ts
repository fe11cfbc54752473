import { describe, expect, it } from 'vitest';
import { embed } from '../../../core/embed';
import type { EmbedResult } from '../../../core/embed';
import { EXPLICIT, MOOD } from './prompts.table';
import type { ExplicitCase } from './prompts.table';

/** Differences between a result and an explicit case's labels ([] when right). */
function explicitErrors(c: ExplicitCase, r: EmbedResult): string[] {
  const bad: string[] = [];
  const inst = r.instruments as string[];
  if (c.tempo !== undefined) {
    const [lo, hi] = typeof c.tempo === 'number' ? [c.tempo, c.tempo] : c.tempo;
    if (r.tempo < lo || r.tempo > hi || r.sources.tempo !== 'explicit') bad.push(`tempo ${r.tempo}`);
  }
  if (c.key && (`${r.key.tonic} ${r.key.mode}` !== c.key || r.sources.key !== 'explicit'))
    bad.push(`key ${r.key.tonic} ${r.key.mode}`);
  if (c.meter && (r.meter !== c.meter || r.sources.meter !== 'explicit')) bad.push(`meter ${r.meter}`);
  if (c.instruments && !c.instruments.every((i) => inst.includes(i)))
    bad.push(`instruments ${inst.join(',')}`);
  if (c.excluded?.some((i) => inst.includes(i))) bad.push(`excluded but present: ${inst.join(',')}`);
  if (c.drums !== undefined && r.drums !== c.drums) bad.push(`drums ${r.drums}`);
  if (c.style && r.style !== c.style) bad.push(`style ${r.style}`);
  if (c.seconds !== undefined && r.seconds !== c.seconds) bad.push(`seconds ${r.seconds}`);
  return bad;
}

const sign = (x: number) => (x > 0 ? '+' : x < 0 ? '-' : '0');

describe('embedder accuracy on the labelled prompt table', () => {
  it('holds at least 150 prompts', () => {
    expect(EXPLICIT.length + MOOD.length).toBeGreaterThanOrEqual(150);
  });

  it('extracts explicit tempo, key, meter and instruments in >= 98% of explicit cases', () => {
    const misses = EXPLICIT.map((c) => ({ c, bad: explicitErrors(c, embed(c.prompt)) })).filter(
      (x) => x.bad.length,
    );
    const accuracy = 1 - misses.length / EXPLICIT.length;
    console.log(
      `explicit extraction: ${EXPLICIT.length - misses.length}/${EXPLICIT.length} = ${(accuracy * 100).toFixed(1)}%`,
    );
    for (const m of misses) console.log(`  miss: "${m.c.prompt}" -> ${m.bad.join('; ')}`);
    expect(accuracy).toBeGreaterThanOrEqual(0.98);
  });

  it('gets the mood quadrant right in >= 85% of ad-style prompts', () => {
    const misses = MOOD.map((c) => ({ c, r: embed(c.prompt) })).filter(
      ({ c, r }) => sign(r.valence) + sign(r.arousal) !== c.quadrant,
    );
    const accuracy = 1 - misses.length / MOOD.length;
    console.log(
      `mood quadrant: ${MOOD.length - misses.length}/${MOOD.length} = ${(accuracy * 100).toFixed(1)}%`,
    );
    for (const { c, r } of misses)
      console.log(`  miss: "${c.prompt}" expected ${c.quadrant}, got v ${r.valence} a ${r.arousal}`);
    expect(accuracy).toBeGreaterThanOrEqual(0.85);
  });
});
