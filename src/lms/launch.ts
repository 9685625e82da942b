// What the page's own launch says about an LMS, read before the LMS bridge loads (this module is
// in the first bundle, so it stays tiny): the SCORM packages' manifests launch index.html with
// `?scorm=1.2` or `?scorm=2004`, and build:scorm marks each package's index.html with
// `<meta name="envoy-scorm" content="VERSION">` for LMSs that drop the launch parameters.
import type { ScormVersion } from './findApi';

/** The name of the meta element build:scorm adds to a package's index.html. */
export const PACKAGE_MARKER = 'envoy-scorm';

/** The little of a window the launch checks read. */
export interface LaunchWindow {
  location?: { search?: string };
  parent?: unknown;
  opener?: unknown;
  document?: { querySelector?(selector: string): { getAttribute(name: string): string | null } | null };
}

const asVersion = (value: string): ScormVersion | null => (value === '1.2' || value === '12' ? '1.2' : value === '2004' ? '2004' : null);

/** The version a launch URL's query asks for (`?scorm=1.2`, `?scorm=12`, `?scorm=2004`), or null. */
export function preferredVersion(search: string | null | undefined): ScormVersion | null {
  const match = /[?&]scorm=([^&#]*)/.exec(search ?? '');
  let value = '';
  try {
    value = match ? decodeURIComponent(match[1]!) : '';
  } catch {
    // A malformed escape (`%E0%A4%A`) is no preference, not a reason to miss the LMS.
  }
  return asVersion(value);
}

/** The SCORM version of the package this page was served from (its meta marker), or null. */
export function packageVersion(win: LaunchWindow | null | undefined): ScormVersion | null {
  try {
    const meta = win?.document?.querySelector?.(`meta[name="${PACKAGE_MARKER}"]`);
    return meta ? asVersion(meta.getAttribute('content') ?? '') : null;
  } catch {
    return null;
  }
}

/**
 * The SCORM version the launch names (query first, then the package's marker), or null when the
 * page was not launched as a SCORM package: then a missing API just means "not in an LMS".
 */
export function launchVersion(win: LaunchWindow | null | undefined): ScormVersion | null {
  return preferredVersion(win?.location?.search) ?? packageVersion(win);
}

/** True when an LMS may hold an API for this page: a SCORM launch, a frame or a pop-up. */
export function mayBeInLms(win: LaunchWindow | null | undefined): boolean {
  if (!win) return false;
  if (launchVersion(win)) return true;
  try {
    return (win.parent != null && win.parent !== win) || win.opener != null;
  } catch {
    return true; // only a window of another origin throws here: something frames us
  }
}
