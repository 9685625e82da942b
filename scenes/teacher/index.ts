// The teacher pages, loaded on their own (never in a student's first load) when the address has
// `?teacher=setup`, `?teacher=dashboard` or `?teacher=author`: the class set-up page, the class
// dashboard and the authoring workbench.
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
  document.title = tt('page.title', { page: tt(page === 'setup' ? 'nav.setup' : page === 'author' ? 'nav.author' : 'nav.dashboard') });
  let stop: () => void = () => root.replaceChildren();
  const focusHeading = () => root.querySelector<HTMLElement>('#screen-heading')?.focus({ preventScroll: true });
  if (page === 'author') {
    // The workbench brings its code editor (CodeMirror) in a chunk of its own: the other teacher
    // pages and the game never load it.
    void import('./author/page').then(({ mountAuthor }) => {
      stop = mountAuthor(root, content);
      focusHeading();
    });
  } else {
    stop = page === 'dashboard' ? mountDashboard(root, content) : mountSetup(root, content);
    focusHeading();
  }
  return () => {
    stop();
    document.body.classList.remove('teacher-page');
  };
}
