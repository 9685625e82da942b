// Coaching for the practice scenario: a short tip for the phase on screen and a way out.
import type { Scenario } from '../../src/content/schema';
import { t, type StringKey } from '../../src/i18n';
import { actionButton } from './act';
import { h } from './dom';
import type { ScreenContext } from './screens/types';

export function coachTip(scenario: Scenario | undefined, phase: string, ctx: Pick<ScreenContext, 'action' | 'send'>): HTMLElement | null {
  if (!scenario?.tutorial) return null;
  return h(
    'aside',
    { class: 'coach', 'aria-label': t('coach.heading') },
    h('p', {}, h('strong', {}, `${t('coach.heading')}: `), t(`coach.${phase}` as StringKey)),
    // Nothing is left to skip once the practice has ended: its debrief has its own ways on (playtest).
    phase === 'ending' ? null : actionButton(ctx, 'skip-tutorial', t('coach.skip'), { class: 'quiet', 'data-action': 'skip-tutorial' }),
  );
}
