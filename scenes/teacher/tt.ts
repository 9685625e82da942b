// The teacher pages' strings: the model-side accessor in src/i18n/teacher.ts, shared with the
// model modules only teachers use (the class dashboard), so both read the same locale file.
export { tt, type TeacherKey } from '../../src/i18n/teacher';
