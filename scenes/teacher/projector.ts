// Projector mode (`?teacher=projector`, opened from the teacher pages): the whole class plays one
// run on one screen, in type large enough for the back of a room. The question or the moves are
// shown with letters; the teacher starts a discussion timer, types the class's vote count per
// letter, reveals it, and plays the class's choice. The run is the session's like any other: saved
// after each step, kept in the run history with its replay code, and its debrief is the class's.
// The rules (letters, the class's choice, ties, the vote step) are the model's:
// src/classroom/projector.ts. This module only draws them and sends what the teacher does.
import './teacher.css';
import './projector.css';
import { createActor, type Actor } from 'xstate';
import type { Content } from '../../src/content/loader';
import { classChoice, DISCUSSION_SECONDS, letterOf, parseCount, PROJECTOR_SETTINGS, voteKey, voteMachine, voteOptions, type VoteOption } from '../../src/classroom/projector';
import type { RunView } from '../../src/engine/presenter';
import { t, type StringKey } from '../../src/i18n';
import { readPreferences } from '../../src/persistence/preferences';
import type { KeyValueStore } from '../../src/persistence/storage';
import { runLink } from '../../src/replay/code';
import { createSession, type SessionEvent } from '../../src/session';
import { actionButton } from '../ui/act';
import { button, h } from '../ui/dom';
import { quoteBlock, swatch } from '../ui/parts';
import { glossed } from '../ui/glossary';
import { openingPanel, outcomePanel } from '../ui/screens/negotiation';
import { feedbackPanel, questionPanel } from '../ui/screens/question';
import type { ScreenContext } from '../ui/screens/types';
import { briefingPanel, startPanel } from './projectorPanels';
import { gameUrl } from './shell';
import { tt } from './tt';

type Vote = { key: string; options: VoteOption[]; actor: Actor<typeof voteMachine> };

const clockText = (ms: number) => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export function mountProjector(root: HTMLElement, live: HTMLElement, content: Content, store: KeyValueStore, newSeed: () => number): () => void {
  document.body.classList.add('teacher-page', 'projector-page');
  document.title = tt('page.title', { page: tt('nav.projector') });
  const session = createSession({ content, store, newSeed, now: () => new Date().toISOString(), settings: PROJECTOR_SETTINGS });
  session.boot();
  let offered = new Map<string, SessionEvent>();
  let vote: Vote | null = null;
  let lastKey = '';
  let tick: ReturnType<typeof setInterval> | undefined;
  const ctx: ScreenContext = {
    session,
    send: (event) => session.send(event),
    announce: (message) => {
      live.textContent = '';
      setTimeout(() => (live.textContent = message), 50);
    },
    prefs: { get: () => readPreferences(store), set: () => {} },
    refresh: () => render(true),
    action: (id) => offered.get(id) ?? null,
  };

  /** The vote of the decision on screen: a fresh one for each new decision. */
  const voteFor = (view: RunView): Vote | null => {
    const options = voteOptions(view);
    if (!options) return null;
    const key = voteKey(view);
    if (vote?.key !== key) {
      vote?.actor.stop();
      const actor = createActor(voteMachine, { input: { options: options.length } }).start();
      actor.subscribe(() => render());
      vote = { key, options, actor };
    }
    return vote;
  };

  const screenName = () => {
    const value = session.app.getSnapshot().value;
    return typeof value === 'string' ? value : Object.keys(value)[0]!;
  };

  /** The discussion timer: a length to choose, start and stop, and the time left. */
  function discussionPart(v: Vote): HTMLElement {
    const snap = v.actor.getSnapshot();
    const running = snap.hasTag('discussing');
    const select = h('select', { id: 'discussion-length', 'data-input': 'discussion' }, ...DISCUSSION_SECONDS.map((s) => h('option', { value: s, selected: s === snap.context.seconds }, tt('projector.seconds', { time: clockText(s * 1000) }))));
    const left = h('p', { class: 'discussion-clock', role: 'timer', 'data-clock': running ? 'running' : snap.hasTag('discussed') ? 'over' : 'idle' });
    const show = () => {
      const c = v.actor.getSnapshot().context;
      left.textContent = running && c.startedAt !== null ? tt('projector.left', { time: clockText(c.startedAt + c.seconds * 1000 - Date.now()) }) : snap.hasTag('discussed') ? tt('projector.timeUp') : '';
    };
    show();
    clearInterval(tick);
    if (running) tick = setInterval(show, 250);
    return h(
      'section',
      { class: 'discussion', 'aria-labelledby': 'discussion-heading' },
      h('h2', { id: 'discussion-heading' }, tt('projector.discuss')),
      h(
        'div',
        { class: 'row' },
        h('label', { for: 'discussion-length' }, tt('projector.length')),
        select,
        button(tt(running ? 'projector.restart' : 'projector.start'), () => v.actor.send({ type: 'discussion.start', seconds: Number(select.value), at: Date.now() }), { 'data-action': 'discussion-start' }),
        running && button(tt('projector.stop'), () => v.actor.send({ type: 'discussion.stop' }), { 'data-action': 'discussion-stop' }),
      ),
      left,
    );
  }

  /** The count per letter, typed by the teacher, then revealed. */
  function countPart(v: Vote): HTMLElement {
    const snap = v.actor.getSnapshot();
    const error = h('p', { class: 'form-error', role: 'alert', 'data-error': 'votes' });
    const form = h(
      'form',
      {
        class: 'vote-count',
        novalidate: true,
        'aria-labelledby': 'count-heading',
        onsubmit: (event: Event) => {
          event.preventDefault();
          for (const [i] of v.options.entries()) {
            const input = form.querySelector<HTMLInputElement>(`[data-count="${letterOf(i)}"]`)!;
            v.actor.send({ type: 'votes.set', index: i, count: parseCount(input.value) });
          }
          if (!classChoice(v.actor.getSnapshot().context.counts)) {
            error.textContent = tt('projector.noVotes');
            form.querySelector<HTMLInputElement>('input')?.focus();
            return;
          }
          v.actor.send({ type: 'votes.reveal' });
        },
      },
      h('h2', { id: 'count-heading' }, tt('projector.votes')),
      h(
        'div',
        { class: 'count-fields' },
        ...v.options.map((o, i) =>
          h(
            'p',
            { class: 'count-field' },
            h('label', { for: `count-${o.letter}`, 'aria-label': tt('projector.votesFor', { letter: o.letter }) }, `${o.letter}:`),
            h('input', { id: `count-${o.letter}`, type: 'text', inputmode: 'numeric', autocomplete: 'off', maxlength: 3, 'data-count': o.letter, value: snap.context.counts[i] ?? '' }),
          ),
        ),
      ),
      h('p', { class: 'meta' }, tt('projector.tieRule')),
      error,
      h('button', { type: 'submit', class: 'primary', 'data-action': 'reveal' }, tt('projector.reveal')),
    );
    return form;
  }

  /** The revealed count, the class's choice, and the button that plays it. */
  function resultPart(v: Vote): HTMLElement {
    const counts = v.actor.getSnapshot().context.counts;
    const choice = classChoice(counts)!;
    const chosen = v.options[choice.index]!;
    return h(
      'section',
      { class: 'vote-result', 'aria-labelledby': 'result-heading', 'data-choice': chosen.letter },
      h('h2', { id: 'result-heading' }, tt('projector.chose', { letter: chosen.letter, votes: counts[choice.index] ?? 0, total: choice.total })),
      choice.tied.length > 1 && h('p', { 'data-tie': '' }, tt('projector.tie', { letters: choice.tied.map(letterOf).join(', '), letter: chosen.letter })),
      h(
        'nav',
        { class: 'menu row' },
        actionButton(ctx, chosen.actionId, tt('projector.playChoice', { letter: chosen.letter }), { class: 'primary', 'data-action': 'play-choice' }),
        button(tt('projector.edit'), () => v.actor.send({ type: 'votes.edit' }), { 'data-action': 'edit-votes' }),
      ),
    );
  }

  /** A lettered decision: the question or the moves, the discussion, the count and its result. */
  function votePanel(view: RunView, v: Vote): HTMLElement {
    const q = view.phase === 'question' ? view.question : null;
    const revealed = v.actor.getSnapshot().hasTag('revealed');
    const counts = v.actor.getSnapshot().context.counts;
    const locked = view.phase === 'moves' ? view.moves.filter((m) => m.locked) : [];
    return h(
      'section',
      { class: 'panel projector-vote', 'aria-labelledby': 'screen-heading', 'data-vote': view.phase, 'data-question': q?.id },
      h('p', { class: 'eyebrow' }, q ? `${view.meeting?.title ?? ''} · ${t('question.heading', { number: view.questionNumber, count: view.questionCount })}` : (view.meeting?.title ?? '')),
      h('h1', { id: 'screen-heading', tabindex: '-1' }, q ? q.prompt : tt('projector.movesHeading')),
      q?.type === 'who-said' && quoteBlock(content, q.quote),
      q?.type === 'true-false' && h('p', { class: 'statement big' }, ...glossed(content, q.statement, new Set())),
      h(
        'ol',
        { class: 'vote-options' },
        ...v.options.map((o, i) =>
          h(
            'li',
            { 'data-letter': o.letter, class: revealed && classChoice(counts)?.index === i ? 'is-chosen' : undefined },
            h('span', { class: 'letter', 'aria-hidden': 'true' }, o.letter),
            h('span', { class: 'visually-hidden' }, `${o.letter}: `),
            h('span', { class: 'option-text' }, o.text),
            revealed && h('span', { class: 'option-votes', 'data-votes': counts[i] ?? 0 }, tt('projector.count', { count: counts[i] ?? 0 })),
          ),
        ),
      ),
      locked.length > 0 && h('p', { class: 'meta' }, tt('projector.locked', { moves: locked.map((m) => m.text).join(' · ') })),
      view.hintUsed && q?.hint && h('p', { class: 'hint', role: 'note' }, h('strong', {}, `${t('question.hintLabel')}: `), q.hint),
      !revealed && actionButton(ctx, 'hint', t('question.hint'), { 'data-action': 'hint' }),
      !revealed && discussionPart(v),
      revealed ? resultPart(v) : countPart(v),
    );
  }

  function debriefPanel(view: RunView): HTMLElement {
    const ending = view.ending!;
    const result = session.app.getSnapshot().context.result;
    const code = session.lastCode;
    const link = code ? runLink(gameUrl(), code) : null;
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'screen-heading', 'data-ending': ending.id },
      h('p', { class: 'eyebrow' }, `${tt('projector.debrief')} · ${t(`ending.kind.${ending.kind}` as StringKey)}`),
      h('h1', { id: 'screen-heading', tabindex: '-1' }, ending.title),
      h('p', { class: 'lead' }, ...glossed(content, ending.debrief, new Set())),
      result && h('p', {}, tt('projector.score', { correct: result.answers.filter((a) => a.fraction === 1).length, total: result.answers.length })),
      h('h2', {}, tt('projector.understanding')),
      h(
        'table',
        { class: 'scores' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('ending.table.party')), h('th', { scope: 'col' }, t('ending.table.understanding')), h('th', { scope: 'col' }, t('ending.table.trust')))),
        h(
          'tbody',
          {},
          ...view.parties.map((p) =>
            h(
              'tr',
              { 'data-party': p.id },
              h('th', { scope: 'row' }, swatch(p.colour), content.parties[p.id]?.name ?? p.id),
              h('td', { 'data-understanding': p.measured ? p.understanding : '' }, p.measured ? String(p.understanding) : t('ending.table.notMeasured')),
              h('td', {}, p.seated ? String(p.trust) : t('ending.table.notSeated')),
            ),
          ),
        ),
      ),
      code && link && h('p', { class: 'replay-link' }, `${tt('projector.replay')} `, h('a', { href: link, 'data-code': code }, code)),
      h('nav', { class: 'menu row' }, actionButton(ctx, 'again', t('ending.again'), { class: 'primary', 'data-action': 'again' }), actionButton(ctx, 'another', tt('projector.another'), { 'data-action': 'another' })),
    );
  }

  function body(): HTMLElement {
    const name = screenName();
    if (name === 'title' || name === 'select') return startPanel(ctx);
    if (name === 'briefing') return briefingPanel(ctx);
    const view = session.runView();
    if (name === 'debrief' && view?.ending) return debriefPanel(view);
    if (name !== 'negotiation' || !view) return h('section', { class: 'panel' }, h('h1', { id: 'screen-heading', tabindex: '-1' }, t('app.loading')));
    const v = voteFor(view);
    if (v) return votePanel(view, v);
    switch (view.phase) {
      case 'opening':
        return h('div', { class: 'panel' }, openingPanel(ctx, view));
      case 'question':
        // Sort and order: the class agrees on one answer, and the teacher enters it.
        return h('div', { class: 'panel' }, h('p', { class: 'lead', 'data-enter-answer': '' }, tt('projector.enterAnswer')), questionPanel(ctx, view));
      case 'feedback':
        return h('div', { class: 'panel' }, feedbackPanel(ctx, view));
      case 'outcome':
        return h('div', { class: 'panel' }, outcomePanel(ctx, view));
      default:
        return h('section', { class: 'panel' }, h('h1', { id: 'screen-heading', tabindex: '-1' }, view.scenario.title));
    }
  }

  let lastScreen = '';
  function render(force = false) {
    const view = session.runView();
    const v = vote && view && vote.key === voteKey(view) ? vote : null;
    const screen = [screenName(), view?.phase, view?.meeting?.id, view?.question?.id].join('|');
    const key = [screen, view?.hintUsed, session.app.getSnapshot().context.notices.length, v ? JSON.stringify(v.actor.getSnapshot().value) : ''].join('|');
    if (!force && key === lastKey) return;
    lastKey = key;
    // On the same screen (the timer started, the count revealed), focus stays on the control in use.
    const active = document.activeElement as HTMLElement | null;
    // Once the count is revealed, the button that plays the class's choice.
    const revealed = v?.actor.getSnapshot().hasTag('revealed') ? '[data-action="play-choice"]' : null;
    const keep = screen === lastScreen && active ? (revealed ?? (active.id ? `#${active.id}` : active.dataset.action ? `[data-action="${active.dataset.action}"]` : null)) : null;
    lastScreen = screen;
    offered = new Map(session.actions().map((a) => [a.id, a.event]));
    const notices = session.app.getSnapshot().context.notices;
    root.replaceChildren(
      h(
        'div',
        { class: 'teacher projector', 'data-teacher': 'projector' },
        h('nav', { class: 'teacher-nav', 'aria-label': tt('nav.label') }, h('span', { class: 'teacher-brand' }, tt('nav.projector')), h('a', { href: `${gameUrl()}?teacher=setup`, 'data-nav': 'setup' }, tt('projector.leave'))),
        notices.length ? h('div', { class: 'notice', role: 'status' }, h('p', {}, notices[0]!), actionButton(ctx, 'dismiss', t('notice.dismiss'), { 'data-action': 'dismiss' })) : null,
        h('main', { class: 'projector-main' }, body()),
      ),
    );
    ((keep ? root.querySelector<HTMLElement>(keep) : null) ?? root.querySelector<HTMLElement>('#screen-heading'))?.focus({ preventScroll: false });
  }

  // A letter key takes the teacher to that letter's count, from anywhere but another text field:
  // a count holds digits only, so "a 7 b 12 Enter" types the whole count.
  const onKey = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    const target = event.target as HTMLElement | null;
    const inCount = !!target?.dataset.count;
    if (target && !inCount && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA')) return;
    if (!/^[a-z]$/i.test(event.key)) return;
    const input = root.querySelector<HTMLInputElement>(`[data-count="${event.key.toUpperCase()}"]`);
    if (input) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  };
  document.addEventListener('keydown', onKey);
  const unsubscribe = session.subscribe(() => render());
  render(true);
  return () => {
    clearInterval(tick);
    unsubscribe();
    document.removeEventListener('keydown', onKey);
    vote?.actor.stop();
    session.dispose();
    document.body.classList.remove('teacher-page', 'projector-page');
  };
}
