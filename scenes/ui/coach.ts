// Coaching for the practice scenario: a short tip for the phase on screen and a way out.
import type { Scenario } from '../../src/content/schema';
import { t, type StringKey } from '../../src/i18n';
import type { SessionEvent } from '../../src/session';
import { button, h } from './dom';

export function coachTip(scenario: Scenario | undefined, phase: string, send: (e: SessionEvent) => void): HTMLElement | null {
  if (!scenario?.tutorial) return null;
  return h(
    'aside',
    { class: 'coach', 'aria-label': t('coach.heading') },
    h('p', {}, h('strong', {}, `${t('coach.heading')}: `), t(`coach.${phase}` as StringKey)),
    button(t('coach.skip'), () => send({ type: 'nav.title' }), { class: 'quiet', 'data-action': 'skip-tutorial' }),
  );
}
