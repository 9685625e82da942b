// Interface strings come from a locale file (content has its own language tag). A pseudo-locale
// (accented and about 40% longer) shows any string that bypasses t() and any layout that overflows.
import en from './en.json';

export type StringKey = keyof typeof en;
type Params = Record<string, string | number>;

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

export function t(key: StringKey, params: Params = {}): string {
  const template = locale === 'pseudo' ? pseudo(en[key]) : en[key];
  return template.replace(/\{([a-zA-Z]+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
