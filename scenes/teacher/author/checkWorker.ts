// The workbench's checks in a worker: a draft is checked (src/content/draft.ts, the game's checks
// for a teacher's file, the design rules' simulated runs included) off the page's thread, so
// typing and scrolling stay smooth while a large scenario is checked.
// Messages in: { type: 'content', content } once, then { type: 'check', seq, name, text }.
// Out: { type: 'checked', seq, problems, scenario? } for each check, in order.
import './jitless';
import { checkDraft } from '../../../src/content/draft';
import type { Content } from '../../../src/content/loader';
import type { CheckRequest, CheckResponse } from './checker';

let content: Content | undefined;

self.onmessage = (event: MessageEvent<{ type: 'content'; content: Content } | CheckRequest>) => {
  const message = event.data;
  if (message.type === 'content') {
    content = message.content;
    return;
  }
  let response: CheckResponse;
  try {
    const result = checkDraft(content!, message.name, message.text);
    response = { type: 'checked', seq: message.seq, problems: result.problems, scenario: result.scenario };
  } catch (e) {
    response = { type: 'checked', seq: message.seq, problems: [{ severity: 'error', line: 1, column: 1, field: '(file)', message: `(file): the checks stopped: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  self.postMessage(response);
};
