// A three-way conference mixed here, with Web Audio, not on the PBX: each of the two calls is sent
// the operator's microphone plus the other call's voice, and the operator hears both calls as
// before (each call plays its own remote audio). Ending it puts the microphone track back on both.
// Muting in a conference silences only the microphone, so the two parties still hear each other.

/** What the mixer needs of a call: its peer connection. */
export interface MixedCall {
  readonly peerConnection: RTCPeerConnection | undefined;
}

interface Leg {
  sender: RTCRtpSender;
  /** The microphone track the call sent before the conference. */
  original: MediaStreamTrack | null;
  destination: MediaStreamAudioDestinationNode;
}

export class ConferenceError extends Error {
  readonly code = 'sip.conference.unavailable';
}

function audioSender(pc: RTCPeerConnection): RTCRtpSender | undefined {
  return pc.getSenders().find((s) => s.track?.kind === 'audio') ?? pc.getTransceivers().find((t) => t.receiver.track.kind === 'audio')?.sender;
}

function remoteTrack(pc: RTCPeerConnection): MediaStreamTrack | undefined {
  return pc.getReceivers().find((r) => r.track.kind === 'audio')?.track;
}

export class LocalConference {
  private readonly ctx: AudioContext;
  private readonly micGain: GainNode;
  private readonly legs: Leg[];
  private ended = false;

  private constructor(ctx: AudioContext, micGain: GainNode, legs: Leg[]) {
    this.ctx = ctx;
    this.micGain = micGain;
    this.legs = legs;
  }

  /** Mixes the two calls; throws ConferenceError when a call has no audio to mix. */
  static async start(a: MixedCall, b: MixedCall): Promise<LocalConference> {
    const pcs = [a.peerConnection, b.peerConnection];
    if (!pcs[0] || !pcs[1]) throw new ConferenceError('a call has no media connection');
    const senders = pcs.map((pc) => audioSender(pc!));
    const remotes = pcs.map((pc) => remoteTrack(pc!));
    const mic = senders.map((s) => s?.track).find((t) => t && t.readyState === 'live');
    if (!senders[0] || !senders[1] || !remotes[0] || !remotes[1] || !mic) throw new ConferenceError('a call has no audio track');

    const ctx = new AudioContext();
    const micGain = ctx.createGain();
    ctx.createMediaStreamSource(new MediaStream([mic])).connect(micGain);
    const legs: Leg[] = [];
    for (let i = 0; i < 2; i++) {
      const destination = ctx.createMediaStreamDestination();
      micGain.connect(destination);
      // The other call's voice: a remote track feeds Web Audio while an <audio> element plays it
      // (remote-audio.ts does), which Chromium needs for remote WebRTC audio.
      ctx.createMediaStreamSource(new MediaStream([remotes[1 - i]!])).connect(destination);
      legs.push({ sender: senders[i]!, original: senders[i]!.track, destination });
    }
    await ctx.resume().catch(() => undefined);
    for (const leg of legs) await leg.sender.replaceTrack(leg.destination.stream.getAudioTracks()[0]!);
    return new LocalConference(ctx, micGain, legs);
  }

  setMicMuted(muted: boolean): void {
    this.micGain.gain.value = muted ? 0 : 1;
  }

  get micMuted(): boolean {
    return this.micGain.gain.value === 0;
  }

  /** Puts each call's microphone track back (calls still up go on as two calls) and frees the mixer. */
  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    for (const leg of this.legs) {
      // A call that ended meanwhile has a closed connection; there is nothing to put back.
      await leg.sender.replaceTrack(leg.original).catch(() => undefined);
      for (const t of leg.destination.stream.getTracks()) t.stop();
    }
    await this.ctx.close().catch(() => undefined);
  }
}
