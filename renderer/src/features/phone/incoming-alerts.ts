// What an incoming call sets off besides the panel: the ringtone on the ringer device while any
// call rings here (one ring, however many calls), do not disturb (declined at once with 486), and
// auto-answer (a countdown the agent can cancel, then a beep and the answer). Plain TypeScript over
// the Phone store and a sound player, so the rules run in Node tests with fakes.
import { DEFAULT_AUDIO_SETTINGS, DEFAULT_AUTO_ANSWER, type AutoAnswerSettings } from '../../../../contract/config.ts';
import { incomingPlan } from './incoming-policy.ts';
import type { PhoneCall, PhoneStore } from './phone-store.ts';

export interface AlertSettings {
  doNotDisturb: boolean;
  autoAnswer: AutoAnswerSettings;
  /** Ringtone and beep loudness, 0…1. */
  ringVolume: number;
}

/** The ringtone and beep (renderer/src/sip/devices/ringer.ts, on the chosen devices). */
export interface AlertSounds {
  ring(volume: number): void;
  stopRing(): void;
  beep(volume: number): Promise<void>;
}

/** A desktop notification for a ringing call (shown only when the window is in the background). */
export interface CallNotifier {
  show(call: PhoneCall): void;
  close(callSipId: string): void;
}

export interface IncomingAlertsSnapshot {
  /** The call being auto-answered and when (ms); null when none. */
  autoAnswer: { sipId: string; answerAt: number } | null;
}

export interface IncomingAlertsOptions {
  store: Pick<PhoneStore, 'subscribe' | 'getSnapshot' | 'act'>;
  sounds: AlertSounds;
  notifier?: CallNotifier;
  /** A call declined under do not disturb (the agent is told, so the setting is not forgotten). */
  onDeclined?: (call: PhoneCall) => void;
  now?: () => number;
}

const isRinging = (c: PhoneCall) => c.snapshot.direction === 'inbound' && c.snapshot.status === 'ringing';

export class IncomingAlerts {
  private settings: AlertSettings = { doNotDisturb: false, autoAnswer: DEFAULT_AUTO_ANSWER, ringVolume: DEFAULT_AUDIO_SETTINGS.ringVolume };
  private readonly seen = new Set<string>();
  private readonly declining = new Set<string>();
  private readonly notified = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private beeping = false;
  private ringOn = false;
  private pendingSync = false;
  private unsubscribe: (() => void) | null = null;
  private state: IncomingAlertsSnapshot = { autoAnswer: null };
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;
  private readonly opts: IncomingAlertsOptions;

  constructor(opts: IncomingAlertsOptions) {
    this.opts = opts;
    this.now = opts.now ?? Date.now;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): IncomingAlertsSnapshot => this.state;

  configure(settings: AlertSettings): void {
    this.settings = settings;
  }

  /** Under do not disturb, a ringing call does not bring up the Phone section either. */
  get doNotDisturb(): boolean {
    return this.settings.doNotDisturb;
  }

  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.opts.store.subscribe(() => this.schedule());
    this.schedule();
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.clearTimer();
    this.setRing(false);
    for (const id of this.notified) this.opts.notifier?.close(id);
    this.notified.clear();
  }

  /** The agent cancelled the countdown: the call goes on ringing, to be answered by hand. */
  cancelAutoAnswer(): void {
    if (!this.state.autoAnswer) return;
    this.clearTimer();
    this.publish({ autoAnswer: null });
    this.sync();
  }

  /**
   * After the store's change settles (a microtask): the store itself declines calls for an agent
   * who is not Ready right after tracking them, and those must not start a ring first.
   */
  private schedule(): void {
    if (this.pendingSync) return;
    this.pendingSync = true;
    queueMicrotask(() => {
      this.pendingSync = false;
      if (this.unsubscribe) this.sync();
    });
  }

  private sync(): void {
    const snap = this.opts.store.getSnapshot();
    const ringing = snap.calls.filter(isRinging);
    const ids = new Set(ringing.map((c) => c.snapshot.id));
    for (const call of ringing) {
      const id = call.snapshot.id;
      if (this.seen.has(id)) continue;
      this.seen.add(id);
      const otherCalls = snap.calls.filter((c) => c.snapshot.id !== id && c.snapshot.status !== 'ended').length;
      const plan = incomingPlan({ agent: snap.agent, otherCalls, doNotDisturb: this.settings.doNotDisturb, autoAnswer: this.settings.autoAnswer });
      if (plan.action === 'decline') {
        this.declining.add(id);
        this.opts.store.act(id, 'decline'); // 486, as for Not ready: the PBX tries a colleague
        this.opts.onDeclined?.(call);
      } else if (plan.action === 'auto_answer' && !this.state.autoAnswer) {
        this.startAutoAnswer(id, plan.delayMs);
      }
    }
    // Forget calls that no longer ring (answered, declined, cancelled by the caller, ended).
    for (const id of [...this.seen]) if (!ids.has(id) && !snap.calls.some((c) => c.snapshot.id === id)) this.seen.delete(id);
    for (const id of [...this.declining]) if (!ids.has(id)) this.declining.delete(id);
    const pending = this.state.autoAnswer;
    if (pending && !ids.has(pending.sipId)) {
      this.clearTimer();
      this.publish({ autoAnswer: null });
    }
    const audible = ringing.filter((c) => !this.declining.has(c.snapshot.id));
    this.setRing(audible.length > 0 && !this.beeping);
    this.syncNotifications(audible);
  }

  private startAutoAnswer(sipId: string, delayMs: number): void {
    this.publish({ autoAnswer: { sipId, answerAt: this.now() + delayMs } });
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.beepAndAnswer(sipId);
    }, delayMs);
  }

  private async beepAndAnswer(sipId: string): Promise<void> {
    this.beeping = true;
    this.setRing(false);
    try {
      await this.opts.sounds.beep(this.settings.ringVolume);
    } finally {
      this.beeping = false;
    }
    const still = this.state.autoAnswer?.sipId === sipId && this.opts.store.getSnapshot().calls.some((c) => c.snapshot.id === sipId && isRinging(c));
    this.publish({ autoAnswer: null });
    if (still) this.opts.store.act(sipId, 'answer');
    this.sync();
  }

  private syncNotifications(audible: PhoneCall[]): void {
    const notifier = this.opts.notifier;
    if (!notifier) return;
    const live = new Set(audible.map((c) => c.snapshot.id));
    for (const call of audible) {
      if (this.notified.has(call.snapshot.id)) continue;
      this.notified.add(call.snapshot.id);
      notifier.show(call);
    }
    for (const id of [...this.notified]) {
      if (live.has(id)) continue;
      this.notified.delete(id);
      notifier.close(id);
    }
  }

  private setRing(on: boolean): void {
    if (on === this.ringOn) return;
    this.ringOn = on;
    if (on) this.opts.sounds.ring(this.settings.ringVolume);
    else this.opts.sounds.stopRing();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private publish(patch: Partial<IncomingAlertsSnapshot>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}
