// The softphone: one JsSIP user agent for the operator's SIP account, its registration state with
// the reason in words when it fails, and the calls in and out. Subscribers get plain snapshots.
import { C, UA, WebSocketInterface } from 'jssip';
import type { IncomingResponse } from 'jssip/lib/SIPMessage';
import type { RTCSessionEvent } from 'jssip/lib/UA';
import { SipAccount, type SipAccountInput } from '../../../contract/sip.ts';
import { Call } from './call.ts';
import { dialTarget, dialUri } from './dial-target.ts';
import { sipReason } from './reasons.ts';
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
}

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

  constructor(opts: SoftphoneOptions) {
    this.account = SipAccount.parse(opts.account);
    this.iceTimeoutMs = opts.iceTimeoutMs ?? 1000;
    this.captureHeaders = opts.captureHeaders ?? [];
    const sockets = socketWeights(this.account.websocketUris).map(({ uri, weight }) => ({ socket: new WebSocketInterface(uri), weight }));
    this.ua = new UA({ ...uaConfig(this.account, opts.password), sockets });
    this.wire();
  }

  get registration(): RegistrationState { return this.reg; }
  get activeCalls(): CallSnapshot[] { return [...this.calls.values()].map((c) => c.snapshot); }
  call(id: string): Call | undefined { return this.calls.get(id); }

  subscribe(listener: SoftphoneListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Connects and registers; JsSIP re-registers before expiry and reconnects with backoff. */
  start(): void {
    this.setRegistration({ status: 'connecting' });
    this.ua.start();
  }

  /** Ends every call, unregisters and closes the WebSocket. */
  stop(): void {
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

  private pcConfig(): RTCConfiguration {
    return { iceServers: this.account.iceServers };
  }

  private wire(): void {
    const ua = this.ua;
    ua.on('connecting', ({ socket }) => this.setRegistration({ status: 'connecting', server: socket.url }));
    ua.on('connected', ({ socket }) => this.setRegistration({ status: 'registering', server: socket.url }));
    ua.on('disconnected', ({ socket }) => {
      if (this.reg.status !== 'stopped') this.setRegistration({ status: 'failed', reason: sipReason(C.causes.CONNECTION_ERROR), server: socket.url });
    });
    ua.on('registered', () => this.setRegistration({ status: 'registered', server: this.reg.server }));
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
