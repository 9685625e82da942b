// Settings: text size, contrast, motion and the testing pseudo-locale, applied at once.
import { t } from '../../../src/i18n';
import { actionButton } from '../act';
import { h } from '../dom';
import type { Screen } from './types';

export const settingsScreen: Screen = (ctx) => {
  const { prefs } = ctx;
  const p = prefs.get();
  const check = (label: string, checked: boolean, onChange: (v: boolean) => void, name: string) =>
    h(
      'label',
      { class: 'check' },
      h('input', { type: 'checkbox', name, checked, onchange: (e: Event) => onChange((e.target as HTMLInputElement).checked) }),
      ' ',
      label,
    );
  const range = (id: string, value: number, onChange: (v: number) => void) =>
    h('input', { type: 'range', id, min: 0, max: 100, step: 5, value: Math.round(value * 100), onchange: (e: Event) => onChange(Number((e.target as HTMLInputElement).value) / 100) });
  const size = h(
    'select',
    { id: 'text-size', name: 'textScale', onchange: (e: Event) => prefs.set({ textScale: Number((e.target as HTMLSelectElement).value) as 1 | 1.5 | 2 }) },
    ...[1, 1.5, 2].map((v) => h('option', { value: v, selected: p.textScale === v }, `${v * 100}%`)),
  );
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'screen-heading' },
    h('h1', { id: 'screen-heading', tabindex: '-1' }, t('settings.heading')),
    h('p', { class: 'field' }, h('label', { for: 'text-size' }, t('settings.textSize')), ' ', size),
    h('p', { class: 'field' }, check(t('settings.contrast'), p.highContrast, (v) => prefs.set({ highContrast: v }), 'highContrast')),
    h('p', { class: 'field' }, check(t('settings.motion'), p.reducedMotion === true, (v) => prefs.set({ reducedMotion: v }), 'reducedMotion')),
    h('p', { class: 'field' }, h('label', { for: 'music-volume' }, t('settings.music')), ' ', range('music-volume', p.musicVolume, (v) => prefs.set({ musicVolume: v }))),
    h('p', { class: 'field' }, h('label', { for: 'effects-volume' }, t('settings.effects')), ' ', range('effects-volume', p.effectsVolume, (v) => prefs.set({ effectsVolume: v }))),
    h('p', { class: 'field' }, check(t('settings.mute'), p.muted, (v) => prefs.set({ muted: v }), 'muted')),
    h('p', { class: 'field' }, check(t('settings.captions'), p.captions, (v) => prefs.set({ captions: v }), 'captions')),
    h('p', { class: 'field' }, check(t('settings.timer'), p.showTimer, (v) => prefs.set({ showTimer: v }), 'showTimer')),
    h('p', { class: 'field' }, check(t('settings.locale'), p.locale === 'pseudo', (v) => prefs.set({ locale: v ? 'pseudo' : 'en' }), 'locale')),
    h('nav', { class: 'menu row' }, actionButton(ctx, 'back', t('nav.back'), { class: 'primary', 'data-action': 'back' })),
  );
};
