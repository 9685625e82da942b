// The sound layer in Node: which sounds a change of view plays (handmade views and real runs, with
// no sound on a re-notification), the generated files (one per cue, within the size budget, loops
// that repeat exactly) and the sound board over a fake Howler (nothing before the first gesture,
// volumes and mute, and silence rather than errors when Howler, the device or a file is missing).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as howler from 'howler';
import type { HowlOptions } from 'howler';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildManifest, EFFECT_KEYS, LOOP_MARGIN, MUSIC_KEYS, renderEffect, renderLoop, SAMPLE_RATE } from '../../assets/audio/generate';
import manifest from '../../assets/audio/manifest.json';
import { captionsFor, cueView, EFFECTS, MOODS, soundsFor, statusCaptions, type CueView, type Effect } from '../../scenes/audio/cues';
import en from '../../src/i18n/en.json';
import { howlerFrom, type HowlerLike, type HowlLike } from '../../scenes/audio/howlerLib';
import { createSoundBoard, type SoundKey } from '../../scenes/audio/soundBoard';
import { ROOT } from '../../src/cli/contentFiles';
import { choicesAt } from '../../src/engine/explore';
import { memoryStore } from '../../src/persistence/storage';
import { createSession, type Session } from '../../src/session';
import { realContent } from './helpers';

const AUDIO = join(ROOT, 'assets/audio');

const view = (patch: Partial<CueView>): CueView => ({
  screen: 'negotiation',
  phase: 'question',
  meetingId: 'm1',
  meetingNumber: 1,
  questionId: 'q1',
  answerFraction: null,
  moveBalance: null,
  ...patch,
});

describe('soundsFor', () => {
  it('plays the mood of each screen and starts it silently on the first view', () => {
    expect(soundsFor(null, view({ screen: 'title', phase: null }))).toEqual({ music: 'calm', musicChanged: false, effects: [] });
    for (const screen of ['title', 'select', 'settings', 'briefing']) expect(soundsFor(null, view({ screen })).music).toBe('calm');
    expect(soundsFor(null, view({ screen: 'negotiation' })).music).toBe('tense');
    expect(soundsFor(null, view({ screen: 'debrief', phase: 'ending' })).music).toBe('resolve');
    expect(soundsFor(null, view({ screen: 'boot' })).music).toBeNull();
    expect(soundsFor(null, view({ screen: 'failed' })).music).toBeNull();
  });

  it('marks a change of mood, not a change of screen within one mood or a start from silence', () => {
    expect(soundsFor(view({ screen: 'briefing' }), view({ screen: 'negotiation', phase: 'opening' })).musicChanged).toBe(true);
    expect(soundsFor(view({ screen: 'title' }), view({ screen: 'select' })).musicChanged).toBe(false);
    expect(soundsFor(view({ screen: 'boot' }), view({ screen: 'title' }))).toEqual({ music: 'calm', musicChanged: false, effects: [] });
  });

  it('chimes right or wrong when a run enters feedback, once per question', () => {
    const asking = view({ phase: 'question' });
    const right = view({ phase: 'feedback', answerFraction: 1 });
    expect(soundsFor(asking, right).effects).toEqual(['correct']);
    expect(soundsFor(asking, view({ phase: 'feedback', answerFraction: 0.5 })).effects).toEqual(['wrong']);
    expect(soundsFor(asking, view({ phase: 'feedback', answerFraction: 0 })).effects).toEqual(['wrong']);
    // Re-notified with the same feedback showing: silence.
    expect(soundsFor(right, right).effects).toEqual([]);
    // Straight to the next question's feedback (no question phase seen in between): a new cue.
    expect(soundsFor(right, view({ phase: 'feedback', questionId: 'q2', answerFraction: 0 })).effects).toEqual(['wrong']);
  });

  it("sounds trust up or down when a move's outcome shows, by the sign of its changes", () => {
    const moves = view({ phase: 'moves' });
    expect(soundsFor(moves, view({ phase: 'outcome', moveBalance: 3 })).effects).toEqual(['trust-up']);
    expect(soundsFor(moves, view({ phase: 'outcome', moveBalance: -1 })).effects).toEqual(['trust-down']);
    expect(soundsFor(moves, view({ phase: 'outcome', moveBalance: 0 })).effects).toEqual([]);
    const out = view({ phase: 'outcome', moveBalance: 2 });
    expect(soundsFor(out, out).effects).toEqual([]);
  });

  it('plays the ending on reaching the debrief, and nothing for a save resumed into feedback', () => {
    const cues = soundsFor(view({ phase: 'moves' }), view({ screen: 'debrief', phase: 'ending' }));
    expect(cues).toEqual({ music: 'resolve', musicChanged: true, effects: ['ending'] });
    expect(soundsFor(view({ screen: 'debrief', phase: 'ending' }), view({ screen: 'debrief', phase: 'ending' })).effects).toEqual([]);
    expect(soundsFor(view({ screen: 'title', phase: null }), view({ phase: 'feedback', answerFraction: 1 })).effects).toEqual([]);
    expect(soundsFor(null, view({ screen: 'debrief', phase: 'ending' })).effects).toEqual([]);
  });

  it('captions every meaningful sound, and not a click', () => {
    expect(captionsFor({ music: 'resolve', musicChanged: true, effects: ['ending'] })).toEqual(['caption.ending', 'caption.musicResolve']);
    expect(captionsFor({ music: 'tense', musicChanged: false, effects: ['select', 'correct'] })).toEqual(['caption.correct']);
    expect(captionsFor({ music: 'calm', musicChanged: false, effects: [] })).toEqual([]);
    for (const effect of EFFECTS.filter((e) => e !== 'select')) expect(captionsFor({ music: null, musicChanged: false, effects: [effect] })).toHaveLength(1);
    const captions = Object.entries(en).filter(([key]) => key.startsWith('caption.'));
    expect(captions.length).toBeGreaterThanOrEqual(8);
    for (const [, text] of captions) expect(text).toMatch(/^\[.+\]$/);
  });

  it('captions sound that stops or comes back without the player asking, and nothing else', () => {
    expect(statusCaptions('playing', 'suspended')).toEqual(['caption.soundPaused']);
    expect(statusCaptions('suspended', 'playing')).toEqual(['caption.soundBack']);
    // The first start, a mute, a missing device and an unchanged status are not news.
    for (const [before, after] of [['locked', 'playing'], ['playing', 'muted'], ['muted', 'playing'], ['locked', 'unavailable'], ['suspended', 'suspended'], ['suspended', 'muted'], ['muted', 'suspended']] as const) {
      expect(statusCaptions(before, after), `${before} → ${after}`).toEqual([]);
    }
  });
});

describe('sounds over real runs', () => {
  const content = realContent();
  const screenOf = (session: Session) => {
    const value = session.app.getSnapshot().value;
    return typeof value === 'string' ? value : Object.keys(value)[0]!;
  };

  for (const scenarioId of content.scenarioOrder) {
    it(`cues each answer, move and the ending once in ${scenarioId}`, () => {
      let n = 7;
      const session = createSession({ content, store: memoryStore(), newSeed: () => n++ });
      const heard: Effect[] = [];
      const moods: string[] = [];
      let prev: CueView | null = null;
      const follow = () => {
        const screen = screenOf(session);
        const next = cueView(screen, session.runView());
        const cues = soundsFor(prev, next);
        prev = next;
        heard.push(...cues.effects);
        if (cues.music && moods[moods.length - 1] !== cues.music) moods.push(cues.music);
        // The same view again (an unrelated notification) plays nothing.
        expect(soundsFor(next, cueView(screen, session.runView())).effects).toEqual([]);
      };
      follow();
      session.subscribe(follow);
      session.boot();
      session.send({ type: 'menu.play' });
      session.send({ type: 'scenario.choose', scenarioId });
      session.send({ type: 'briefing.start' });
      const scenario = content.scenarios[scenarioId]!;
      for (let step = 0; step < 300 && screenOf(session) === 'negotiation'; step++) {
        const choices = choicesAt(scenario, session.run!.getSnapshot());
        // Alternate right (first representative answer) and wrong ones.
        session.send(choices[choices.length > 1 && step % 3 === 0 ? 1 : 0]!);
      }
      expect(screenOf(session)).toBe('debrief');

      const ctx = session.run!.getSnapshot().context;
      const count = (e: Effect) => heard.filter((h) => h === e).length;
      expect(count('correct')).toBe(ctx.answers.filter((a) => a.fraction === 1).length);
      expect(count('wrong')).toBe(ctx.answers.filter((a) => a.fraction !== 1).length);
      const balance = ctx.moves.map((m) => Object.values(m.trustDelta).reduce((s, d) => s + d, 0) + m.agreementDelta);
      expect(count('trust-up')).toBe(balance.filter((b) => b > 0).length);
      expect(count('trust-down')).toBe(balance.filter((b) => b < 0).length);
      expect(count('ending')).toBe(1);
      expect(heard[heard.length - 1]).toBe('ending');
      expect(moods).toEqual(['calm', 'tense', 'resolve']);
      session.dispose();
    });
  }
});

describe('the generated audio', () => {
  const mp3s = readdirSync(AUDIO).filter((f) => f.endsWith('.mp3'));

  it('has one MP3 per cue, every one a real MP3', () => {
    expect([...MOODS, ...EFFECTS].sort()).toEqual([...MUSIC_KEYS, ...EFFECT_KEYS].sort());
    expect(mp3s.sort()).toEqual([...MOODS, ...EFFECTS].map((k) => `${k}.mp3`).sort());
    for (const file of mp3s) {
      const head = readFileSync(join(AUDIO, file)).subarray(0, 3);
      // An ID3 tag or an MPEG audio frame sync.
      const ok = head.toString('latin1') === 'ID3' || (head[0] === 0xff && (head[1]! & 0xe0) === 0xe0);
      expect(ok, file).toBe(true);
    }
  });

  it('weighs at most 1.5 MB in all', () => {
    const total = mp3s.reduce((sum, f) => sum + statSync(join(AUDIO, f)).size, 0);
    expect(total).toBeLessThanOrEqual(1.5 * 1024 * 1024);
  });

  it('matches its manifest: loops of 8–16 s, effects under 1.5 s', () => {
    expect(manifest).toEqual(buildManifest());
    for (const key of MUSIC_KEYS) {
      const { loopStartMs, loopMs } = manifest.music[key];
      expect(loopMs).toBeGreaterThanOrEqual(8000);
      expect(loopMs + 2 * loopStartMs).toBeLessThanOrEqual(16000);
    }
    for (const key of EFFECT_KEYS) expect(manifest.effects[key].ms).toBeLessThan(1500);
  });

  it('renders loops that repeat exactly across the loop point', () => {
    const { samples, loopStart, loopLength } = renderLoop('tense');
    expect(loopStart).toBe(Math.round(LOOP_MARGIN * SAMPLE_RATE));
    expect(samples.length).toBe(loopLength + 2 * loopStart);
    for (let i = 0; i < samples.length - loopLength; i += 97) expect(samples[i + loopLength]).toBe(samples[i]);
    const peak = samples.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(peak).toBeGreaterThan(0.3);
    expect(peak).toBeLessThanOrEqual(0.5 + 1e-6);
  });

  it('renders effects that start and end softly (no clicks)', () => {
    for (const key of EFFECT_KEYS) {
      const s = renderEffect(key);
      expect(Math.abs(s[0]!), key).toBeLessThan(0.05);
      expect(Math.abs(s[s.length - 1]!), key).toBeLessThan(0.01);
    }
  });
});

// --- The sound board over a fake Howler --------------------------------------------------------

const URLS = Object.fromEntries([...MOODS, ...EFFECTS].map((k) => [k, `/audio/${k}.mp3`])) as Record<SoundKey, string>;

class FakeHowl implements HowlLike {
  static all: FakeHowl[] = [];
  static failing = new Set<string>();
  loaded = false;
  plays: Array<string | number | undefined> = [];
  volumes: Array<[number, number | undefined]> = [];
  fades: Array<[number, number, number, number | undefined]> = [];
  stopped: Array<number | undefined> = [];
  unloaded = false;
  private next = 1;
  constructor(readonly options: HowlOptions) {
    FakeHowl.all.push(this);
  }
  get src() {
    return (this.options.src as string[])[0]!;
  }
  /** Finishes loading: decodes, or fails like a broken file. */
  finish() {
    if (FakeHowl.failing.has(this.src)) this.options.onloaderror?.(0, 'Decoding audio data failed.');
    else this.loaded = true;
  }
  play(spriteOrId?: string | number) {
    const id = this.next++;
    this.plays.push(spriteOrId);
    // Howler reports a start on a later tick.
    setTimeout(() => this.options.onplay?.(id), 0);
    return id;
  }
  stop(id?: number) {
    this.stopped.push(id);
  }
  volume(volume: number, id?: number) {
    this.volumes.push([volume, id]);
  }
  fade(from: number, to: number, duration: number, id?: number) {
    this.fades.push([from, to, duration, id]);
  }
  state() {
    return this.loaded ? ('loaded' as const) : ('loading' as const);
  }
  once() {}
  unload() {
    this.unloaded = true;
  }
}

/** An AudioContext's states and statechange events; `resume` settles on a later tick, as browsers do. */
class FakeContext extends EventTarget {
  state: AudioContextState | 'interrupted' = 'running';
  resumes = 0;
  refuse = false;
  /** Changes state from outside the game (the OS, the browser), as a real context would. */
  set(state: FakeContext['state']) {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
  suspend() {
    this.set('suspended');
    return Promise.resolve();
  }
  resume() {
    this.resumes++;
    if (this.refuse) return Promise.reject(new Error('NotAllowedError'));
    return Promise.resolve().then(() => this.set('running'));
  }
}

function fakeHowler(patch: Partial<HowlerLike['Howler']> = {}) {
  const ctx = new FakeContext() as unknown as AudioContext;
  const lib: HowlerLike = { Howl: FakeHowl, Howler: { noAudio: false, usingWebAudio: true, autoSuspend: true, ctx, mute: vi.fn(), ...patch } };
  return lib;
}
const contextOf = (lib: HowlerLike) => lib.Howler.ctx as unknown as FakeContext;

const howlFor = (key: SoundKey) => FakeHowl.all.find((h) => h.src === URLS[key])!;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the sound board', () => {
  let errors: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    FakeHowl.all = [];
    FakeHowl.failing = new Set();
    errors = vi.spyOn(console, 'error');
  });
  afterEach(() => {
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it('makes no sound before the first gesture; at idle it makes the context and then the sounds, one per idle step, so the gesture only resumes', async () => {
    const lib = fakeHowler();
    contextOf(lib).state = 'suspended';
    const steps: Array<() => void> = [];
    const board = createSoundBoard({ urls: URLS, load: async () => lib, log: () => {}, idle: (fn) => steps.push(fn) });
    board.setMusic('calm');
    board.prepare();
    await settle();
    board.play('correct');
    expect(FakeHowl.all).toEqual([]);
    expect(lib.Howler.mute).not.toHaveBeenCalled();
    // First idle step: the context only (Howler makes it on mute()), kept from suspending itself.
    steps.shift()!();
    expect(lib.Howler.mute).toHaveBeenCalledTimes(1);
    expect(lib.Howler.autoSuspend).toBe(false);
    expect(FakeHowl.all).toEqual([]);
    // Then one sound per step, the current screen's loop first.
    steps.shift()!();
    expect(FakeHowl.all.map((h) => h.src)).toEqual([URLS.calm]);
    steps.shift()!();
    expect(FakeHowl.all).toHaveLength(2);
    expect(FakeHowl.all.flatMap((h) => h.plays)).toEqual([]);
    expect(board.state()).toEqual({ status: 'locked', music: null, failed: [] });

    // The gesture (mountSound passes it to unlock, then resume) makes what is left, resumes the context and starts the loop.
    board.unlock();
    board.resume();
    expect(FakeHowl.all).toHaveLength(9);
    expect(new Set(FakeHowl.all.map((h) => h.src)).size).toBe(9);
    expect(contextOf(lib).resumes).toBe(1);
    expect(howlFor('calm').plays).toEqual(['loop']);
    await settle();
    await settle();
    expect(board.state()).toEqual({ status: 'playing', music: 'calm', failed: [] });
    // Nothing is left for the idle steps.
    while (steps.length) steps.shift()!();
    expect(FakeHowl.all).toHaveLength(9);
  });

  it('is locked, not suspended, while a context made at idle runs before any gesture', async () => {
    const lib = fakeHowler();
    const steps: Array<() => void> = [];
    const board = createSoundBoard({ urls: URLS, load: async () => lib, log: () => {}, idle: (fn) => steps.push(fn) });
    board.prepare();
    await settle();
    steps.shift()!();
    contextOf(lib).set('suspended');
    contextOf(lib).set('running');
    expect(board.state().status).toBe('locked');
  });

  it('starts the loop for the screen on the gesture, fades it in to the music volume and plays effects at theirs', async () => {
    const lib = fakeHowler();
    const board = createSoundBoard({ urls: URLS, load: async () => ({ default: lib }), log: () => {} });
    const seen: string[] = [];
    board.subscribe((s) => seen.push(`${s.status}:${s.music}`));
    board.setMix({ musicVolume: 0.4, effectsVolume: 0.7, muted: false });
    board.prepare();
    await settle();
    board.setMusic('calm');
    board.unlock();
    expect(FakeHowl.all).toHaveLength(9);
    const calm = howlFor('calm');
    expect(calm.options.sprite).toEqual({ loop: [manifest.music.calm.loopStartMs, manifest.music.calm.loopMs, true] });
    expect(calm.plays).toEqual(['loop']);
    expect(calm.fades).toEqual([[0, 0.4, 1200, 1]]);
    expect(board.state().music).toBeNull();
    await settle();
    expect(board.state()).toEqual({ status: 'playing', music: 'calm', failed: [] });
    expect(seen).toContain('playing:calm');

    // An effect still loading is skipped, not played late.
    board.play('correct');
    expect(howlFor('correct').plays).toEqual([]);
    howlFor('correct').finish();
    board.play('correct');
    expect(howlFor('correct').plays).toEqual([undefined]);
    expect(howlFor('correct').volumes).toEqual([[0.7, 1]]);

    board.setMix({ musicVolume: 0.2, effectsVolume: 0.7, muted: false });
    expect(calm.volumes[calm.volumes.length - 1]).toEqual([0.2, 1]);
  });

  it('switches loops with a fade, stopping the old one after it', async () => {
    vi.useFakeTimers();
    try {
      const board = createSoundBoard({ urls: URLS, load: async () => fakeHowler(), log: () => {} });
      board.prepare();
      await vi.runAllTimersAsync();
      board.setMusic('calm');
      board.unlock();
      board.setMusic('calm');
      expect(howlFor('calm').plays).toHaveLength(1);
      board.setMusic('tense');
      expect(howlFor('calm').fades[1]).toEqual([0.5, 0, 700, 1]);
      expect(howlFor('tense').plays).toEqual(['loop']);
      await vi.advanceTimersByTimeAsync(800);
      expect(board.state().music).toBe('tense');
      expect(howlFor('calm').stopped).toEqual([1]);
      board.setMusic(null);
      expect(board.state().music).toBeNull();
      board.dispose();
      expect(FakeHowl.all.every((h) => h.unloaded)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('mutes through Howler and plays no effect while muted', async () => {
    const lib = fakeHowler();
    const board = createSoundBoard({ urls: URLS, load: async () => lib, log: () => {} });
    board.setMix({ musicVolume: 0.5, effectsVolume: 0.8, muted: true });
    expect(board.state().status).toBe('muted');
    board.prepare();
    await settle();
    board.unlock();
    expect(lib.Howler.mute).toHaveBeenLastCalledWith(true);
    howlFor('wrong').finish();
    board.play('wrong');
    expect(howlFor('wrong').plays).toEqual([]);
    board.setMix({ musicVolume: 0.5, effectsVolume: 0.8, muted: false });
    expect(lib.Howler.mute).toHaveBeenLastCalledWith(false);
    expect(board.state().status).toBe('playing');
    board.play('wrong');
    expect(howlFor('wrong').plays).toHaveLength(1);
  });

  it('stays locked while the browser keeps the audio context suspended', async () => {
    const lib = fakeHowler();
    contextOf(lib).state = 'suspended';
    const board = createSoundBoard({ urls: URLS, load: async () => lib, log: () => {} });
    board.prepare();
    await settle();
    board.unlock();
    expect(board.state().status).toBe('locked');
    howlFor('select').finish();
    board.play('select');
    expect(howlFor('select').plays).toEqual([]);
  });

  it('says so when the context is suspended behind its back, and resumes it when asked', async () => {
    const lib = fakeHowler();
    const ctx = contextOf(lib);
    const board = createSoundBoard({ urls: URLS, load: async () => lib, log: () => {} });
    const seen: string[] = [];
    board.subscribe((s) => seen.push(s.status));
    board.setMusic('calm');
    board.prepare();
    await settle();
    board.unlock();
    await settle();
    expect(board.state().status).toBe('playing');
    // Howler's own idle suspension would look the same as an outside one: the board turns it off.
    expect(lib.Howler.autoSuspend).toBe(false);
    board.resume();
    expect(ctx.resumes).toBe(0);

    ctx.set('suspended');
    expect(board.state().status).toBe('suspended');
    expect(seen[seen.length - 1]).toBe('suspended');
    howlFor('correct').finish();
    board.play('correct');
    expect(howlFor('correct').plays).toEqual([]);

    // The next gesture: the context restarts, and the effect of that same click is not lost.
    board.resume();
    board.resume();
    expect(ctx.resumes).toBe(1);
    board.play('correct');
    expect(howlFor('correct').plays).toHaveLength(1);
    await settle();
    expect(board.state()).toEqual({ status: 'playing', music: 'calm', failed: [] });
    expect(seen[seen.length - 1]).toBe('playing');
  });

  it('resumes by itself when an interruption (Safari) ends suspended, and stays honest when resuming is refused', async () => {
    const lib = fakeHowler();
    const ctx = contextOf(lib);
    const log = vi.fn();
    const board = createSoundBoard({ urls: URLS, load: async () => lib, log });
    board.prepare();
    await settle();
    board.unlock();
    ctx.set('interrupted');
    expect(board.state().status).toBe('suspended');
    ctx.set('suspended');
    expect(ctx.resumes).toBe(1);
    await settle();
    expect(board.state().status).toBe('playing');

    ctx.refuse = true;
    ctx.set('suspended');
    board.resume();
    await settle();
    expect(board.state().status).toBe('suspended');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('could not resume'));
    board.play('select');
    expect(howlFor('select').plays).toEqual([]);

    board.dispose();
    ctx.refuse = false;
    ctx.set('suspended');
    board.resume();
    expect(ctx.resumes).toBe(2);
  });

  it('lets a later gesture start a context the first one could not', async () => {
    const lib = fakeHowler();
    const ctx = contextOf(lib);
    ctx.state = 'suspended';
    const board = createSoundBoard({ urls: URLS, load: async () => lib, log: () => {} });
    board.resume();
    board.prepare();
    await settle();
    board.resume();
    expect(ctx.resumes).toBe(0);
    board.unlock();
    // Never heard yet: still waiting for the browser's permission, not paused.
    expect(board.state().status).toBe('locked');
    board.resume();
    await settle();
    expect(board.state().status).toBe('playing');
  });

  it('goes on without a file that fails to load or decode', async () => {
    FakeHowl.failing.add(URLS.calm);
    const log = vi.fn();
    const board = createSoundBoard({ urls: URLS, load: async () => fakeHowler(), log });
    board.setMusic('calm');
    board.prepare();
    await settle();
    board.unlock();
    for (const h of FakeHowl.all) h.finish();
    expect(board.state()).toEqual({ status: 'playing', music: null, failed: ['calm'] });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('calm could not be loaded'));
    board.play('ending');
    expect(howlFor('ending').plays).toHaveLength(1);
    board.setMusic('tense');
    await settle();
    expect(board.state().music).toBe('tense');
  });

  it('is silent, not broken, when Howler is missing or there is no audio device', async () => {
    const missing = [
      () => Promise.reject(new Error('chunk failed to load')),
      async () => ({}),
      async () => fakeHowler({ noAudio: true }),
    ];
    for (const load of missing) {
      const log = vi.fn();
      const board = createSoundBoard({ urls: URLS, load, log });
      board.setMusic('calm');
      board.prepare();
      board.unlock();
      await settle();
      expect(board.state().status).toBe('unavailable');
      expect(() => board.play('correct')).not.toThrow();
      expect(log).toHaveBeenCalled();
      board.dispose();
    }
  });

  it('finds Howler however the package is handed over, and the real one fits', async () => {
    const real: HowlerLike = howler;
    expect(howlerFrom(howler)).toBe(howler);
    expect(howlerFrom({ default: real })).toBe(real);
    expect(howlerFrom({ nothing: true })).toBeNull();
    // The real package in Node has no audio output: the board says so and stays quiet.
    const log = vi.fn();
    const board = createSoundBoard({ urls: URLS, log });
    board.setMusic('calm');
    board.prepare();
    board.unlock();
    await vi.waitFor(() => expect(board.state().status).toBe('unavailable'));
    board.dispose();
  });
});
