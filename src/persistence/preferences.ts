// Player preferences (text size, contrast, motion, volumes): validated on load, defaults on
// anything unreadable, so a damaged entry never blocks the game.
import * as z from 'zod';
import type { KeyValueStore } from './storage';

export const PREFS_KEY = 'envoy.prefs';

// The defaults, each the fallback of its field below. Written out rather than parsed from `{}`:
// the page reads them before its first screen, and building and failing a schema costs time there.
const DEFAULTS = {
  textScale: 1,
  highContrast: false,
  reducedMotion: null,
  musicVolume: 0.5,
  effectsVolume: 0.8,
  muted: false,
  captions: true,
  showTimer: true,
  locale: 'en',
  tutorialSeen: false,
  studentName: '',
} as const;

// Built on first use (z.lazy): only a returning player has preferences to read.
export const PreferencesSchema = z.lazy(() =>
  z.object({
    textScale: z.union([z.literal(1), z.literal(1.5), z.literal(2)]).catch(DEFAULTS.textScale),
    highContrast: z.boolean().catch(DEFAULTS.highContrast),
    reducedMotion: z.boolean().nullable().catch(DEFAULTS.reducedMotion),
    musicVolume: z.number().min(0).max(1).catch(DEFAULTS.musicVolume),
    effectsVolume: z.number().min(0).max(1).catch(DEFAULTS.effectsVolume),
    muted: z.boolean().catch(DEFAULTS.muted),
    captions: z.boolean().catch(DEFAULTS.captions),
    showTimer: z.boolean().catch(DEFAULTS.showTimer),
    locale: z.enum(['en', 'pseudo']).catch(DEFAULTS.locale),
    tutorialSeen: z.boolean().catch(DEFAULTS.tutorialSeen),
    /** The name a student hands results in under: kept on this device only, never sent anywhere. */
    studentName: z.string().max(200).catch(DEFAULTS.studentName),
  }),
);
export type Preferences = z.infer<typeof PreferencesSchema>;

export const DEFAULT_PREFERENCES: Preferences = DEFAULTS;

export function readPreferences(store: KeyValueStore): Preferences {
  const raw = store.get(PREFS_KEY);
  if (!raw) return DEFAULT_PREFERENCES;
  try {
    return PreferencesSchema.parse(JSON.parse(raw));
  } catch {
    return DEFAULT_PREFERENCES;
  }
}

export function writePreferences(store: KeyValueStore, prefs: Preferences): void {
  store.set(PREFS_KEY, JSON.stringify(prefs));
}
