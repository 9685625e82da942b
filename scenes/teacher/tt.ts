// The teacher pages' strings, from their own locale file so the student's game never loads them.
// Same placeholders as the game's t() ({name}), and the same pseudo-locale for checking layouts.
import strings from '../../src/i18n/teacher.en.json';
import { getLocale, pseudo } from '../../src/i18n';

export type TeacherKey = keyof typeof strings;

export function tt(key: TeacherKey, params: Record<string, string | number> = {}): string {
  const template = getLocale() === 'pseudo' ? pseudo(strings[key]) : strings[key];
  return template.replace(/\{([a-zA-Z]+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
