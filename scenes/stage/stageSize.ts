// Follows the stage element's size in CSS pixels and in device pixels: a resize of the window or
// of the layout (ResizeObserver), the browser's zoom and a move to a screen with another pixel ratio
// (a `(resolution: Xdppx)` media query that stops matching). Device pixels are CSS × devicePixelRatio:
// ResizeObserver's device-pixel box would be exact, but Chromium reports it unscaled under an
// emulated device scale factor and does not report a change of the ratio at all.

export interface StageSize {
  /** CSS pixels, fractions included. */
  cssWidth: number;
  cssHeight: number;
  /** Device pixels (whole): the canvas's own width and height. */
  pixelWidth: number;
  pixelHeight: number;
  /** devicePixelRatio when measured. */
  ratio: number;
}

const FALLBACK = { width: 640, height: 480 };

function measure(el: HTMLElement): StageSize {
  const ratio = window.devicePixelRatio || 1;
  const box = el.getBoundingClientRect();
  const cssWidth = box.width || FALLBACK.width;
  const cssHeight = box.height || FALLBACK.height;
  return {
    cssWidth,
    cssHeight,
    pixelWidth: Math.max(1, Math.round(cssWidth * ratio)),
    pixelHeight: Math.max(1, Math.round(cssHeight * ratio)),
    ratio,
  };
}

const same = (a: StageSize, b: StageSize) =>
  a.cssWidth === b.cssWidth && a.cssHeight === b.cssHeight && a.pixelWidth === b.pixelWidth && a.pixelHeight === b.pixelHeight && a.ratio === b.ratio;

/**
 * Measures `el` now (`current`) and calls `onChange` with each new size. `stop()` ends the watch.
 * Layout the element's own content causes (the canvas inside it) does not change its size: the
 * stage's box is set by the page's grid.
 */
export function watchSize(el: HTMLElement, onChange: (size: StageSize) => void): { readonly current: StageSize; stop(): void } {
  let current = measure(el);
  const update = () => {
    const next = measure(el);
    if (same(next, current)) return;
    current = next;
    onChange(next);
  };

  const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(() => update()) : null;
  observer?.observe(el);

  let query: MediaQueryList | null = null;
  const onRatio = () => {
    watchRatio();
    update();
  };
  const watchRatio = () => {
    query?.removeEventListener('change', onRatio);
    query = window.matchMedia?.(`(resolution: ${window.devicePixelRatio || 1}dppx)`) ?? null;
    query?.addEventListener('change', onRatio);
  };
  watchRatio();

  return {
    get current() {
      return current;
    },
    stop() {
      observer?.disconnect();
      query?.removeEventListener('change', onRatio);
    },
  };
}
