// The browser's composition root (started by boot.ts, which also brings the stylesheet): loads content, creates the session and the HTML layer at once
// (the title menu is usable before Phaser arrives), then loads Phaser alongside to draw the stage.
// First import: it sets zod to jitless before any schema exists (zod's eval probe would trip the CSP).
import { registerOffline } from './offline';
import { classLinkMessage, readClassLink } from '../src/classroom/classLink';
import { mayBeInLms } from '../src/lms/launch';
import type { Content } from '../src/content/loader';
import prebuiltContent from 'virtual:envoy-content';
import { setLocale, t } from '../src/i18n';
import { readPreferences, writePreferences, type Preferences } from '../src/persistence/preferences';
import { safeStore } from '../src/persistence/storage';
import { createSession, type ScenarioFileOutcome } from '../src/session';
import { DRAFT_PARAM, keepTeacherScenario, readDraft, readTeacherScenarios } from '../src/persistence/teacherScenarios';
import { scenarioLinkValue } from '../src/content/scenarioLink';
import { applyPreferences } from './ui/preferences';
import { mountSound } from './audio/soundDirector';
import { mountDirector } from './ui/director';
import { createStage } from './stage/createStage';


const ui = document.getElementById('ui')!;
const live = document.getElementById('live')!;
// Storage problems before the game can show notices are kept, then told; later ones at once.
const storageProblems: string[] = [];
let reportStorage: (reason: string) => void = (reason) => void storageProblems.push(reason);
const store = safeStore(() => window.localStorage, (reason) => reportStorage(reason));

let prefs = readPreferences(store);
const prefListeners: Array<(p: Preferences) => void> = [];
const prefsApi = {
  get: () => prefs,
  set(patch: Partial<Preferences>) {
    prefs = { ...prefs, ...patch };
    writePreferences(store, prefs);
    applyPreferences(prefs);
    setLocale(prefs.locale);
    prefListeners.forEach((cb) => cb(prefs));
  },
  /** Returns the unsubscriber (the stage lets go when it is destroyed). */
  onChange(cb: (p: Preferences) => void) {
    prefListeners.push(cb);
    return () => {
      const at = prefListeners.indexOf(cb);
      if (at >= 0) prefListeners.splice(at, 1);
    };
  },
};
applyPreferences(prefs);
setLocale(prefs.locale);
// The page shell's own words come from the locale file too.
document.querySelector('.skip-link')!.textContent = t('app.skip');
document.title = t('app.name');

// The build checks the content and ships it loaded (src/cli/buildPlugins.ts), so students' browsers
// skip the schema checks; the dev server loads and checks content/ here, errors shown on screen.
// The loader and its schema are imported only on the dev server, so zod's content schema is never
// built in a student's browser.
async function loadContentForDev(): Promise<{ ok: true; content: Content } | { ok: false; errors: string[] }> {
  const [{ formatContentError, loadContent }, { authorChecks }] = await Promise.all([import('../src/content/loader'), import('../src/content/checks')]);
  const result = loadContent(import.meta.glob('/content/**/*.json', { eager: true, import: 'default' }));
  // The rules content:check and the build enforce (src/content/checks.ts), shown as the author edits.
  const errors = result.ok ? authorChecks(result.content).errors : result.errors;
  return result.ok && !errors.length ? result : { ok: false, errors: errors.map(formatContentError) };
}
/**
 * The content with the teacher's scenario files added: those kept on this device, then the one a
 * link carries (`#scenario=…`, src/content/scenarioLink.ts) or the workbench's draft (`?draft=KEY`,
 * src/persistence/teacherScenarios.ts writeDraft). The checks load only when there is a file.
 * `lost` names kept files that no longer pass (after an update of the game); they stay kept.
 */
async function teacherScenarios(content: Content): Promise<{ content: Content; opened: ScenarioFileOutcome | null; draft: boolean; lost: string[] }> {
  const kept = readTeacherScenarios(store);
  const linked = scenarioLinkValue(location.href);
  const draftKey = new URLSearchParams(location.search).get(DRAFT_PARAM);
  if (!kept.length && linked === null && draftKey === null) return { content, opened: null, draft: false, lost: [] };
  const { loadScenarioText, loadScenarioTexts } = await import('../src/content/teacherScenarios');
  const fromKept = loadScenarioTexts(content, kept);
  let opened: ScenarioFileOutcome | null = null;
  let next = fromKept.content;
  if (draftKey !== null) {
    const draft = readDraft(store, draftKey);
    const file = draft ?? { name: t('teacherFile.draftName'), text: '' };
    const result = draft ? loadScenarioText(next, draft.name, draft.text) : { ok: false as const, errors: [t('teacherFile.draftMissing')] };
    opened = { name: file.name, ...result };
  } else if (linked !== null) {
    const { readScenarioLinkValue } = await import('../src/content/scenarioLink');
    const text = await readScenarioLinkValue(linked);
    const name = t('teacherFile.linkName');
    const result = text === null ? { ok: false as const, errors: [t('teacherFile.linkDamaged')] } : loadScenarioText(next, name, text);
    opened = { name, ...result };
    if (result.ok && text !== null) opened.kept = keepTeacherScenario(store, result.scenarioId, { name, text });
  }
  if (opened?.ok) next = opened.content;
  return { content: next, opened, draft: draftKey !== null, lost: fromKept.failed.map((f) => f.name) };
}

// No top-level await here, nor in any module of the first load: the build puts them in one chunk,
// and a chunk loaded on demand (a teacher's file, a draft, a class link) imports that chunk back, so
// awaiting it at top level would wait on itself and the game would never start
// (tests/unit/boundaries.test.ts checks it).
async function start(): Promise<void> {
  const loaded = import.meta.env.DEV ? await loadContentForDev() : { ok: true as const, content: prebuiltContent! };
  const newSeed = () => crypto.getRandomValues(new Uint32Array(1))[0]!;
  const query = new URLSearchParams(location.search);
  const teacherPage = query.get('teacher');

  if (!loaded.ok) {
    // The session still renders the error screen, so authors see which file and field to fix.
    const session = createSession({ content: { sources: {}, parties: {}, partyOrder: [], glossary: [], loadedTerms: [], scenarios: {}, scenarioOrder: [], tutorialId: null, versions: {}, files: {} }, store, newSeed });
    mountDirector(ui, live, session, prefsApi);
    session.app.send({ type: 'content.failed', errors: loaded.errors });
  } else if (teacherPage === 'projector') {
    // Projector mode: the whole class plays one run on this screen (teacher pages, loaded on their own).
    void import('./teacher/projector').then(({ mountProjector }) => mountProjector(ui, document.getElementById('live')!, loaded.content, store, newSeed));
  } else if (teacherPage !== null) {
    // The teacher pages replace the game and load on their own, never in a student's first load.
    // `?teacher` alone, or a page name mistyped, opens the class set-up, where every teacher page is linked.
    const page = teacherPage === 'dashboard' || teacherPage === 'author' ? teacherPage : 'setup';
    void import('./teacher').then(({ default: mountTeacher }) => mountTeacher(ui, loaded.content, page));
  } else {
    const teacher = await teacherScenarios(loaded.content);
    // A class link (?class=...) carries the teacher's scenarios, timer, hints, seed and label.
    const classRead = readClassLink(teacher.content, location.search);
    const session = createSession({ content: teacher.content, store, newSeed, now: () => new Date().toISOString(), classSettings: classRead?.settings ?? null, scenarioFile: teacher.opened });
    // Booted before the director mounts, so its first drawing is the title menu itself.
    session.boot();
    // Phaser loads alongside the menu, never in front of it: its chunk is fetched and compiled
    // while the menu is built, and runs after (bench: first Phaser frame).
    const stage = createStage(document.getElementById('stage')!, session, prefsApi);
    import.meta.hot?.dispose(() => stage.destroy());
    mountDirector(ui, live, session, prefsApi);
    const stopSound = mountSound(session, prefsApi);
    import.meta.hot?.dispose(stopSound);
    const notice = (message: string) => session.send({ type: 'notice.show', message });
    const classProblem = classLinkMessage(classRead);
    if (classProblem) notice(classProblem);
    // A replay link (?run=CODE) opens the run in watch mode; a bad code explains itself.
    const code = query.get('run');
    if (code) session.send({ type: 'watch.code', code });
    for (const name of teacher.lost) notice(t('teacherFile.keptFailed', { name }));
    // A link's or a draft's file is shown where scenarios are chosen: a draft that loads starts at
    // its briefing, anything else opens the select screen with the file's scenario or its errors.
    if (teacher.opened?.ok && teacher.draft) session.send({ type: 'scenario.choose', scenarioId: teacher.opened.scenarioId });
    else if (teacher.opened) session.send({ type: 'menu.play' });
    for (const reason of storageProblems) notice(t('notice.storage', { reason }));
    reportStorage = (reason) => notice(t('notice.storage', { reason }));
    performance.mark('envoy:menu-ready');
    // An LMS launches content with the package's query, in a frame or in a pop-up window: only
    // then is its bridge loaded, to find the SCORM API, resume from suspend_data and report the run.
    if (mayBeInLms(window)) {
      void import('../src/lms/bridge').then(({ connectLms }) => {
        const lms = connectLms(session, {
          window,
          onError: (message) => notice(t('notice.lms', { message })),
          onNoApi: () => notice(t('notice.lmsNotRecording')),
        });
        import.meta.hot?.dispose(() => lms?.disconnect());
      });
    }
  }
}

// Offline play is set up once the game has started (scenes/offline.ts waits for the page's load).
void start().finally(registerOffline);
