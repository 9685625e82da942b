// The classroom model: class links, students' results files and codes, the class dashboard and
// the discussion guides. Pure TypeScript, shared by the student's game and the teacher pages.
export * from './classLink';
export * from './results';
export * from './dashboard';
export * from './discussion';
export * from './handIn';
export * from './gain';
