/**
 * The panel's DAW section (plugin/ui/daw.ts with index.html's markup) in headless Chromium against a real
 * bridge server on a recording output: the status line follows the bridge (connected, playing, port lost,
 * port back, ended), the token and port are kept, and a page from an origin the bridge does not allow
 * never gets in. A screenshot is saved for review.
 */
import { readFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalMidiEngine } from '../../../bridge/engine';
import { startBridgeServer, type BridgeServer } from '../../../bridge/server';
import { BridgeService } from '../../../bridge/service';
import { fakeOutputs, note, sequence, type ToggleOutput } from '../../bridge/helpers';
import { launchChromium, requireChromium, skipBrowserTests } from '../../helpers/chromium';
import { unreadable } from '../../../plugin/bridge-errors';
import { PORT_KEY, TOKEN_KEY, statusText } from '../../../plugin/ui/daw';

const TOKEN = 'daw-section-token-0123456789';
const SHOT = resolve(process.env.AG_DAW_SCREENSHOT ?? 'scratch/plugin/daw.png');

let page: Server;
let base: string;
let bridge: BridgeServer;
let outputs: ToggleOutput[];
let browser: Browser;

const ENTRY = `
import { installShims } from './plugin/ui/shim';
import { mountDaw } from './plugin/ui/daw';
installShims();
const say = (title, text) => { document.getElementById('message').textContent = title + ' ' + text; };
window.__daw = mountDaw(document, {
  store: localStorage,
  bridge: { retryMs: { min: 50, max: 200 } },
  take: () => (window.__take ? { sequence: window.__take, loop: window.__loop === true } : null),
  say,
  fail: (e) => say('Failed.', String(e && e.message)),
});
`;

async function pageHtml(): Promise<string> {
  const index = readFileSync('plugin/index.html', 'utf8');
  const style = /<style>[\s\S]*<\/style>/.exec(index)![0];
  const daw = /<section id="daw">[\s\S]*?<\/section>/.exec(index)![0];
  const js = await build({
    stdin: { contents: ENTRY, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'error',
  });
  return `<!doctype html><html><head><meta charset="utf-8">${style}</head><body><main id="panel">${daw}<div id="message"></div></main><script>${js.outputFiles[0].text}</script></body></html>`;
}

beforeAll(async () => {
  if (skipBrowserTests) return;
  requireChromium();
  const html = await pageHtml();
  page = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise<void>((ok) => page.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
  const fake = fakeOutputs(['IAC Driver Bus 1']);
  outputs = fake.opened;
  const hub: { server?: BridgeServer } = {};
  const service = new BridgeService(
    new LocalMidiEngine({ outputs: fake.provider, onEvent: (e) => hub.server?.broadcast(service.event(e)) }),
  );
  const server = await startBridgeServer({
    port: 0,
    token: TOKEN,
    handler: service.handle,
    allowOrigins: [base], // a preview of the panel in a browser; UXP sends file://
    onClientsChange: (n) => service.clientsChanged(n),
  });
  hub.server = server;
  bridge = server;
  await service.engine.selectOutput('IAC'); // as the bridge does at start
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  await new Promise((ok) => (page ? page.close(ok) : ok(undefined)));
});

async function open(url: string, store: Record<string, string>): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 480, height: 260 } });
  await p.addInitScript(
    `for (const [k, v] of Object.entries(${JSON.stringify(store)})) localStorage.setItem(k, v);`,
  );
  await p.goto(url);
  return p;
}

const status = (p: Page) => p.locator('#daw-status');

describe('statusText', () => {
  it('says what the bridge is doing in plain words', () => {
    const s = {
      link: 'ready',
      activity: 'idle',
      output: 'IAC',
      loop: false,
      url: 'ws://127.0.0.1:8765',
      problem: null,
    } as const;
    expect(statusText({ ...s, link: 'offline' })).toBe(
      'Bridge not running at ws://127.0.0.1:8765: start it with "npx audiogenesis bridge" (retrying).',
    );
    expect(statusText({ ...s, activity: 'playing', loop: true })).toBe('Playing into "IAC" (looping).');
    expect(statusText({ ...s, activity: 'output-lost' })).toMatch(/^Port lost: "IAC" vanished/);
    expect(statusText({ ...s, activity: 'ended' })).toBe('Ended. Output "IAC".');
    const problem = unreadable('ws://127.0.0.1:8765', 'not valid JSON').message;
    expect(problem).toBe(
      'The bridge at ws://127.0.0.1:8765 sent a message the panel cannot read (not valid JSON); the panel ignored it.',
    );
    expect(statusText({ ...s, problem })).toBe(`Bridge connected: output "IAC". ${problem}`);
    expect(statusText({ ...s, link: 'connecting', problem })).toBe(
      `Connecting to the bridge at ws://127.0.0.1:8765… ${problem}`,
    );
    expect(statusText({ ...s, link: 'offline', problem })).toBe(statusText({ ...s, link: 'offline' }));
  });
});

describe.skipIf(skipBrowserTests)('the DAW section in Chromium', () => {
  it('follows the bridge: connected, playing, port lost, port back, ended; keeps token and port', async () => {
    const p = await open(base, { [TOKEN_KEY]: TOKEN, [PORT_KEY]: String(bridge.port) });
    await p.waitForSelector('#daw-status[data-link="ready"]', { timeout: 10_000 });
    expect(await status(p).textContent()).toBe('Bridge connected: output "IAC Driver Bus 1".');
    expect(await p.locator('#bridge-port input').inputValue()).toBe(String(bridge.port));
    expect(await p.getAttribute('#send', 'disabled')).toBe(''); // no take yet

    await p.evaluate(
      (seq) => {
        const w = window as unknown as { __take: unknown; __daw: { refresh(b: boolean): void } };
        w.__take = seq;
        w.__daw.refresh(false);
      },
      sequence([note(60, 0, 2), note(64, 0, 2, 'harmony')], 120),
    );
    await p.click('#send');
    await p.waitForSelector('#daw-status[data-activity="playing"]');
    expect(await p.textContent('#message')).toBe('Sent. Playing 2 notes into IAC Driver Bus 1.');

    outputs[0].set(false);
    await p.waitForSelector('#daw-status[data-activity="output-lost"]');
    expect(await status(p).textContent()).toMatch(/^Port lost: "IAC Driver Bus 1" vanished/);
    mkdirSync(dirname(SHOT), { recursive: true });
    await p.screenshot({ path: SHOT });
    outputs[0].set(true);
    await p.waitForSelector('#daw-status[data-activity="resumed"]');
    await p.waitForSelector('#daw-status[data-activity="ended"]', { timeout: 10_000 });
    expect(await status(p).textContent()).toBe('Ended. Output "IAC Driver Bus 1".');

    await p.locator('#bridge-port input').fill('8799');
    await p.locator('#bridge-port input').dispatchEvent('change');
    expect(await p.evaluate((k) => localStorage.getItem(k), PORT_KEY)).toBe('8799');
    // The link retries (offline, connecting, offline...): the offline line and its words are read together,
    // not one after the other, or a retry in between shows "Connecting".
    await p.waitForFunction(() => {
      const line = document.querySelector('#daw-status');
      return (
        line?.getAttribute('data-link') === 'offline' &&
        /^Bridge not running at ws:\/\/127\.0\.0\.1:8799/.test(line.textContent ?? '')
      );
    });
    await p.close();
  });

  it('a page from an origin the bridge does not allow never gets in, even with the token', async () => {
    const other = base.replace('127.0.0.1', 'localhost'); // another origin, same page
    const before = bridge.authenticatedCount;
    const p = await open(other, { [TOKEN_KEY]: TOKEN, [PORT_KEY]: String(bridge.port) });
    await p.waitForSelector('#daw-status[data-link="offline"]', { timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 500));
    expect(await p.getAttribute('#daw-status', 'data-link')).not.toBe('ready');
    expect(bridge.authenticatedCount).toBe(before);
    await p.close();
  });
});
