// The page's side of the check worker (./checkWorker.ts): `check(name, text)` resolves with that
// text's problems. Where a worker cannot start, the checks run in the page instead (slower to
// answer while they run, same results).
import type { DraftProblem } from '../../../src/content/draft';
import type { Content } from '../../../src/content/loader';
import type { Scenario } from '../../../src/content/schema';

export interface CheckRequest {
  type: 'check';
  seq: number;
  name: string;
  text: string;
}
export interface CheckResponse {
  type: 'checked';
  seq: number;
  problems: DraftProblem[];
  scenario?: Scenario;
}
export type CheckResult = Pick<CheckResponse, 'problems' | 'scenario'>;

export interface Checker {
  check(name: string, text: string): Promise<CheckResult>;
  stop(): void;
}

function inPage(content: Content): Checker {
  const ready = import('../../../src/content/draft');
  return {
    check: async (name, text) => {
      const { checkDraft } = await ready;
      const { problems, scenario } = checkDraft(content, name, text);
      return { problems, scenario };
    },
    stop: () => undefined,
  };
}

export function createChecker(content: Content): Checker {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./checkWorker.ts', import.meta.url), { type: 'module' });
    worker.postMessage({ type: 'content', content });
  } catch {
    return inPage(content);
  }
  let seq = 0;
  const waiting = new Map<number, (result: CheckResult) => void>();
  let fallback: Checker | undefined;
  worker.onmessage = (event: MessageEvent<CheckResponse>) => {
    const done = waiting.get(event.data.seq);
    waiting.delete(event.data.seq);
    done?.({ problems: event.data.problems, scenario: event.data.scenario });
  };
  // A worker that fails to load hands its pending checks, and all later ones, to the page.
  worker.onerror = (event) => {
    event.preventDefault();
    fallback ??= inPage(content);
    worker.terminate();
  };
  return {
    check(name, text) {
      if (fallback) return fallback.check(name, text);
      const id = ++seq;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        worker.postMessage({ type: 'check', seq: id, name, text } satisfies CheckRequest);
        // If the worker dies meanwhile, the page answers.
        const retry = () => fallback && waiting.delete(id) && void fallback.check(name, text).then(resolve);
        worker.addEventListener('error', retry, { once: true });
      });
    },
    stop: () => worker.terminate(),
  };
}
