// The softphone: one JsSIP user agent for the operator's SIP account, its registration state with
// the reason in words when it fails, and the calls in and out. Subscribers get plain snapshots.
import { C, UA, WebSocketInterface } from 'jssip';
import type { IncomingResponse } from 'jssip/lib/SIPMessage';
import type { RTCSessionEvent } from 'jssip/lib/UA';
import { SipAccount, type SipAccountInput } from '../../../contract/sip.ts';
import { Call } from './call.ts';
import { refreshDialogTarget } from './dialog-refresh.ts';
import { dialTarget, dialUri } from './dial-target.ts';
import { guardedSocket } from './guarded-socket.ts';
import { browserRecoveryEnv, watchNetwork, type RecoveryEnv, type RecoveryTarget } from './network-recovery.ts';
import { sipReason } from './reasons.ts';
import type { Refusal } from './sip-screen.ts';
import type { CallSnapshot, RegistrationState, SoftphoneEvent, SoftphoneListener } from './types.ts';
import { sipDomain, socketWeights, uaConfig } from './ua-config.ts';

export interface SoftphoneOptions {
  account: SipAccountInput;
  /** From the OS keychain; never stored by the softphone. */
  password?: string;
  /** How long to wait for a usable ICE candidate before sending what there is. */
  iceTimeoutMs?: number;
  /** INVITE headers to keep on incoming calls (the PBX's IVR choice, e.g. X-IVR-Choice). */
  captureHeaders?: readonly string[];
  /** Calls at once (two lines); a call beyond them is answered 486 and logged. */
  maxLines?: number;
  /** Where to watch for 'online' and wake-ups (network-recovery.ts); the browser's by default. */
  recoveryEnv?: RecoveryEnv;
}

/** The parts of JsSIP's Transport we use: it is public in UA.js (`ua.transport`) but not typed. */
interface JssipTransport {
  connect(): void;
  disconnect(): void;
}

/** Refusals kept for the log and diagnostics; older ones are dropped, their count kept. */
const REFUSALS_KEPT = 100;

export class DialError extends Error {
  readonly code = 'sip.dial.invalid';
  readonly input: string;
  constructor(input: string) {
    super(`not a number or extension that can be dialled: "${input}"`);
    this.input = input;
  }
}

export class Softphone {
  readonly account: SipAccount;
  private readonly ua: UA;
  private readonly listeners = new Set<SoftphoneListener>();
  private readonly calls = new Map<string, Call>();
  private reg: RegistrationState = { status: 'stopped' };
  private readonly iceTimeoutMs: number;
  private readonly captureHeaders: readonly string[];
  private readonly maxLines: number;
  private readonly refusalLog: Refusal[] = [];
  private refusedTotal = 0;
  private readonly lastLogged = new Map<string, { at: number; skipped: number }>();
  private readonly recoveryEnv: RecoveryEnv | undefined;
  private stopWatching: (() => void) | null = null;
  private framesHeard = 0;
  /** The WebSocket closed under a started softphone: calls need a target refresh once back. */
  private socketLost = false;

  constructor(opts: SoftphoneOptions) {
    this.account = SipAccount.parse(opts.account);
    this.iceTimeoutMs = opts.iceTimeoutMs ?? 1000;
    this.captureHeaders = opts.captureHeaders ?? [];
    this.maxLines = opts.maxLines ?? 2;
    this.recoveryEnv = opts.recoveryEnv;
    const sockets = socketWeights(this.account.websocketUris).map(({ uri, weight }) => ({
      socket: guardedSocket(new WebSocketInterface(uri), (r) => this.refuse(r), () => { this.framesHeard++; }),
      weight,
    }));
    this.ua = new UA({ ...uaConfig(this.account, opts.password), sockets });
    this.wire();
  }

  get registration(): RegistrationState { return this.reg; }
  get activeCalls(): CallSnapshot[] { return [...this.calls.values()].map((c) => c.snapshot); }
  call(id: string): Call | undefined { return this.calls.get(id); }
  /** What the softphone refused from the network (newest last), and how many in all. */
  get refusals(): { recent: readonly Refusal[]; total: number } { return { recent: [...this.refusalLog], total: this.refusedTotal }; }

  subscribe(listener: SoftphoneListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Connects and registers; JsSIP re-registers before expiry and reconnects with backoff (and
   * registers again on every reconnect). network-recovery.ts adds what JsSIP does not notice.
   */
  start(): void {
    this.setRegistration({ status: 'connecting' });
    this.ua.start();
    this.stopWatching ??= watchNetwork(this.recoveryTarget(), this.recoveryEnv ?? browserRecoveryEnv(), {
      onRecover: (reason, action) => console.info(`[sip] ${reason}: ${action}`),
    });
  }

  /** Ends every call, unregisters and closes the WebSocket. */
  stop(): void {
    this.stopWatching?.();
    this.stopWatching = null;
    this.ua.terminateSessions();
    this.ua.stop();
    this.setRegistration({ status: 'stopped' });
  }

  /** Calls what the operator typed (extension, phone number in any form, SIP URI). */
  dial(input: string, extraHeaders: string[] = []): Call {
    const target = dialTarget(input);
    if (!target) throw new DialError(input);
    const session = this.ua.call(dialUri(target, sipDomain(this.account)), {
      mediaConstraints: { audio: true, video: false },
      pcConfig: this.pcConfig(),
      extraHeaders,
    });
    // 'newRTCSession' has already made the Call (JsSIP emits it inside ua.call()).
    return this.calls.get(session.id)!;
  }

  private recoveryTarget(): RecoveryTarget {
    const transport = (): JssipTransport => (this.ua as unknown as { transport: JssipTransport }).transport;
    return {
      isConnected: () => this.ua.isConnected(),
      framesHeard: () => this.framesHeard,
      register: () => this.ua.register(),
      reconnect: () => {
        const t = transport();
        // disconnect() also cancels a pending backoff timer; connect() then opens a socket now, and
        // JsSIP registers again on 'connected'. Calls stay up: their media does not use the socket.
        t.disconnect();
        t.connect();
      },
    };
  }

  private pcConfig(): RTCConfiguration {
    return { iceServers: this.account.iceServers };
  }

  private wire(): void {
    const ua = this.ua;
    ua.on('connecting', ({ socket }) => this.setRegistration({ status: 'connecting', server: socket.url }));
    ua.on('connected', ({ socket }) => this.setRegistration({ status: 'registering', server: socket.url }));
    ua.on('disconnected', ({ socket }) => {
      if (this.reg.status === 'stopped') return;
      this.socketLost = true;
      this.setRegistration({ status: 'failed', reason: sipReason(C.causes.CONNECTION_ERROR), server: socket.url });
    });
    ua.on('registered', () => {
      this.setRegistration({ status: 'registered', server: this.reg.server });
      if (!this.socketLost) return;
      this.socketLost = false;
      for (const call of this.calls.values()) {
        if (call.snapshot.status === 'confirmed') refreshDialogTarget(call.session);
      }
    });
    ua.on('unregistered', () => { if (this.reg.status !== 'stopped') this.setRegistration({ status: 'registering', server: this.reg.server }); });
    ua.on('registrationFailed', ({ response, cause }) => {
      const statusCode = (response as IncomingResponse | null)?.status_code;
      this.setRegistration({
        status: 'failed',
        reason: sipReason(cause, statusCode),
        ...(statusCode ? { statusCode } : {}),
        server: this.reg.server,
      });
    });
    ua.on('newRTCSession', ({ session, originator, request }: RTCSessionEvent) => {
      // A flood of INVITEs (or a third call while two lines are busy) gets 486, not a Call each.
      if (originator === 'remote' && this.calls.size >= this.maxLines) {
        session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
        this.refuse({ at: new Date().toISOString(), reason: 'too_many_calls', sample: `INVITE from ${request.from.uri.user ?? '?'}` });
        return;
      }
      const headers: Record<string, string> = {};
      if (originator === 'remote') {
        for (const name of this.captureHeaders) {
          const value = request.getHeader(name);
          if (value) headers[name.toLowerCase()] = value.slice(0, 256);
        }
      }
      const call = new Call(session, originator === 'remote' ? 'inbound' : 'outbound', {
        dtmfMode: this.account.dtmfMode,
        pcConfig: this.pcConfig(),
        iceTimeoutMs: this.iceTimeoutMs,
        onChange: (c) => this.onCallChange(c),
        onDtmf: (c, tone) => this.emit({ type: 'dtmf', callId: c.id, tone }),
        headers,
      });
      this.calls.set(call.id, call);
      if (originator === 'remote') this.emit({ type: 'incoming', call: call.snapshot });
      else this.emit({ type: 'call', call: call.snapshot });
    });
  }

  private onCallChange(call: Call): void {
    this.emit({ type: 'call', call: call.snapshot });
    // Ended calls leave the softphone; history keeps them (a later slice).
    if (call.snapshot.status === 'ended') this.calls.delete(call.id);
  }

  private refuse(r: Refusal): void {
    this.refusedTotal++;
    this.refusalLog.push(r);
    if (this.refusalLog.length > REFUSALS_KEPT) this.refusalLog.shift();
    // One console line a second per reason: a flood is counted, not printed line by line.
    const now = Date.now();
    const last = this.lastLogged.get(r.reason);
    if (last && now - last.at < 1000) last.skipped++;
    else {
      console.warn(`[sip] refused (${r.reason}): ${r.sample}${last?.skipped ? ` (and ${last.skipped} more like it)` : ''}`);
      this.lastLogged.set(r.reason, { at: now, skipped: 0 });
    }
    this.emit({ type: 'refused', refusal: r });
  }

  private setRegistration(state: RegistrationState): void {
    this.reg = state;
    this.emit({ type: 'registration', state });
  }

  private emit(event: SoftphoneEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (e) {
        console.error('softphone listener failed', e);
      }
    }
  }
}
