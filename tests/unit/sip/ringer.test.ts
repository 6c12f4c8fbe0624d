// The ringtone player over fake Web Audio and <audio>: one sound at a time on the chosen device
// (setSinkId), a second ring() keeps the first, stop() silences and suspends the one audio graph
// (made once, kept for the next call) and clears data-ringing;
// Settings' test sounds never cut a call's ring short, and a call's ring replaces a test; an
// unplugged device falls back to the default. The ring pattern itself is two tones that repeat.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Ringer } from '../../../renderer/src/sip/devices/ringer.ts';
import { RING_CYCLE_SECONDS, RING_PATTERN, BEEP_PATTERN } from '../../../renderer/src/sip/devices/ring-tones.ts';

const contexts: FakeContext[] = [];
const audios: FakeAudio[] = [];
class FakeParam {
  value = 0;
  setValueAtTime() {}
  exponentialRampToValueAtTime() {}
}
class FakeNode {
  gain = new FakeParam();
  frequency = new FakeParam();
  type = '';
  stream = { id: 'stream' };
  connected = false;
  connect<T>(n: T): T {
    this.connected = true;
    return n;
  }
  disconnect() {
    this.connected = false;
  }
  start() {}
  stop() {}
}
class FakeContext {
  currentTime = 0;
  state = 'running';
  oscillators = 0;
  constructor() {
    contexts.push(this);
  }
  createOscillator() {
    this.oscillators++;
    return new FakeNode();
  }
  createGain() {
    return new FakeNode();
  }
  createMediaStreamDestination() {
    return new FakeNode();
  }
  resume() {
    this.state = 'running';
    return Promise.resolve();
  }
  suspend() {
    this.state = 'suspended';
    return Promise.resolve();
  }
  close() {
    this.state = 'closed';
    return Promise.resolve();
  }
}
class FakeAudio {
  srcObject: unknown = null;
  sinkId = '';
  playing = false;
  static missing = new Set<string>();
  constructor() {
    audios.push(this);
  }
  setSinkId(id: string) {
    if (FakeAudio.missing.has(id)) return Promise.reject(new DOMException('gone', 'NotFoundError'));
    this.sinkId = id;
    return Promise.resolve();
  }
  play() {
    this.playing = true;
    return Promise.resolve();
  }
  pause() {
    this.playing = false;
  }
}

const html = { dataset: {} as Record<string, string | undefined> };
beforeEach(() => {
  vi.useFakeTimers();
  contexts.length = 0;
  audios.length = 0;
  FakeAudio.missing.clear();
  html.dataset = {};
  vi.stubGlobal('AudioContext', FakeContext);
  vi.stubGlobal('Audio', FakeAudio);
  vi.stubGlobal('document', { documentElement: html });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});
/** Audio graphs making sound: suspended between sounds. */
const live = () => contexts.filter((c) => c.state === 'running');

describe('Ringer', () => {
  it('rings on the chosen device, once however often asked, and stops cleanly', async () => {
    const r = new Ringer();
    r.ring('ringer-1', 0.5);
    r.ring('ringer-1', 0.5);
    await vi.advanceTimersByTimeAsync(0);
    expect(live()).toHaveLength(1);
    expect(audios[0]).toMatchObject({ sinkId: 'ringer-1', playing: true });
    expect(html.dataset.ringing).toBe('true');
    expect(r.ringing).toBe(true);
    r.stop();
    expect(live()).toHaveLength(0);
    expect(audios[0]!.playing).toBe(false);
    expect(html.dataset.ringing).toBeUndefined();
  });

  it('makes one audio graph and reuses it for every later sound, on the device each asks for', async () => {
    const r = new Ringer();
    r.ring('ringer-1', 0.5);
    r.stop();
    const beeped = r.beep('headset', 0.5);
    await vi.advanceTimersByTimeAsync(1000);
    await beeped;
    r.ring('', 0.5);
    await vi.advanceTimersByTimeAsync(0);
    expect(contexts).toHaveLength(1);
    expect(audios).toHaveLength(1);
    expect(audios[0]).toMatchObject({ sinkId: '', playing: true });
    r.stop();
    expect(live()).toHaveLength(0);
  });

  it('an unplugged ringer rings on the default device instead', async () => {
    FakeAudio.missing.add('gone');
    new Ringer().ring('gone', 0.5);
    await vi.advanceTimersByTimeAsync(0);
    expect(audios[0]).toMatchObject({ sinkId: '', playing: true });
  });

  it('keeps scheduling rings while it rings', async () => {
    const r = new Ringer();
    r.ring('', 0.5);
    const ctx = contexts[0]!;
    const first = ctx.oscillators;
    expect(first).toBeGreaterThan(0);
    ctx.currentTime = RING_CYCLE_SECONDS * 2;
    await vi.advanceTimersByTimeAsync(500);
    expect(ctx.oscillators).toBeGreaterThan(first);
    r.stop();
  });

  it('volume 0 plays nothing', () => {
    const r = new Ringer();
    r.ring('', 0);
    expect(contexts).toHaveLength(0);
    expect(r.ringing).toBe(false);
  });

  it('the beep stops the ring, plays, and resolves when done', async () => {
    const r = new Ringer();
    r.ring('', 0.5);
    const done = r.beep('headset', 0.5);
    expect(live()).toHaveLength(1);
    expect(r.ringing).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    await done;
    expect(live()).toHaveLength(0);
  });

  it('a test sound never cuts a call ring short; a call ring replaces a test', async () => {
    const r = new Ringer();
    r.ring('ringer-1', 0.5);
    r.preview('ringer-2', 0.5);
    await r.beep('speaker', 0.5, true);
    await vi.advanceTimersByTimeAsync(RING_CYCLE_SECONDS * 1000 + 100);
    expect(live()).toHaveLength(1);
    expect(r.ringing).toBe(true);
    r.stop();

    r.preview('ringer-2', 0.5);
    r.ring('ringer-1', 0.5); // a call rings during the test
    await vi.advanceTimersByTimeAsync(RING_CYCLE_SECONDS * 1000 + 100); // the test's timer must not stop it
    expect(r.ringing).toBe(true);
    expect(live()).toHaveLength(1);
    expect(audios.at(-1)!.sinkId).toBe('ringer-1');
    r.stop();
  });

  it('a test ring stops by itself', async () => {
    const r = new Ringer();
    r.preview('', 0.5);
    expect(r.ringing).toBe(true);
    await vi.advanceTimersByTimeAsync(RING_CYCLE_SECONDS * 1000 + 100);
    expect(r.ringing).toBe(false);
    expect(live()).toHaveLength(0);
  });
});

describe('ring pattern', () => {
  it('is two tones within one cycle, and the beep is short', () => {
    expect(new Set(RING_PATTERN.map((n) => n.hz)).size).toBe(2);
    expect(Math.max(...RING_PATTERN.map((n) => n.at + n.length))).toBeLessThan(RING_CYCLE_SECONDS);
    expect(Math.max(...BEEP_PATTERN.map((n) => n.at + n.length))).toBeLessThan(0.5);
  });
});
