// What a student hands in from this device: the finished runs of the class's scenarios (every
// scenario outside a class) from the run history, under the name they type.
import type { KeyValueStore } from '../persistence/storage';
import { readHistory } from '../replay/history';
import type { ClassSettings } from './classLink';
import { makeResults, resultsRunsFromHistory, type MadeResults } from './results';

/** `partner`: playing in pairs, the second player's name (the runs count for both). */
export function handInResults(store: KeyValueStore, settings: ClassSettings | null, name: string, partner: string | null = null): MadeResults {
  return makeResults({ name, partner, settings, runs: resultsRunsFromHistory(readHistory(store).entries, settings) });
}
