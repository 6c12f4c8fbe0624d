// One call: a JsSIP RTCSession behind plain methods, and a snapshot of its state that is
// re-published on every change. The session's events are the only source of that state.
import { C } from 'jssip';
import type { DTMFListener, EndEvent, IncomingDTMFEvent, OutgoingDTMFEvent, ReferListener, RTCSession } from 'jssip/lib/RTCSession';
import type { DtmfMode } from '../../../contract/sip.ts';
import { boundIceGathering } from './ice-gathering.ts';
import { sipReason } from './reasons.ts';
import { playRemoteAudio } from './remote-audio.ts';
import type { CallDirection, CallSnapshot, TransferState } from './types.ts';

/**
 * JsSIP's 'refer' (the far end asks us to call someone else) and 'replaces' (a call wants to take
 * this one's place) events, typed as JsSIP calls them (its typings say only Function).
 */
export interface TakeOverEvent {
  accept: (init?: (session: RTCSession) => void, options?: { mediaConstraints: MediaStreamConstraints; pcConfig: RTCConfiguration }) => void;
  reject: () => void;
}

/** JsSIP's ReferSubscriber events (the NOTIFYs about the target's call carry a sipfrag status line). */
interface ReferProgress { status_line?: { status_code?: number }; response?: { status_code?: number }; cause?: string }
/** The microphone of a conference this call is mixed into. */
export interface ConferenceMic {
  readonly muted: boolean;
  setMuted(muted: boolean): void;
}

interface ReferSubscriber { on(event: 'requestFailed' | 'failed' | 'progress' | 'accepted', fn: (e: ReferProgress) => void): void }

export interface CallSettings {
  dtmfMode: DtmfMode;
  pcConfig: RTCConfiguration;
  /** getUserMedia constraints when answering (the chosen microphone). */
  media: () => MediaStreamConstraints;
  iceTimeoutMs: number;
  onChange: (call: Call) => void;
  onDtmf: (call: Call, tone: string) => void;
  /** Headers read from an incoming INVITE. */
  headers?: Record<string, string>;
  /** The far end transfers us (REFER): the softphone places the new call. */
  onRefer?: (call: Call, e: TakeOverEvent) => void;
  /** An INVITE with Replaces for this call (an attended transfer to us). */
  onReplaces?: (call: Call, e: TakeOverEvent) => void;
  /** Set on the snapshot from the start (a replacing call, a referred one). */
  initial?: Partial<CallSnapshot>;
}

export class Call {
  private state: CallSnapshot;
  private stopAudio: (() => void) | null = null;
  /** The status we declined with: JsSIP reports every local rejection as "Rejected". */
  private declinedWith: number | undefined;
  private conferenceMic: ConferenceMic | null = null;

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
      ...settings.initial,
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
    const takeOver = (handler: CallSettings['onRefer']): ReferListener => (e) => {
      const event = e as unknown as TakeOverEvent;
      if (handler) handler(this, event);
      else event.reject();
    };
    session.on('refer', takeOver(settings.onRefer));
    session.on('replaces', takeOver(settings.onReplaces));
  }

  get id(): string { return this.state.id; }
  get snapshot(): CallSnapshot { return this.state; }
  /** For getStats() (call quality, tests). */
  get peerConnection(): RTCPeerConnection | undefined { return this.session.connection ?? undefined; }

  answer(): void {
    if (this.state.direction !== 'inbound' || this.state.status !== 'ringing') return;
    this.update({ status: 'answering' });
    this.session.answer({ mediaConstraints: this.settings.media(), pcConfig: this.settings.pcConfig });
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
  mute(): void {
    if (this.conferenceMic) this.conferenceMic.setMuted(true);
    else this.session.mute({ audio: true });
  }

  unmute(): void {
    if (this.conferenceMic) this.conferenceMic.setMuted(false);
    else this.session.unmute({ audio: true });
  }

  /**
   * Hands the call over (REFER). Blind: our leg ends once the target rings or answers. Attended
   * (`replaces`: our consultation call with the target): the far end calls the target with Replaces,
   * and our leg ends once the target has taken it. A refusal on the way leaves the call with us.
   */
  transfer(targetUri: string, target: string, replaces?: Call): void {
    if (this.state.status !== 'confirmed' || this.state.transfer?.state === 'requested' || this.state.transfer?.state === 'ringing') return;
    const kind = replaces ? 'attended' : 'blind';
    this.setTransfer({ kind, target, state: 'requested' });
    const handOver = () => {
      if (this.state.transfer?.state === 'done') return;
      this.setTransfer({ kind, target, state: 'done' });
      replaces?.markTransferLeg();
      this.hangup();
    };
    const fail = (e: ReferProgress) => {
      const code = e.status_line?.status_code ?? e.response?.status_code;
      this.setTransfer({ kind, target, state: 'failed', reason: sipReason(e.cause, code), ...(code ? { statusCode: code } : {}) });
    };
    // Typed void by JsSIP; it returns the subscriber that reports the target's call.
    const subscriber = this.session.refer(targetUri, replaces ? { replaces: replaces.session } : {}) as unknown as ReferSubscriber;
    subscriber.on('requestFailed', fail);
    subscriber.on('failed', fail);
    subscriber.on('progress', (e: ReferProgress) => {
      this.setTransfer({ kind, target, state: 'ringing' });
      // Blind: the colleague's phone rings, the operator is free. 100 Trying is not ringing yet.
      if (kind === 'blind' && (e.status_line?.status_code ?? 0) >= 180) handOver();
    });
    subscriber.on('accepted', handOver);
  }

  /** The consultation call of an attended transfer: it ends without after-call work. */
  markTransferLeg(): void {
    if (!this.state.transferLeg) this.update({ transferLeg: true });
  }

  /** This call was taken over by an attended transfer to us (INVITE with Replaces). */
  markReplaced(): void {
    if (!this.state.replaced) this.update({ replaced: true });
  }

  /**
   * Mixed into a local three-way conference (conference.ts), or back out of it (null). While
   * mixed, mute and unmute go to the conference's microphone, shared by both calls.
   */
  setConference(mic: ConferenceMic | null): void {
    this.conferenceMic = mic;
    this.update({ conference: mic !== null, muted: mic ? mic.muted : this.session.isMuted().audio ?? false });
  }

  /** The conference's microphone was muted or unmuted (from this call or the other one). */
  noteMuted(muted: boolean): void {
    if (this.state.muted !== muted) this.update({ muted });
  }

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

  private setTransfer(transfer: TransferState): void {
    this.update({ transfer });
  }

  private update(patch: Partial<CallSnapshot>): void {
    this.state = { ...this.state, ...patch };
    this.settings.onChange(this);
  }
}
