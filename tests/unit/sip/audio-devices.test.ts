// The device watcher over a fake MediaDevices: the chosen headset is used while plugged in; a
// `devicechange` that removes it falls back to the default (the microphone constraint and the sinks
// follow) and tells listeners; plugged in again, it is used again. Without microphone permission
// (no labels) nothing is declared missing.
import { describe, expect, it } from 'vitest';
import { AudioDevices } from '../../../renderer/src/sip/devices/audio-devices.ts';
import type { DeviceTransition } from '../../../renderer/src/sip/devices/device-choice.ts';

class FakeMedia extends EventTarget {
  list: Array<{ deviceId: string; label: string; kind: MediaDeviceKind }> = [];
  enumerateDevices() {
    return Promise.resolve(this.list.map((d) => ({ ...d, groupId: 'g', toJSON: () => d })) as MediaDeviceInfo[]);
  }
  plug(list: FakeMedia['list']) {
    this.list = list;
    this.dispatchEvent(new Event('devicechange'));
  }
}

const HEADSET = [
  { deviceId: 'mic-jabra', label: 'Jabra Evolve 40 Mono', kind: 'audioinput' as const },
  { deviceId: 'out-jabra', label: 'Jabra Evolve 40 Mono', kind: 'audiooutput' as const },
];
const LAPTOP = [
  { deviceId: 'default', label: 'По умолчанию', kind: 'audioinput' as const },
  { deviceId: 'mic-laptop', label: 'Встроенный микрофон', kind: 'audioinput' as const },
  { deviceId: 'out-laptop', label: 'Встроенные динамики', kind: 'audiooutput' as const },
];
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('AudioDevices', () => {
  it('follows the chosen headset out and back in', async () => {
    const media = new FakeMedia();
    media.list = [...LAPTOP, ...HEADSET];
    const devices = new AudioDevices(() => media as unknown as MediaDevices);
    const told: DeviceTransition[][] = [];
    devices.onTransitions((t) => told.push(t));
    devices.choose({ microphone: { deviceId: 'mic-jabra', label: 'Jabra Evolve 40 Mono' }, speaker: { deviceId: 'out-jabra', label: 'Jabra Evolve 40 Mono' }, ringer: null });
    const stop = devices.watch();
    await tick();
    expect(devices.microphone()).toEqual({ deviceId: { ideal: 'mic-jabra' } });
    expect(devices.sinkFor('speaker')).toBe('out-jabra');
    expect(devices.sinkFor('ringer')).toBe('');
    expect(told).toEqual([]);

    media.plug(LAPTOP); // unplugged
    await tick();
    expect(devices.microphone()).toBe(true);
    expect(devices.sinkFor('speaker')).toBe('');
    expect(told.pop()?.map((t) => `${t.role}:${t.change}`)).toEqual(['microphone:lost', 'speaker:lost']);
    expect(devices.getSnapshot().resolved.speaker.missing).toBe(true);

    media.plug([...LAPTOP, ...HEADSET]); // plugged back in
    await tick();
    expect(devices.microphone()).toEqual({ deviceId: { ideal: 'mic-jabra' } });
    expect(devices.sinkFor('speaker')).toBe('out-jabra');
    expect(told.pop()?.map((t) => `${t.role}:${t.change}`)).toEqual(['microphone:back', 'speaker:back']);

    stop();
    media.plug(LAPTOP);
    await tick();
    expect(devices.sinkFor('speaker')).toBe('out-jabra'); // no longer watching
  });

  it('a device missing at start is reported; the user picking another is not', async () => {
    const media = new FakeMedia();
    media.list = LAPTOP;
    const devices = new AudioDevices(() => media as unknown as MediaDevices);
    const told: DeviceTransition[][] = [];
    devices.onTransitions((t) => told.push(t));
    devices.choose({ microphone: null, speaker: null, ringer: { deviceId: 'out-jabra', label: 'Jabra Evolve 40 Mono' } });
    devices.watch();
    await tick();
    expect(told).toEqual([[{ role: 'ringer', change: 'lost', label: 'Jabra Evolve 40 Mono' }]]);
    devices.choose({ microphone: null, speaker: null, ringer: { deviceId: 'out-laptop', label: 'Встроенные динамики' } });
    expect(devices.sinkFor('ringer')).toBe('out-laptop');
    expect(told).toHaveLength(1);
  });

  it('without permission (no labels) it trusts the saved ids', async () => {
    const media = new FakeMedia();
    media.list = [{ deviceId: '', label: '', kind: 'audioinput' }, { deviceId: '', label: '', kind: 'audiooutput' }];
    const devices = new AudioDevices(() => media as unknown as MediaDevices);
    devices.choose({ microphone: { deviceId: 'mic-jabra', label: 'Jabra' }, speaker: null, ringer: null });
    devices.watch();
    await tick();
    expect(devices.getSnapshot().labelled).toBe(false);
    expect(devices.microphone()).toEqual({ deviceId: { ideal: 'mic-jabra' } });
    expect(devices.getSnapshot().resolved.microphone.missing).toBe(false);
  });
});
