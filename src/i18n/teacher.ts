// The teacher pages' strings, from their own locale file so the student's game never loads them
// (only the teacher pages and the model modules they alone use, such as the class dashboard,
// import this). Same placeholders as the game's t() ({name}), and the same pseudo-locale.
import strings from './teacher.en.json';
import { localise, type Params } from './index';

export type TeacherKey = keyof typeof strings;

export function tt(key: TeacherKey, params: Params = {}): string {
  return localise(strings[key], params);
}
