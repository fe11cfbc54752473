/**
 * Headless Chromium for browser tests: Debian's `chromium` (installed by `.ci/run`) driven by
 * `playwright-core`, with the flags that keep it off the network.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Where Debian installs Chromium. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** True when the browser is installed (`.ci/run` installs it; a developer may not have it). */
export const hasChromium = existsSync(CHROMIUM_PATH);

/** Starts headless Chromium (playwright gives it a fresh temporary profile) with no background networking. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
