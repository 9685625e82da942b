// The teacher pages, loaded on their own (never in a student's first load) when the address has
// `?teacher=setup` or `?teacher=dashboard`: the class set-up page and the class dashboard.
import './teacher.css';
import type { Content } from '../../src/content/loader';
import { mountDashboard } from './dashboard';
import { mountSetup } from './setup';
import type { TeacherPage } from './shell';
import { tt } from './tt';

export type { TeacherPage };

/** Shows a teacher page in `root` (the game's #ui) across the whole window. Returns an unmount function. */
export default function mountTeacher(root: HTMLElement, content: Content, page: TeacherPage): () => void {
  document.body.classList.add('teacher-page');
  document.title = tt('page.title', { page: tt(page === 'setup' ? 'nav.setup' : 'nav.dashboard') });
  const stop = page === 'dashboard' ? mountDashboard(root, content) : mountSetup(root, content);
  root.querySelector<HTMLElement>('#screen-heading')?.focus({ preventScroll: true });
  return () => {
    stop();
    document.body.classList.remove('teacher-page');
  };
}
