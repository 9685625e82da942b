// Interface strings come from a locale file (content has its own language tag). A pseudo-locale
// (accented and about 40% longer) shows any string that bypasses t() and any layout that overflows.
// The model (src/) words its own messages to players through t() as well: save, history, replay
// code, class link, results and LMS messages all come from this file.
import en from './en.json';

export type StringKey = keyof typeof en;
export type Params = Record<string, string | number>;

const ACCENTS: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ö', u: 'ü', c: 'ç', n: 'ñ', A: 'Á', E: 'É', I: 'Í', O: 'Ö', U: 'Ü', y: 'ý' };

export function pseudo(text: string): string {
  // Placeholders like {name} stay intact so parameters still fill in.
  const parts = text.split(/(\{[a-zA-Z]+\})/);
  const accented = parts.map((p) => (p.startsWith('{') ? p : p.replace(/[aeioucnAEIOUy]/g, (c) => ACCENTS[c] ?? c))).join('');
  const padding = '~'.repeat(Math.ceil(text.length * 0.4));
  return `[${accented}${padding}]`;
}

let locale: 'en' | 'pseudo' = 'en';
export function setLocale(next: 'en' | 'pseudo'): void {
  locale = next;
}
export function getLocale(): string {
  return locale;
}

/** A template from any locale file in the current locale, with its {placeholders} filled in. */
export function localise(template: string, params: Params = {}): string {
  const text = locale === 'pseudo' ? pseudo(template) : template;
  return text.replace(/\{([a-zA-Z]+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function t(key: StringKey, params: Params = {}): string {
  return localise(en[key], params);
}
