// Plays the ringtone and the beep on a chosen output device: a Web Audio graph into a
// MediaStreamDestination, heard through an <audio> element whose setSinkId picks the device (an
// AudioContext alone plays on the default device only in Electron's Chromium). One sound at a time:
// starting anything stops what was playing. `data-ringing` on <html> says a ring is on (for tests
// and anyone styling the page). One audio graph is made on the first sound and kept (suspended
// between sounds): making an AudioContext costs the main thread milliseconds just as a call rings.
import { BEEP_PATTERN, BEEP_SECONDS, RING_CYCLE_SECONDS, RING_PATTERN, scheduleNotes } from './ring-tones.ts';

interface Graph {
  ctx: AudioContext;
  dest: MediaStreamAudioDestinationNode;
  audio: HTMLAudioElement;
}

interface Playing {
  ctx: AudioContext;
  audio: HTMLAudioElement;
  /** This sound's own gain into the graph: disconnected when it stops. */
  master: GainNode;
  timer: ReturnType<typeof setInterval> | null;
  kind: 'ring' | 'beep';
  /** Settings' "Test": gives way to a call's ring, never cuts one short. */
  preview: boolean;
}

export class Ringer {
  private current: Playing | null = null;
  private graph: Graph | null = null;

  get ringing(): boolean {
    return this.current?.kind === 'ring';
  }

  /** A call's ring, until stop(); a ring already on keeps going (never two at once). */
  ring(sinkId: string, volume: number): void {
    if (this.current?.kind === 'ring' && !this.current.preview) return;
    this.startRing(sinkId, volume, false);
  }

  private startRing(sinkId: string, volume: number, preview: boolean): Playing | null {
    const p = this.open('ring', sinkId, volume, preview);
    if (!p) return null;
    const { master } = p;
    let next = p.ctx.currentTime + 0.05;
    const cycle = () => {
      // Scheduled one cycle ahead, so a busy main thread does not stutter the ring.
      while (next < p.ctx.currentTime + RING_CYCLE_SECONDS) {
        scheduleNotes(p.ctx, master, RING_PATTERN, next);
        next += RING_CYCLE_SECONDS;
      }
    };
    cycle();
    p.timer = setInterval(cycle, 500);
    document.documentElement.dataset.ringing = 'true';
    return p;
  }

  /** The short beep before auto-answer; resolves when it has been heard. */
  beep(sinkId: string, volume: number, preview = false): Promise<void> {
    if (preview && this.current && !this.current.preview) return Promise.resolve(); // a call's sound goes on
    const p = this.open('beep', sinkId, volume, preview);
    if (!p) return Promise.resolve();
    scheduleNotes(p.ctx, p.master, BEEP_PATTERN, p.ctx.currentTime + 0.03);
    return new Promise((resolve) =>
      setTimeout(() => {
        if (this.current === p) this.stop();
        resolve();
      }, (BEEP_SECONDS + 0.05) * 1000),
    );
  }

  /** A few seconds of the ring, for the Settings' "Test" button; not while a call's sound plays. */
  preview(sinkId: string, volume: number, seconds = RING_CYCLE_SECONDS): void {
    if (this.current && !this.current.preview) return;
    const p = this.startRing(sinkId, volume, true);
    setTimeout(() => {
      if (this.current === p) this.stop();
    }, seconds * 1000);
  }

  stop(): void {
    const p = this.current;
    if (!p) return;
    this.current = null;
    if (p.timer) clearInterval(p.timer);
    p.master.disconnect(); // notes already scheduled play into nothing
    p.audio.pause();
    void p.ctx.suspend().catch(() => undefined);
    delete document.documentElement.dataset.ringing;
  }

  private open(kind: Playing['kind'], sinkId: string, volume: number, preview: boolean): Playing | null {
    this.stop();
    if (volume <= 0 || typeof AudioContext === 'undefined') return null;
    const { ctx, audio } = this.ensureGraph();
    const master = ctx.createGain();
    master.gain.value = Math.min(1, Math.max(0, volume));
    master.connect(this.graph!.dest);
    const p: Playing = { ctx, audio, master, timer: null, kind, preview };
    this.current = p;
    const play = () => audio.play().catch(() => undefined);
    if (sinkId && typeof audio.setSinkId === 'function') {
      // An unplugged ringer: the default device rings rather than nothing.
      if (audio.sinkId === sinkId) void play();
      else audio.setSinkId(sinkId).catch(() => audio.setSinkId('').catch(() => undefined)).finally(play);
    } else if (audio.sinkId && typeof audio.setSinkId === 'function') {
      audio.setSinkId('').catch(() => undefined).finally(play);
    } else void play();
    void ctx.resume().catch(() => undefined);
    return p;
  }

  private ensureGraph(): Graph {
    if (!this.graph || this.graph.ctx.state === 'closed') {
      const ctx = new AudioContext();
      const dest = ctx.createMediaStreamDestination();
      const audio = new Audio();
      audio.srcObject = dest.stream;
      this.graph = { ctx, dest, audio };
    }
    return this.graph;
  }
}

export const ringer = new Ringer();
