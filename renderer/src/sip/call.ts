// One call: a JsSIP RTCSession behind plain methods, and a snapshot of its state that is
// re-published on every change. The session's events are the only source of that state.
import { C } from 'jssip';
import type { DTMFListener, EndEvent, IncomingDTMFEvent, OutgoingDTMFEvent, RTCSession } from 'jssip/lib/RTCSession';
import type { DtmfMode } from '../../../contract/sip.ts';
import { boundIceGathering } from './ice-gathering.ts';
import { sipReason } from './reasons.ts';
import { playRemoteAudio } from './remote-audio.ts';
import type { CallDirection, CallSnapshot } from './types.ts';

export interface CallSettings {
  dtmfMode: DtmfMode;
  pcConfig: RTCConfiguration;
  iceTimeoutMs: number;
  onChange: (call: Call) => void;
  onDtmf: (call: Call, tone: string) => void;
  /** Headers read from an incoming INVITE. */
  headers?: Record<string, string>;
}

/** Audio only: JsSIP asks for video too unless told. */
const MEDIA: MediaStreamConstraints = { audio: true, video: false };

export class Call {
  private state: CallSnapshot;
  private stopAudio: (() => void) | null = null;
  /** The status we declined with: JsSIP reports every local rejection as "Rejected". */
  private declinedWith: number | undefined;

  readonly session: RTCSession;
  private readonly settings: CallSettings;

  constructor(session: RTCSession, direction: CallDirection, settings: CallSettings) {
    this.session = session;
    this.settings = settings;
    const remote = session.remote_identity;
    this.state = {
      id: session.id,
      direction,
      remoteUser: remote.uri.user ?? remote.uri.toString(),
      ...(remote.display_name ? { remoteName: remote.display_name } : {}),
      ...(settings.headers && Object.keys(settings.headers).length ? { headers: settings.headers } : {}),
      status: direction === 'inbound' ? 'ringing' : 'dialing',
      held: false,
      remoteHeld: false,
      muted: false,
      startedAt: Date.now(),
    };
    boundIceGathering(session, (settings.pcConfig.iceServers ?? []).length > 0, settings.iceTimeoutMs);
    // An outbound session has its peer connection already; an inbound one gets it on answer().
    if (session.connection) this.stopAudio = playRemoteAudio(session.connection);
    else session.on('peerconnection', ({ peerconnection }) => { this.stopAudio = playRemoteAudio(peerconnection); });

    session.on('progress', () => { if (direction === 'outbound') this.update({ status: 'ringing' }); });
    session.on('confirmed', () => this.update({ status: 'confirmed', confirmedAt: Date.now() }));
    session.on('ended', (e) => this.finish(e));
    session.on('failed', (e) => this.finish(e));
    session.on('hold', ({ originator }) => this.update(originator === 'local' ? { held: true } : { remoteHeld: true }));
    session.on('unhold', ({ originator }) => this.update(originator === 'local' ? { held: false } : { remoteHeld: false }));
    session.on('muted', () => this.update({ muted: true }));
    session.on('unmuted', () => this.update({ muted: false }));
    const onDtmf = (e: IncomingDTMFEvent | OutgoingDTMFEvent) => { if (e.originator === 'remote') settings.onDtmf(this, e.dtmf.tone); };
    session.on('newDTMF', onDtmf as DTMFListener);
  }

  get id(): string { return this.state.id; }
  get snapshot(): CallSnapshot { return this.state; }
  /** For getStats() (call quality, tests). */
  get peerConnection(): RTCPeerConnection | undefined { return this.session.connection ?? undefined; }

  answer(): void {
    if (this.state.direction !== 'inbound' || this.state.status !== 'ringing') return;
    this.update({ status: 'answering' });
    this.session.answer({ mediaConstraints: MEDIA, pcConfig: this.settings.pcConfig });
  }

  /** 486 Busy Here: "not now" (the PBX may try a colleague); 603 Decline: "not at all". */
  decline(code: 486 | 603 = 486): void {
    if (this.state.direction !== 'inbound' || this.state.status !== 'ringing') return;
    this.declinedWith = code;
    this.session.terminate({ status_code: code, reason_phrase: code === 603 ? 'Decline' : 'Busy Here' });
  }

  /** Cancels a call still ringing, ends one in progress. */
  hangup(): void {
    if (!this.session.isEnded()) this.session.terminate();
  }

  hold(): boolean { return this.session.hold(); }
  resume(): boolean { return this.session.unhold(); }
  mute(): void { this.session.mute({ audio: true }); }
  unmute(): void { this.session.unmute({ audio: true }); }

  sendDtmf(tones: string): void {
    const transportType = this.settings.dtmfMode === 'info' ? C.DTMF_TRANSPORT.INFO : C.DTMF_TRANSPORT.RFC2833;
    this.session.sendDTMF(tones, { transportType, duration: 100, interToneGap: 70 });
  }

  private finish(e: EndEvent): void {
    if (this.state.status === 'ended') return;
    const received = e.message && 'status_code' in e.message ? e.message.status_code : undefined;
    const statusCode = e.originator === 'local' ? this.declinedWith : received;
    this.stopAudio?.();
    this.stopAudio = null;
    this.update({
      status: 'ended',
      endedAt: Date.now(),
      endedBy: e.originator,
      reason: sipReason(e.cause, statusCode),
      ...(statusCode !== undefined ? { statusCode } : {}),
    });
  }

  private update(patch: Partial<CallSnapshot>): void {
    this.state = { ...this.state, ...patch };
    this.settings.onChange(this);
  }
}
