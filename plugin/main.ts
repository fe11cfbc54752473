/**
 * The panel's entry point (bundled to dist/plugin/main.js). Inside Premiere Pro it runs against the real
 * host (`host/uxp.ts`); in a browser a host injected as `window.__AUDIOGENESIS_HOST__` (the fake, for
 * tests and previews) is used, with the assets fetched from `window.__AUDIOGENESIS_ASSETS__` (default:
 * `assets/` beside the page) and stand-ins for the Spectrum widgets.
 */
import type { AssetReader } from './engine';
import { fetchAssets } from './engine';
import type { PremiereHost } from './host/types';
import { uxpEnvironment } from './host/uxp';
import { installTextCodecs } from './polyfill';
import { mountPanel } from './ui/panel';
import { installShims } from './ui/shim';

declare global {
  interface Window {
    /** A host to use instead of Premiere Pro's (tests, previews). */
    __AUDIOGENESIS_HOST__?: PremiereHost;
    /** Base URL of the assets folder in a browser. */
    __AUDIOGENESIS_ASSETS__?: string;
  }
}

function environment(): { host: PremiereHost | null; assets: AssetReader } {
  const injected = window.__AUDIOGENESIS_HOST__;
  const browser = (): AssetReader =>
    fetchAssets(window.__AUDIOGENESIS_ASSETS__ ?? new URL('assets/', window.location.href).href);
  if (injected) {
    installShims();
    return { host: injected, assets: browser() };
  }
  try {
    return uxpEnvironment();
  } catch {
    installShims();
    return { host: null, assets: browser() };
  }
}

installTextCodecs();
const start = (): void => {
  void mountPanel(document, environment());
};
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
