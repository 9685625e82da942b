// The class link's predictions setting (issue 14 item 2: the prediction step can be skipped only
// where a class link turns it off): on by default, "off" survives the link, a run in that class has
// no prediction step, and class links written before the setting (format 1) still read, with
// predictions on.
import { describe, expect, it } from 'vitest';
import { CLASS_FORMAT, classLink, decodeClassParam, defaultClassSettings, encodeClassParam, readClassLink, runSettingsFor, type ClassSettings } from '../../src/classroom/classLink';
import { makeResults, parseResults, resultsCode } from '../../src/classroom/results';
import { toBase64url, utf8Encode } from '../../src/encoding/base64url';
import { memoryStore } from '../../src/persistence/storage';
import { createSession } from '../../src/session';
import { migratedContent, realContent } from './helpers';

const content = realContent();
const ids = content.scenarioOrder.slice(0, 2);
const base: ClassSettings = { scenarios: ids, timer: 'x1', hints: false, seed: 42, label: 'Class 9B' };

describe('class links: predictions on or off', () => {
  it('predictions are on by default, in the link and in the run settings', () => {
    const settings = defaultClassSettings(content);
    expect(settings.predictions).not.toBe(false);
    const read = decodeClassParam(content, encodeClassParam(settings));
    expect(read.problems).toEqual([]);
    expect(read.settings.predictions).not.toBe(false);
    expect(runSettingsFor(read.settings, content.scenarios[ids[0]!]!).settings.predictions).not.toBe(false);
  });

  it('a link with predictions off reads back off, and starts runs with predictions off', () => {
    const off = { ...base, predictions: false };
    const param = encodeClassParam(off);
    expect(param.split('.')[0]).toBe(CLASS_FORMAT);
    expect(encodeClassParam(base)).not.toBe(param);
    const read = readClassLink(content, classLink('https://school.example/envoy/', off))!;
    expect(read.problems).toEqual([]);
    expect(read.settings).toEqual(off);
    expect(runSettingsFor(read.settings, content.scenarios[ids[0]!]!).settings.predictions).toBe(false);
  });

  it('a class link from before the setting (format 1) still reads in full, with predictions on', () => {
    const v1 = ['1', ids.join('_'), '10', 'n', '42', toBase64url(utf8Encode('Class 9B'))].join('.');
    const read = decodeClassParam(content, v1);
    expect(read.problems).toEqual([]);
    expect(read.settings).toEqual(base);
    expect(runSettingsFor(read.settings, content.scenarios[ids[0]!]!).settings.predictions).not.toBe(false);
  });

  it('an unreadable predictions field is named and falls back to on; the rest is kept', () => {
    const parts = encodeClassParam({ ...base, predictions: false }).split('.');
    parts[4] = 'maybe';
    const read = decodeClassParam(content, parts.join('.'));
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toMatch(/predictions/);
    expect(read.settings).toEqual(base);
  });

  it('a results file keeps the setting, and one written before it still reads', () => {
    for (const settings of [{ ...base, predictions: false }, base]) {
      const made = makeResults({ name: 'Ana', settings, runs: [] });
      if (!made.ok) throw new Error('results not made');
      const parsed = parseResults(resultsCode(made.file));
      expect(parsed.ok && parsed.results.settings).toEqual(settings);
    }
  });

  it('a session in a class with predictions off plays moves with reactions without a prediction step', () => {
    const migrated = migratedContent();
    const id = migrated.scenarioOrder[0]!;
    for (const predictions of [false, undefined]) {
      const classSettings: ClassSettings = { ...base, scenarios: [id], seed: 5, ...(predictions === false ? { predictions } : {}) };
      const session = createSession({ content: migrated, store: memoryStore(), newSeed: () => 1, classSettings, onUnhandled: (p) => { throw new Error(p); } });
      session.boot();
      session.send({ type: 'menu.play' });
      session.send({ type: 'scenario.choose', scenarioId: id });
      session.send({ type: 'briefing.start' });
      const phases = new Set<string>();
      for (let i = 0; i < 400 && session.app.getSnapshot().matches('negotiation'); i++) {
        phases.add(session.runView()!.phase);
        const actions = session.actions().filter((a) => !['leave', 'pause', 'hint'].includes(a.id));
        session.send(actions[0]!.event);
      }
      expect(session.app.getSnapshot().matches('debrief')).toBe(true);
      expect(session.run!.record.settings.predictions).toBe(predictions);
      expect(phases.has('predicting'), String(predictions)).toBe(predictions !== false);
      session.dispose();
    }
  });
});
