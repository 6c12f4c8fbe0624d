// The audio devices plugged in now and the ones the user chose (microphone, speaker, ringer),
// followed as devices come and go (`devicechange`): a chosen device that is unplugged falls back
// to the system default and listeners are told; plugged in again, it is used again. One instance
// for the page (`audioDevices`), read by the softphone (microphone), the remote audio (speaker) and
// the ringtone (ringer).
import type { AudioDeviceChoice } from '../../../../contract/config.ts';
import { setRemoteAudioOutput } from '../remote-audio.ts';
import { AUDIO_ROLES, deviceTransitions, resolveChoice, ROLE_KIND, type AudioDevice, type AudioRole, type DeviceTransition, type ResolvedDevice } from './device-choice.ts';

export type AudioChoices = Record<AudioRole, AudioDeviceChoice | null>;

export interface AudioDevicesSnapshot {
  devices: AudioDevice[];
  /** Labels are known (microphone permission given); before that the browser names no device. */
  labelled: boolean;
  resolved: Record<AudioRole, ResolvedDevice>;
}

const NONE: AudioChoices = { microphone: null, speaker: null, ringer: null };
const DEFAULTS: Record<AudioRole, ResolvedDevice> = {
  microphone: { deviceId: null, missing: false },
  speaker: { deviceId: null, missing: false },
  ringer: { deviceId: null, missing: false },
};

export class AudioDevices {
  private choices: AudioChoices = NONE;
  private state: AudioDevicesSnapshot = { devices: [], labelled: false, resolved: DEFAULTS };
  private readonly listeners = new Set<() => void>();
  private readonly transitionListeners = new Set<(t: DeviceTransition[]) => void>();
  private watching = 0;
  private readonly onDeviceChange = () => void this.refresh();

  private readonly media: () => MediaDevices | undefined;

  /** `media`: where devices come from (the browser's; a fake in tests). */
  constructor(media: () => MediaDevices | undefined = () => globalThis.navigator?.mediaDevices) {
    this.media = media;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): AudioDevicesSnapshot => this.state;

  /** A chosen device went away or came back (after a `devicechange`, or found missing at start). */
  onTransitions(listener: (t: DeviceTransition[]) => void): () => void {
    this.transitionListeners.add(listener);
    return () => this.transitionListeners.delete(listener);
  }

  /** Follows plugging in and out while anyone watches; returns the stop. */
  watch(): () => void {
    const media = this.media();
    if (this.watching++ === 0 && media) {
      media.addEventListener('devicechange', this.onDeviceChange);
      void this.refresh();
    }
    return () => {
      if (--this.watching === 0) media?.removeEventListener('devicechange', this.onDeviceChange);
    };
  }

  /** The user's choices changed (settings): applied at once, without telling them what they did. */
  choose(choices: AudioChoices): void {
    this.choices = choices;
    this.publish(this.resolveAll(this.state.devices, this.state.labelled));
  }

  /** Re-reads the devices; tells listeners about chosen ones lost or back. */
  async refresh(): Promise<void> {
    const media = this.media();
    if (!media) return;
    const list = await media.enumerateDevices().catch(() => [] as MediaDeviceInfo[]);
    const devices: AudioDevice[] = list
      .filter((d) => d.kind === 'audioinput' || d.kind === 'audiooutput')
      .map((d) => ({ deviceId: d.deviceId, label: d.label, kind: d.kind as AudioDevice['kind'] }));
    const labelled = devices.some((d) => d.label !== '');
    const before = this.state.resolved;
    const next = this.resolveAll(devices, labelled);
    this.publish(next, devices, labelled);
    const changes = deviceTransitions(this.choices, before, next);
    if (changes.length) for (const l of this.transitionListeners) l(changes);
  }

  /** Device names need the microphone permission: asks for it once (opens and closes the mic). */
  async unlockLabels(): Promise<void> {
    const media = this.media();
    if (!media || this.state.labelled) return;
    const stream = await media.getUserMedia({ audio: true, video: false });
    for (const t of stream.getTracks()) t.stop();
    await this.refresh();
  }

  /** For getUserMedia: the chosen microphone, `ideal` so a device unplugged a moment ago still gives a call. */
  microphone = (): MediaTrackConstraints | true => {
    const id = this.state.resolved.microphone.deviceId;
    return id ? { deviceId: { ideal: id } } : true;
  };

  /** For setSinkId: '' is the system default. */
  sinkFor(role: 'speaker' | 'ringer'): string {
    return this.state.resolved[role].deviceId ?? '';
  }

  private resolveAll(devices: AudioDevice[], labelled: boolean): Record<AudioRole, ResolvedDevice> {
    const out = { ...DEFAULTS };
    for (const role of AUDIO_ROLES) {
      const choice = this.choices[role];
      // Without permission the browser lists no real devices: trust the saved id until it can tell.
      out[role] = labelled ? resolveChoice(choice, ROLE_KIND[role], devices) : { deviceId: choice?.deviceId ?? null, missing: false };
    }
    return out;
  }

  private publish(resolved: Record<AudioRole, ResolvedDevice>, devices = this.state.devices, labelled = this.state.labelled): void {
    this.state = { devices, labelled, resolved };
    setRemoteAudioOutput(this.sinkFor('speaker'));
    for (const l of this.listeners) l();
  }
}

export const audioDevices = new AudioDevices();
