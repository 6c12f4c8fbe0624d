// What the call benchmarks add to a softphone page before its own scripts run (addInitScript), the
// same on Pult's test page and on the bare JsSIP page:
// - when the first INVITE and its 200 OK crossed the SIP WebSocket (WebSocket.prototype.send and a
//   'message' listener), to split call setup into before-INVITE / far end / after-200;
// - auto-answer: an initial INVITE received starts a short, bounded poll of window.sip.incoming()
//   and answers the new call (the same few ms on both pages);
// - optionally a warm microphone: audio-only getUserMedia answered with a clone of one stream opened
//   in advance (what a softphone option holding the stream while Ready would give);
// - counters of RTCPeerConnections and MediaStreamTracks (WeakRefs: alive = not yet collected).
// Everything here is serialised into the page: no imports, no closures over module scope.
import type { BenchDriver } from './sip-bench-driver.ts';

export interface ProbeOptions {
  autoAnswer: boolean;
  warmMic: boolean;
}

/** Date.now() of each event of the latest call since reset(); the first one of each kind counts. */
export interface FrameTimes {
  inviteOut?: number;
  okIn?: number;
  inviteIn?: number;
  okOut?: number;
}

export interface Alive {
  pcsCreated: number;
  /** Not garbage-collected yet / of those, not closed. */
  pcsAlive: number;
  pcsOpen: number;
  tracksCreated: number;
  tracksAlive: number;
  /** readyState 'live': a microphone still open or a remote track still playing. */
  tracksLive: number;
  /** <audio>/<video> elements not collected yet (the softphones play the far end through one each). */
  mediaElementsAlive: number;
}

export interface Probe {
  reset(): void;
  times(): FrameTimes;
  /** Opens the warm microphone stream (the operator went Ready). */
  warm(): Promise<void>;
  alive(): Alive;
}

declare global {
  interface Window { __bench: Probe }
}

export function installProbe(opts: ProbeOptions): void {
  let times: FrameTimes = {};
  const initialInvite = (s: string) => s.startsWith('INVITE ') && !/^(To|t)\s*:[^\r\n]*;\s*tag=/im.test(s);
  const inviteOk = (s: string) => s.startsWith('SIP/2.0 200') && /^CSeq\s*:\s*\d+\s+INVITE/im.test(s);

  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (this: WebSocket, data: Parameters<WebSocket['send']>[0]) {
    if (typeof data === 'string') {
      if (initialInvite(data)) times.inviteOut ??= Date.now();
      else if (inviteOk(data)) times.okOut ??= Date.now();
    }
    return send.call(this, data);
  };

  const sip = () => (window as unknown as { sip: BenchDriver }).sip;
  function answerNext(before: string | null, triesLeft: number): void {
    const id = sip().incoming();
    if (id && id !== before) sip().act(id, 'answer');
    else if (triesLeft > 0) setTimeout(() => answerNext(before, triesLeft - 1), 0);
  }
  const NativeWebSocket = WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      // Added before the softphone sets onmessage, so it runs first for every frame.
      this.addEventListener('message', (e: MessageEvent) => {
        if (typeof e.data !== 'string') return;
        if (initialInvite(e.data)) {
          times.inviteIn ??= Date.now();
          // The softphone handles the frame after this listener; look for the new call then.
          if (opts.autoAnswer) { const before = sip().incoming(); setTimeout(() => answerNext(before, 500), 0); }
        } else if (inviteOk(e.data)) times.okIn ??= Date.now();
      });
    }
  };

  const pcs: Array<WeakRef<RTCPeerConnection>> = [];
  const tracks: Array<WeakRef<MediaStreamTrack>> = [];
  const media: Array<WeakRef<HTMLMediaElement>> = [];
  let pcsCreated = 0;
  let tracksCreated = 0;
  const noteTrack = (t: MediaStreamTrack) => { tracksCreated++; tracks.push(new WeakRef(t)); };
  const NativePC = RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePC {
    constructor(config?: RTCConfiguration) {
      super(config);
      pcsCreated++;
      pcs.push(new WeakRef(this));
      this.addEventListener('track', (e: RTCTrackEvent) => noteTrack(e.track));
    }
  };
  const NativeAudio = Audio;
  window.Audio = class extends NativeAudio {
    constructor(src?: string) {
      super(src);
      media.push(new WeakRef(this));
    }
  };

  const gum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  let warmStream: Promise<MediaStream> | null = null;
  navigator.mediaDevices.getUserMedia = async (c?: MediaStreamConstraints) => {
    const audioOnly = !!c?.audio && !c.video;
    let stream: MediaStream;
    if (opts.warmMic && audioOnly) {
      warmStream ??= gum({ audio: true, video: false });
      stream = (await warmStream).clone();
    } else stream = await gum(c);
    stream.getTracks().forEach(noteTrack);
    return stream;
  };

  /** Drops the WeakRefs already cleared, so the lists stay as short as what is alive. */
  function prune<T extends object>(list: Array<WeakRef<T>>): T[] {
    const live: T[] = [];
    for (let i = list.length - 1; i >= 0; i--) {
      const v = list[i]!.deref();
      if (v) live.push(v);
      else list.splice(i, 1);
    }
    return live;
  }

  window.__bench = {
    reset: () => { times = {}; },
    times: () => ({ ...times }),
    warm: async () => { if (opts.warmMic) { warmStream ??= gum({ audio: true, video: false }); await warmStream; } },
    alive() {
      const p = prune(pcs);
      const t = prune(tracks);
      return {
        pcsCreated,
        pcsAlive: p.length,
        pcsOpen: p.filter((pc) => pc.signalingState !== 'closed').length,
        tracksCreated,
        tracksAlive: t.length,
        tracksLive: t.filter((x) => x.readyState === 'live').length,
        mediaElementsAlive: prune(media).length,
      };
    },
  };
}
