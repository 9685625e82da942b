// The page's entry. It carries the stylesheet and fonts, so the build links them in the page's
// head, where they block the first paint (the cannot-start message relies on that: see
// src/cli/pageShell.ts), and starts the game (main.ts) once the browser has painted the title
// screen the build wrote into index.html. Without this wait a browser that has the code at hand
// (cached, offline, a fast network) runs the whole game before its first paint, and the first text
// waits for it. main.ts is fetched alongside from the start (a modulepreload link).
// First: sets zod to jitless before any module of the game can build a schema (zod's eval probe
// would trip the CSP); the game's chunks may be evaluated in any order among themselves.
import './offline';
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import './ui/style.css';

/**
 * Resolves once the title screen has been painted: at once when the browser has already painted
 * text (it usually has, by the time this module runs) or on a hidden page, which does not paint
 * (nor run frames); otherwise after the next paint. Waiting a frame more than needed costs the
 * menu a frame, and at 4× CPU slowdown up to 150 ms (bench: menu usable).
 */
function afterFirstPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (document.visibilityState === 'hidden') return resolve();
    if (performance.getEntriesByName('first-contentful-paint').length) return resolve();
    requestAnimationFrame(() => setTimeout(resolve, 0));
    // Frames can also be withheld from a visible page (an off-screen frame): never wait long.
    setTimeout(resolve, 100);
  });
}

await afterFirstPaint();
await import('./main');
