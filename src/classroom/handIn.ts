// What a student hands in from this device: the finished runs of the class's scenarios (every
// scenario outside a class) from the run history, under the name they type.
import type { KeyValueStore } from '../persistence/storage';
import { readHistory } from '../replay/history';
import type { ClassSettings } from './classLink';
import { makeResults, resultsRunsFromHistory, type MadeResults } from './results';

export function handInResults(store: KeyValueStore, settings: ClassSettings | null, name: string): MadeResults {
  return makeResults({ name, settings, runs: resultsRunsFromHistory(readHistory(store).entries, settings) });
}
