import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pianoRollPng } from '../../../cli/render/png';
import { evaluate } from '../../../core/eval/report/evaluate';
import { reportHtml } from '../../../core/eval/report/html';
import { launchChromium, requireChromium, skipBrowserTests } from '../../helpers/chromium';
import { fixtureInput } from './report-fixture';

let dir: string;
let browser: Browser | undefined;
const input = fixtureInput();

beforeAll(async () => {
  if (skipBrowserTests) return;
  requireChromium();
  dir = mkdtempSync(join(tmpdir(), 'ag-report-'));
  const report = evaluate(input);
  const rolls = input.sets.map((s) => ({
    prompt: 0,
    set: s.name,
    src: `data:image/png;base64,${pianoRollPng(s.pieces[0], { width: 600, height: 160 }).toString('base64')}`,
  }));
  writeFileSync(join(dir, 'report.html'), reportHtml(report, rolls));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(skipBrowserTests)('report.html in headless Chromium', () => {
  it('draws every plot and piano roll offline, with no request leaving the page', async () => {
    const page = await browser!.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
    const plots = await page.$$eval('svg.plot', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        const marks = [...svg.querySelectorAll('rect.bar, rect.cell, path.curve')].map((m) => {
          const b = (m as SVGGraphicsElement).getBBox();
          return b.width > 0 && b.height > 0;
        });
        return {
          name: svg.dataset.plot,
          width: box.width,
          height: box.height,
          drawn: marks.filter(Boolean).length,
        };
      }),
    );
    expect(plots.length).toBe(29);
    for (const p of plots) {
      expect(p.width, p.name).toBeGreaterThan(100);
      expect(p.height, p.name).toBeGreaterThan(100);
      expect(p.drawn, p.name).toBeGreaterThan(0);
    }
    const kde = plots.filter((p) => p.name?.startsWith('mgeval-kde-'));
    expect(kde.length).toBe(9);
    expect(kde.every((p) => p.drawn === 5)).toBe(true); // the reference and four sets
    const images = await page.$$eval('img', (imgs) =>
      imgs.map((i) => [i.complete, i.naturalWidth, i.naturalHeight]),
    );
    expect(images).toEqual(input.sets.map(() => [true, 600, 160]));
    expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
