// Offline play and the page's security policy, for the browser's composition root.
//
// registerOffline() registers sw.js, the service worker the build writes next to index.html (see
// vite.config.ts): after one visit the whole game, its sounds and fonts play without a network.
// A new version of the site installs in the background and is used from the next visit on; a run
// in progress is never reloaded. Where service workers are unavailable (an LMS frame that forbids
// them, a file:// or plain-http page, private modes) the game simply plays online: the reason goes
// to console.info, never to the player. The state is published on <html data-offline>:
// 'unavailable' | 'registering' | 'ready' | 'update-waiting'.
//
// Importing this module also makes zod build its parsers without `new Function`: the page's
// Content-Security-Policy (index.html) has no 'unsafe-eval', and zod's probe for it would be
// reported as a violation. It must therefore be imported before any module that defines a schema.
import * as z from 'zod';

z.config({ jitless: true });

type OfflineState = 'unavailable' | 'registering' | 'ready' | 'update-waiting';

const publish = (state: OfflineState) => {
  document.documentElement.dataset.offline = state;
};

const unavailable = (why: unknown) => {
  publish('unavailable');
  console.info(`Envoy: offline play is not available here (${why instanceof Error ? why.message : String(why)}); the game plays online.`);
};

function watchUpdates(registration: ServiceWorkerRegistration) {
  // A worker that installs while another controls the page is the next version, waiting for the
  // next visit (when every tab of this version is closed).
  const check = () => {
    if (registration.waiting && navigator.serviceWorker.controller) publish('update-waiting');
  };
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', check);
  });
  check();
}

async function register(container: ServiceWorkerContainer) {
  publish('registering');
  // sw.js sits next to index.html; every URL in the build is relative to the page, so is this one.
  const registration = await container.register(new URL('sw.js', document.baseURI), { updateViaCache: 'none' });
  watchUpdates(registration);
  await container.ready;
  if (document.documentElement.dataset.offline === 'registering') publish('ready');
}

export function registerOffline(): void {
  if (import.meta.env.DEV) return; // the dev server has no sw.js
  // After the page has loaded: precaching must not compete with the first screen, and neither
  // must the first read of navigator.serviceWorker (about 10 ms at 4× CPU; bench: menu usable).
  if (document.readyState === 'complete') startOffline();
  else window.addEventListener('load', startOffline, { once: true });
}

function startOffline(): void {
  let container: ServiceWorkerContainer | undefined;
  try {
    // Reading the property throws in sandboxed frames and some privacy modes.
    container = window.isSecureContext ? navigator.serviceWorker : undefined;
  } catch (error) {
    unavailable(error);
    return;
  }
  if (!container) {
    unavailable(window.isSecureContext ? 'no service worker support' : 'the page is not served securely');
    return;
  }
  register(container).catch(unavailable);
}
