// Applies preferences to the page: text size, contrast theme and motion as attributes on <html>
// that the stylesheet and the stage read.
import type { Preferences } from '../../src/persistence/preferences';

export function prefersReducedMotion(prefs: Preferences): boolean {
  if (prefs.reducedMotion !== null) return prefs.reducedMotion;
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function applyPreferences(prefs: Preferences): void {
  const root = document.documentElement;
  root.style.setProperty('--text-scale', String(prefs.textScale));
  root.dataset.textScale = String(prefs.textScale);
  root.dataset.theme = prefs.highContrast ? 'contrast' : 'default';
  root.dataset.motion = prefersReducedMotion(prefs) ? 'reduced' : 'full';
  root.lang = prefs.locale === 'pseudo' ? 'en-XA' : 'en';
}
