// What a student hands in from this device: the finished runs of the class's scenarios (every
// scenario outside a class; a teacher's scenario file played in a class counts as the class's) from
// the run history, under the name they type.
import type { KeyValueStore } from '../persistence/storage';
import { readHistory } from '../replay/history';
import type { ClassSettings } from './classLink';
import { makeResults, resultsRunsFromHistory, type MadeResults } from './results';

/**
 * `partner`: playing in pairs, the second player's name (the runs count for both). `offered`: the
 * scenarios the game offered in the class, a teacher's files included, beside the class's list.
 */
export function handInResults(store: KeyValueStore, settings: ClassSettings | null, name: string, partner: string | null = null, offered: readonly string[] = [], practiceId: string | null = null): MadeResults {
  return makeResults({ name, partner, settings, runs: resultsRunsFromHistory(readHistory(store).entries, settings, offered, practiceId) });
}
