/**
 * The panel's entry point (bundled to dist/plugin/main.js). Inside Premiere Pro it registers the panel with
 * `entrypoints.setup` synchronously as the script first runs (UXP documents that a delayed call can fail),
 * then runs against the real host (`host/uxp.ts`). In a browser, a host injected as
 * `window.__AUDIOGENESIS_HOST__` (the fake, for tests and previews) is used, with the assets fetched from
 * `window.__AUDIOGENESIS_ASSETS__` (default: `assets/` beside the page), stand-ins for the Spectrum widgets
 * and a worker for composing.
 */
import { releaseBuffers } from '../core/render';
import { workerComposer } from './composer';
import type { AssetReader, Composer } from './engine';
import { fetchAssets } from './engine';
import type { PremiereHost } from './host/types';
import { setupEntrypoints, uxpEnvironment } from './host/uxp';
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

// Hidden, the panel hands back the renderer's reused buffers (up to 96 MB for a 60 s piece).
const inUxp = setupEntrypoints({ hide: releaseBuffers });

function environment(): { host: PremiereHost | null; assets: AssetReader; composer: Composer | null } {
  const injected = window.__AUDIOGENESIS_HOST__;
  const base = window.__AUDIOGENESIS_ASSETS__ ?? new URL('assets/', window.location.href).href;
  const browser = () => ({
    assets: fetchAssets(base),
    composer: workerComposer(new URL('compose-worker.js', window.location.href).href, base),
  });
  if (injected || !inUxp) {
    installShims();
    return { host: injected ?? null, ...browser() };
  }
  try {
    return { ...uxpEnvironment(), composer: null };
  } catch {
    installShims();
    return { host: null, ...browser() };
  }
}

installTextCodecs();
let mounted = false;
const start = (): void => {
  if (mounted) return;
  mounted = true;
  void mountPanel(document, environment());
};
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
