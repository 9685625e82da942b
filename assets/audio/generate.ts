// Synthesises Envoy's music loops and sound effects from code, with no samples and no network:
// the same script always renders the same samples. It writes 16-bit WAV to a temporary folder,
// encodes each to mono MP3 with Debian's `lame` (or `ffmpeg`), and writes manifest.json with the
// loop points the sound board plays. Run: `npx tsx assets/audio/generate.ts`
// (needs `apt-get install -y lame` or `ffmpeg`; the committed MP3s are what the game uses).
//
// A music loop is rendered on a circle: a note that rings past the end wraps round to the start,
// so the signal repeats exactly every loop. The file holds the loop plus a margin of the same
// periodic signal on both sides; the board loops the window [margin, margin + loop], which stays
// seamless whether or not the browser's MP3 decoder trims the encoder's start delay (~25 ms).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SAMPLE_RATE = 44100;
/** Periodic signal kept before and after each loop, in seconds. */
export const LOOP_MARGIN = 0.3;
export const MUSIC_KEYS = ['calm', 'tense', 'resolve'] as const;
export const EFFECT_KEYS = ['select', 'correct', 'wrong', 'trust-up', 'trust-down', 'ending'] as const;
export type MusicKey = (typeof MUSIC_KEYS)[number];
export type EffectKey = (typeof EFFECT_KEYS)[number];

const MUSIC_KBPS = 80;
const EFFECT_KBPS = 64;
/** Peak levels after rendering: music sits under the game, effects a little above it. */
const MUSIC_PEAK = 0.5;
const EFFECT_PEAK = 0.6;

const TAU = 2 * Math.PI;
const hz = (midi: number) => 440 * 2 ** ((midi - 69) / 12);

/** A voice gives a note's sample at time t (seconds from its start); `length` is how long it rings. */
interface Voice {
  length: (dur: number) => number;
  sample: (t: number, freq: number, dur: number) => number;
}

/** Smooth 0→1 rise over `a` seconds (half a cosine: no click). */
const rise = (t: number, a: number) => (t >= a ? 1 : 0.5 - 0.5 * Math.cos((Math.PI * t) / a));
/** Smooth 1→0 fall, finishing at `end`. */
const fall = (t: number, start: number, end: number) => (t <= start ? 1 : t >= end ? 0 : 0.5 + 0.5 * Math.cos((Math.PI * (t - start)) / (end - start)));

/** A soft pad: a sine and a slightly detuned sine with faint harmonics, slow in and slow out. */
const pad: Voice = {
  length: (dur) => dur + 1.4,
  sample: (t, f, dur) => {
    const env = rise(t, 0.8) * fall(t, dur, dur + 1.4);
    const tone = Math.sin(TAU * f * t) + 0.6 * Math.sin(TAU * f * 1.004 * t + 1) + 0.22 * Math.sin(TAU * 2 * f * t) + 0.06 * Math.sin(TAU * 3 * f * t);
    return env * tone * (0.85 + 0.15 * Math.sin(TAU * 0.25 * t));
  },
};

/** A mellow bell (electric-piano-like): harmonic partials, the upper ones dying first. */
const bell: Voice = {
  length: () => 2.2,
  sample: (t, f) => {
    const env = rise(t, 0.006) * fall(t, 1.8, 2.2);
    return env * (Math.exp(-t / 0.55) * Math.sin(TAU * f * t) + 0.3 * Math.exp(-t / 0.22) * Math.sin(TAU * 2 * f * t) + 0.08 * Math.exp(-t / 0.1) * Math.sin(TAU * 3 * f * t));
  },
};

/** A round plucked bass with a little second harmonic so small speakers still carry it. */
const pluck: Voice = {
  length: (dur) => Math.min(dur, 1.2) + 0.25,
  sample: (t, f, dur) => {
    const hold = Math.min(dur, 1.2);
    const env = rise(t, 0.008) * Math.exp(-t / 0.45) * fall(t, hold, hold + 0.25);
    return env * (Math.sin(TAU * f * t) + 0.3 * Math.sin(TAU * 2 * f * t));
  },
};

/** A soft marimba-like tone for the effects. */
const mallet: Voice = {
  length: () => 0.9,
  sample: (t, f) => {
    const env = rise(t, 0.004) * fall(t, 0.7, 0.9);
    return env * (Math.exp(-t / 0.22) * Math.sin(TAU * f * t) + 0.12 * Math.exp(-t / 0.04) * Math.sin(TAU * 4 * f * t));
  },
};

/** A muted low tone (sine with a touch of third harmonic) for "not quite". */
const hum: Voice = {
  length: (dur) => dur + 0.2,
  sample: (t, f, dur) => {
    const env = rise(t, 0.02) * Math.exp(-t / 0.5) * fall(t, dur, dur + 0.2);
    return env * (Math.sin(TAU * f * t) + 0.08 * Math.sin(TAU * 3 * f * t));
  },
};

interface Note {
  at: number;
  dur: number;
  midi: number;
  gain: number;
  voice: Voice;
}

/** Adds notes into `out`; with `wrap`, samples past the end continue from the start. */
function renderNotes(out: Float32Array, notes: readonly Note[], wrap: boolean): void {
  const n = out.length;
  for (const note of notes) {
    const start = Math.round(note.at * SAMPLE_RATE);
    const count = Math.ceil(note.voice.length(note.dur) * SAMPLE_RATE);
    const f = hz(note.midi);
    for (let i = 0; i < count; i++) {
      let j = start + i;
      if (wrap) j %= n;
      else if (j >= n) break;
      out[j]! += note.gain * note.voice.sample(i / SAMPLE_RATE, f, note.dur);
    }
  }
}

/**
 * A small room: four feedback combs and two all-passes (Schroeder). With `wrap` the filters run
 * round the circle twice, so the tail of the end rings into the start and the loop stays exact.
 */
function reverb(dry: Float32Array, wet: number, wrap: boolean): Float32Array {
  const n = dry.length;
  const at = (buf: Float32Array, i: number) => (i >= 0 ? buf[i]! : wrap ? buf[i + n]! : 0);
  const passes = wrap ? 2 : 1;
  const combs = [0.0297, 0.0371, 0.0411, 0.0437].map((s) => Math.round(s * SAMPLE_RATE));
  const sum = new Float32Array(n);
  for (const d of combs) {
    const y = new Float32Array(n);
    for (let p = 0; p < passes; p++) for (let i = 0; i < n; i++) y[i] = dry[i]! + 0.72 * at(y, i - d);
    for (let i = 0; i < n; i++) sum[i]! += y[i]! / combs.length;
  }
  let signal = sum;
  for (const seconds of [0.005, 0.0017]) {
    const d = Math.round(seconds * SAMPLE_RATE);
    const y = new Float32Array(n);
    for (let p = 0; p < passes; p++) for (let i = 0; i < n; i++) y[i] = -0.7 * signal[i]! + at(signal, i - d) + 0.7 * at(y, i - d);
    signal = y;
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = dry[i]! * (1 - wet) + signal[i]! * wet;
  return out;
}

/** A gentle one-pole low-pass (warmth, and nothing sharp for the encoder to smear). */
function soften(buf: Float32Array, cutoff: number, wrap: boolean): void {
  const a = 1 - Math.exp((-TAU * cutoff) / SAMPLE_RATE);
  let y = wrap ? buf[buf.length - 1]! : 0;
  for (let p = 0; p < (wrap ? 2 : 1); p++) {
    for (let i = 0; i < buf.length; i++) {
      y += a * (buf[i]! - y);
      if (!wrap || p === 1) buf[i] = y;
    }
  }
}

function normalise(buf: Float32Array, peak: number): void {
  let max = 0;
  for (const v of buf) max = Math.max(max, Math.abs(v));
  if (max > 0) for (let i = 0; i < buf.length; i++) buf[i]! *= peak / max;
}

// --- Music ------------------------------------------------------------------------------------

interface Chord {
  bass: number;
  pad: number[];
  arp: number[];
}

interface LoopSpec {
  bpm: number;
  chords: Chord[];
  /** Four beats per chord; arpeggio steps per beat and the order of chord tones it plays. */
  stepsPerBeat: number;
  pattern: number[];
  arpGain: number;
  /** Bass notes per chord (1 = held, 8 = a soft eighth-note pulse). */
  bassHits: number;
  extra?: (beat: number) => Note[];
}

// Plain diatonic progressions, close voicings, nothing louder than a pad.
const LOOPS: Record<MusicKey, LoopSpec> = {
  // C – Am – F – G at 72 bpm: the title, scenario choice and dossier.
  calm: {
    bpm: 72,
    chords: [
      { bass: 48, pad: [60, 64, 67], arp: [67, 72, 76, 79] },
      { bass: 45, pad: [60, 64, 69], arp: [69, 72, 76, 81] },
      { bass: 41, pad: [60, 65, 69], arp: [65, 69, 72, 77] },
      { bass: 43, pad: [59, 62, 67], arp: [67, 71, 74, 79] },
    ],
    stepsPerBeat: 2,
    pattern: [0, 1, 2, 3, 2, 1, 2, 1],
    arpGain: 0.09,
    bassHits: 1,
  },
  // D minor – B♭ – G minor – A at 84 bpm, over a soft eighth-note pulse: the meetings.
  tense: {
    bpm: 84,
    chords: [
      { bass: 50, pad: [57, 62, 65], arp: [74, 77] },
      { bass: 46, pad: [58, 62, 65], arp: [74, 77] },
      { bass: 43, pad: [58, 62, 67], arp: [74, 70] },
      { bass: 45, pad: [57, 61, 64], arp: [73, 76] },
    ],
    stepsPerBeat: 1,
    // A sparse two-note figure on beats 1 and 3.
    pattern: [0, -1, 1, -1],
    arpGain: 0.07,
    bassHits: 8,
  },
  // F – D minor – B♭ – C at 70 bpm, a rising arpeggio: the debrief.
  resolve: {
    bpm: 70,
    chords: [
      { bass: 41, pad: [60, 65, 69], arp: [65, 69, 72, 77, 81] },
      { bass: 38, pad: [62, 65, 69], arp: [62, 65, 69, 74, 77] },
      { bass: 46, pad: [62, 65, 70], arp: [65, 70, 74, 77, 82] },
      { bass: 48, pad: [60, 64, 67], arp: [64, 67, 72, 76, 79] },
    ],
    stepsPerBeat: 2,
    pattern: [0, 1, 2, 3, 4, 3, 2, 1],
    arpGain: 0.08,
    bassHits: 1,
  },
};

export interface RenderedLoop {
  /** The file's samples: margin + loop + margin of one periodic signal. */
  samples: Float32Array;
  loopStart: number;
  loopLength: number;
}

export function renderLoop(key: MusicKey): RenderedLoop {
  const spec = LOOPS[key];
  const beat = 60 / spec.bpm;
  const bar = 4 * beat;
  const loopLength = Math.round(spec.chords.length * bar * SAMPLE_RATE);
  const notes: Note[] = [];
  spec.chords.forEach((chord, c) => {
    const at = c * bar;
    for (const midi of chord.pad) notes.push({ at, dur: bar, midi, gain: 0.11, voice: pad });
    const hit = bar / spec.bassHits;
    for (let h = 0; h < spec.bassHits; h++) {
      // In the pulse, every other eighth is softer; the held bass rings the whole bar.
      const gain = spec.bassHits === 1 ? 0.22 : h % 2 === 0 ? 0.16 : 0.09;
      notes.push({ at: at + h * hit, dur: hit, midi: chord.bass, gain, voice: pluck });
    }
    const step = beat / spec.stepsPerBeat;
    for (let s = 0; s < 4 * spec.stepsPerBeat; s++) {
      const index = spec.pattern[s % spec.pattern.length]!;
      if (index < 0) continue;
      const midi = chord.arp[index % chord.arp.length]!;
      notes.push({ at: at + s * step, dur: step, midi, gain: spec.arpGain * (s % 2 === 0 ? 1 : 0.7), voice: bell });
    }
  });
  const loop = new Float32Array(loopLength);
  renderNotes(loop, notes, true);
  soften(loop, 4200, true);
  const wet = reverb(loop, 0.28, true);
  normalise(wet, MUSIC_PEAK);
  const margin = Math.round(LOOP_MARGIN * SAMPLE_RATE);
  const samples = new Float32Array(loopLength + 2 * margin);
  for (let i = 0; i < samples.length; i++) samples[i] = wet[(((i - margin) % loopLength) + loopLength) % loopLength]!;
  return { samples, loopStart: margin, loopLength };
}

// --- Effects ----------------------------------------------------------------------------------

function effect(seconds: number, notes: Note[], peak = EFFECT_PEAK, wet = 0.18): Float32Array {
  const buf = new Float32Array(Math.round(seconds * SAMPLE_RATE));
  renderNotes(buf, notes, false);
  soften(buf, 6000, false);
  const out = reverb(buf, wet, false);
  // Fade the last 60 ms so a tail never ends on a click.
  const fadeFrom = out.length - Math.round(0.06 * SAMPLE_RATE);
  for (let i = fadeFrom; i < out.length; i++) out[i]! *= fall(i - fadeFrom, 0, out.length - fadeFrom);
  normalise(out, peak);
  return out;
}

const n = (at: number, midi: number, voice: Voice, gain = 1, dur = 0.3): Note => ({ at, dur, midi, gain, voice });

export function renderEffect(key: EffectKey): Float32Array {
  switch (key) {
    case 'select': {
      // A short soft tick: a high sine, gone in a few hundredths of a second.
      const buf = new Float32Array(Math.round(0.09 * SAMPLE_RATE));
      for (let i = 0; i < buf.length; i++) {
        const t = i / SAMPLE_RATE;
        buf[i] = rise(t, 0.002) * Math.exp(-t / 0.018) * (Math.sin(TAU * 1320 * t) + 0.25 * Math.sin(TAU * 2640 * t)) * fall(t, 0.07, 0.09);
      }
      normalise(buf, 0.35);
      return buf;
    }
    case 'correct':
      // G5 then C6: a rising fourth on a bell.
      return effect(1.0, [n(0, 79, bell, 0.8), n(0.11, 84, bell, 1)]);
    case 'wrong':
      // D4 falling to A3, muted and low: "not quite", never a buzzer.
      return effect(0.8, [n(0, 62, hum, 0.8, 0.18), n(0.16, 57, hum, 1, 0.32)], 0.5, 0.12);
    case 'trust-up':
      // C5 E5 G5 climbing on a mallet.
      return effect(1.0, [n(0, 72, mallet, 0.8), n(0.09, 76, mallet, 0.9), n(0.18, 79, mallet, 1)]);
    case 'trust-down':
      // G4 E♭4 C4 descending, softer.
      return effect(1.0, [n(0, 67, mallet, 1), n(0.11, 63, mallet, 0.9), n(0.22, 60, mallet, 0.85)], 0.5);
    case 'ending':
      // F major spread upwards (F4 A4 C5 F5) over a short pad: the talks are over.
      return effect(1.35, [
        n(0, 65, bell, 0.8),
        n(0.08, 69, bell, 0.8),
        n(0.16, 72, bell, 0.85),
        n(0.24, 77, bell, 1),
        n(0, 53, pad, 0.35, 0.5),
        n(0, 60, pad, 0.25, 0.5),
      ]);
  }
}

// --- Files ------------------------------------------------------------------------------------

export function wav(samples: Float32Array): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, samples[i]!)) * 32767), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

const has = (tool: string) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0 || spawnSync(tool, ['-version'], { stdio: 'ignore' }).status === 0;

function encoder(): (input: string, output: string, kbps: number) => void {
  const run = (tool: string, args: string[]) => {
    const result = spawnSync(tool, args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.error?.message}`);
  };
  if (has('lame')) {
    return (input, output, kbps) => run('lame', ['--quiet', '--noreplaygain', '-m', 'm', '--cbr', '-b', String(kbps), '--resample', '44.1', '-q', '2', input, output]);
  }
  if (has('ffmpeg')) {
    return (input, output, kbps) =>
      run('ffmpeg', ['-y', '-loglevel', 'error', '-i', input, '-ac', '1', '-ar', String(SAMPLE_RATE), '-codec:a', 'libmp3lame', '-b:a', `${kbps}k`, '-map_metadata', '-1', '-id3v2_version', '0', '-fflags', '+bitexact', output]);
  }
  throw new Error('Neither lame nor ffmpeg is installed: run `apt-get install -y lame` (or ffmpeg) and try again.');
}

export interface Manifest {
  sampleRate: number;
  /** Loop window of each music file, in milliseconds. */
  music: Record<MusicKey, { file: string; loopStartMs: number; loopMs: number }>;
  effects: Record<EffectKey, { file: string; ms: number }>;
}

export function buildManifest(): Manifest {
  const ms = (samples: number) => Math.round((samples / SAMPLE_RATE) * 1e6) / 1e3;
  const music = {} as Manifest['music'];
  for (const key of MUSIC_KEYS) {
    const spec = LOOPS[key];
    const loopLength = Math.round(spec.chords.length * 4 * (60 / spec.bpm) * SAMPLE_RATE);
    music[key] = { file: `${key}.mp3`, loopStartMs: ms(Math.round(LOOP_MARGIN * SAMPLE_RATE)), loopMs: ms(loopLength) };
  }
  const effects = {} as Manifest['effects'];
  for (const key of EFFECT_KEYS) effects[key] = { file: `${key}.mp3`, ms: ms(renderEffect(key).length) };
  return { sampleRate: SAMPLE_RATE, music, effects };
}

function main(): void {
  const here = dirname(fileURLToPath(import.meta.url));
  const encode = encoder();
  const work = mkdtempSync(join(tmpdir(), 'envoy-audio-'));
  try {
    const jobs: Array<[string, Float32Array, number]> = [
      ...MUSIC_KEYS.map((key): [string, Float32Array, number] => [key, renderLoop(key).samples, MUSIC_KBPS]),
      ...EFFECT_KEYS.map((key): [string, Float32Array, number] => [key, renderEffect(key), EFFECT_KBPS]),
    ];
    for (const [key, samples, kbps] of jobs) {
      const input = join(work, `${key}.wav`);
      writeFileSync(input, wav(samples));
      encode(input, join(here, `${key}.mp3`), kbps);
      console.log(`${key}.mp3  ${(samples.length / SAMPLE_RATE).toFixed(2)} s`);
    }
    writeFileSync(join(here, 'manifest.json'), `${JSON.stringify(buildManifest(), null, 2)}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
