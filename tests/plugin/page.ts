/**
 * The built panel in headless Chromium with the fake host, for the browser test and `npm run bench panel`:
 * builds dist/plugin privately, serves it on 127.0.0.1, and opens it at a width with the fake injected, no
 * WebAssembly (as in UXP), and a record of long tasks (PerformanceObserver 'longtask') and progress.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import type { FakeOptions, FakeSnapshot } from '../../plugin/host/fake';
import { launchChromium } from '../helpers/chromium';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.png': 'image/png',
};

/** A served build of the panel and a browser to open it in. */
export interface PanelHarness {
  /** Opens the panel with the fake host; `workers: false` hides `Worker`, so it composes inline as in UXP. */
  open(options: FakeOptions, width?: number, height?: number, page?: { workers?: boolean }): Promise<Page>;
  /** Opens the page as UXP would run it: no injected host, `script` run first (e.g. a `require` stand-in). */
  openRaw(script: string, width?: number): Promise<Page>;
  close(): Promise<void>;
}

/** Builds, serves and launches. */
export async function panelHarness(): Promise<PanelHarness> {
  const root = join(mkdtempSync(join(tmpdir(), 'ag-panel-')), 'plugin');
  execFileSync(process.execPath, ['scripts/build-plugin.mjs', '--outdir', root], { stdio: 'ignore' });
  const fake = await build({
    entryPoints: ['plugin/host/fake.ts'],
    bundle: true,
    format: 'iife',
    globalName: 'AudiogenesisFake',
    platform: 'browser',
    write: false,
  });
  const fakeBundle = fake.outputFiles[0].text;
  const server: Server = createServer((req, res) => {
    const path = join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!path.startsWith(root) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await launchChromium();
  return {
    async open(options, width = 300, height = 520, { workers = true } = {}) {
      const page = await browser.newPage({ viewport: { width, height } });
      page.on('pageerror', (err) => console.error('panel error:', err.message));
      await page.addInitScript(
        `delete globalThis.WebAssembly;${workers ? '' : ' delete globalThis.Worker;'}
        ${fakeBundle}
        window.__AUDIOGENESIS_HOST__ = new AudiogenesisFake.FakePremiereHost(${JSON.stringify(options)});
        window.__progress = [];
        window.__longTasks = [];
        window.__watch = false;
        new PerformanceObserver((list) => {
          if (window.__watch)
            for (const e of list.getEntries()) window.__longTasks.push({ ms: Math.round(e.duration), stage: window.__stage });
        }).observe({ type: 'longtask', buffered: false });
        window.__stage = '';
        document.addEventListener('audiogenesis:progress', (e) => {
          window.__progress.push(e.detail.stage);
          window.__stage = e.detail.stage;
        });`,
      );
      await page.goto(`${base}/index.html`);
      await page.waitForSelector('#panel[data-state="ready"]', { timeout: 120_000 });
      return page;
    },
    async openRaw(script, width = 300) {
      const page = await browser.newPage({ viewport: { width, height: 520 } });
      await page.addInitScript(script);
      await page.goto(`${base}/index.html`);
      return page;
    },
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
      rmSync(dirname(root), { recursive: true, force: true });
    },
  };
}

/** What the fake host recorded. */
export const snapshot = (page: Page): Promise<FakeSnapshot> =>
  page.evaluate(() =>
    (
      window as unknown as { __AUDIOGENESIS_HOST__: { snapshot(): FakeSnapshot } }
    ).__AUDIOGENESIS_HOST__.snapshot(),
  );

/** Clicks a button and waits for the panel to settle in one of `states`. */
export async function clickAndWait(
  page: Page,
  id: string,
  states = ['audition', 'placed', 'error'],
): Promise<void> {
  await page.evaluate(() => document.getElementById('panel')!.setAttribute('data-state', 'busy'));
  await page.locator(`#${id}`).scrollIntoViewIfNeeded();
  await page.click(`#${id}`);
  await page.waitForSelector(states.map((s) => `#panel[data-state="${s}"]`).join(', '), { timeout: 120_000 });
}

/** Starts (true) or stops recording long tasks; stopping returns them (milliseconds, and the stage). */
export async function watchLongTasks(page: Page, on: boolean): Promise<{ ms: number; stage: string }[]> {
  return page.evaluate((w) => {
    const g = window as unknown as { __watch: boolean; __longTasks: { ms: number; stage: string }[] };
    g.__watch = w;
    if (w) g.__longTasks = [];
    return g.__longTasks;
  }, on);
}
