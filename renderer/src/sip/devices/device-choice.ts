// Which device a saved choice means among those plugged in now (pure, so unplugging is tested
// without a browser): the same id, or, when the browser renewed its ids, the same label; when
// neither is there, the system default — and the choice is kept, so the device is used again
// once it is back.
import type { AudioDeviceChoice } from '../../../../contract/config.ts';

export type AudioDeviceKind = 'audioinput' | 'audiooutput';

export interface AudioDevice {
  deviceId: string;
  label: string;
  kind: AudioDeviceKind;
}

/** The roles a device plays: the microphone, the call's sound, the ringtone. */
export const AUDIO_ROLES = ['microphone', 'speaker', 'ringer'] as const;
export type AudioRole = (typeof AUDIO_ROLES)[number];
export const ROLE_KIND: Record<AudioRole, AudioDeviceKind> = { microphone: 'audioinput', speaker: 'audiooutput', ringer: 'audiooutput' };

/** Chromium's aliases of whatever the system uses; not devices of their own to pick. */
const SYSTEM_ALIASES = new Set(['', 'default', 'communications']);
export function isSystemAlias(deviceId: string): boolean {
  return SYSTEM_ALIASES.has(deviceId);
}

/** deviceId null: the system default. `missing`: a device was chosen and is not plugged in. */
export interface ResolvedDevice {
  deviceId: string | null;
  missing: boolean;
}

export function resolveChoice(choice: AudioDeviceChoice | null, kind: AudioDeviceKind, available: readonly AudioDevice[]): ResolvedDevice {
  if (!choice || isSystemAlias(choice.deviceId)) return { deviceId: null, missing: false };
  const ofKind = available.filter((d) => d.kind === kind);
  const byId = ofKind.find((d) => d.deviceId === choice.deviceId);
  if (byId) return { deviceId: byId.deviceId, missing: false };
  // Ids change (cleared site data, another browser profile); the label is the user's name for it.
  const byLabel = choice.label ? ofKind.filter((d) => d.label === choice.label && !isSystemAlias(d.deviceId)) : [];
  if (byLabel.length === 1) return { deviceId: byLabel[0]!.deviceId, missing: false };
  return { deviceId: null, missing: true };
}

export type DeviceTransition = { role: AudioRole; change: 'lost' | 'back'; label: string };

/** What the user is told after devices changed: a chosen device went away, or came back. */
export function deviceTransitions(
  choices: Record<AudioRole, AudioDeviceChoice | null>,
  before: Record<AudioRole, ResolvedDevice>,
  after: Record<AudioRole, ResolvedDevice>,
): DeviceTransition[] {
  const out: DeviceTransition[] = [];
  for (const role of AUDIO_ROLES) {
    const label = choices[role]?.label ?? '';
    if (!before[role].missing && after[role].missing) out.push({ role, change: 'lost', label });
    else if (before[role].missing && !after[role].missing) out.push({ role, change: 'back', label });
  }
  return out;
}

/** The devices to offer in a picker: real ones of the kind (the system default is offered apart). */
export function pickable(available: readonly AudioDevice[], kind: AudioDeviceKind): AudioDevice[] {
  return available.filter((d) => d.kind === kind && !isSystemAlias(d.deviceId));
}
