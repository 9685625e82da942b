// Player preferences (text size, contrast, motion, volumes): validated on load, defaults on
// anything unreadable, so a damaged entry never blocks the game.
import * as z from 'zod';
import type { KeyValueStore } from './storage';

export const PREFS_KEY = 'envoy.prefs';

export const PreferencesSchema = z.object({
  textScale: z.union([z.literal(1), z.literal(1.5), z.literal(2)]).catch(1),
  highContrast: z.boolean().catch(false),
  reducedMotion: z.boolean().nullable().catch(null),
  musicVolume: z.number().min(0).max(1).catch(0.5),
  effectsVolume: z.number().min(0).max(1).catch(0.8),
  muted: z.boolean().catch(false),
  captions: z.boolean().catch(true),
  showTimer: z.boolean().catch(true),
  locale: z.enum(['en', 'pseudo']).catch('en'),
  tutorialSeen: z.boolean().catch(false),
  /** The name a student hands results in under: kept on this device only, never sent anywhere. */
  studentName: z.string().max(200).catch(''),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

export const DEFAULT_PREFERENCES: Preferences = PreferencesSchema.parse({});

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
