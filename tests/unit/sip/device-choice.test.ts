// A chosen audio device among those plugged in: found by id, or by label when the browser renewed
// its ids; unplugged → the system default and a "lost" to tell the user; plugged back → used again.
import { describe, expect, it } from 'vitest';
import { deviceTransitions, pickable, resolveChoice, type AudioDevice } from '../../../renderer/src/sip/devices/device-choice.ts';

const headsetIn: AudioDevice = { deviceId: 'in-headset', label: 'Jabra Evolve 40', kind: 'audioinput' };
const headsetOut: AudioDevice = { deviceId: 'out-headset', label: 'Jabra Evolve 40', kind: 'audiooutput' };
const laptopOut: AudioDevice = { deviceId: 'out-laptop', label: 'Встроенные динамики', kind: 'audiooutput' };
const systemOut: AudioDevice = { deviceId: 'default', label: 'По умолчанию — Встроенные динамики', kind: 'audiooutput' };
const headset = { deviceId: 'out-headset', label: 'Jabra Evolve 40' };

describe('resolveChoice', () => {
  it('no choice is the system default', () => {
    expect(resolveChoice(null, 'audiooutput', [headsetOut, laptopOut])).toEqual({ deviceId: null, missing: false });
  });

  it('finds the chosen device by id, of the right kind only', () => {
    expect(resolveChoice(headset, 'audiooutput', [systemOut, laptopOut, headsetOut])).toEqual({ deviceId: 'out-headset', missing: false });
    expect(resolveChoice({ deviceId: 'in-headset', label: 'Jabra Evolve 40' }, 'audiooutput', [headsetIn, laptopOut])).toEqual({ deviceId: null, missing: true });
  });

  it('finds it by label when its id changed', () => {
    const renewed = { ...headsetOut, deviceId: 'out-new-id' };
    expect(resolveChoice(headset, 'audiooutput', [laptopOut, renewed])).toEqual({ deviceId: 'out-new-id', missing: false });
  });

  it('does not guess between two devices with the same label', () => {
    const twins = [{ ...headsetOut, deviceId: 'a' }, { ...headsetOut, deviceId: 'b' }];
    expect(resolveChoice(headset, 'audiooutput', twins)).toEqual({ deviceId: null, missing: true });
  });

  it('an unplugged device falls back to the default and is reported missing', () => {
    expect(resolveChoice(headset, 'audiooutput', [systemOut, laptopOut])).toEqual({ deviceId: null, missing: true });
  });

  it('the "default" alias chosen means the system default, not a device', () => {
    expect(resolveChoice({ deviceId: 'default', label: 'x' }, 'audiooutput', [])).toEqual({ deviceId: null, missing: false });
  });
});

describe('deviceTransitions', () => {
  const choices = { microphone: null, speaker: headset, ringer: headset };
  const plugged = [laptopOut, headsetOut];
  const unplugged = [laptopOut];
  const resolve = (devices: AudioDevice[]) => ({
    microphone: resolveChoice(null, 'audioinput', devices),
    speaker: resolveChoice(headset, 'audiooutput', devices),
    ringer: resolveChoice(headset, 'audiooutput', devices),
  });

  it('unplugging tells about each role that used the device; plugging back tells it is back', () => {
    const lost = deviceTransitions(choices, resolve(plugged), resolve(unplugged));
    expect(lost).toEqual([
      { role: 'speaker', change: 'lost', label: 'Jabra Evolve 40' },
      { role: 'ringer', change: 'lost', label: 'Jabra Evolve 40' },
    ]);
    expect(resolve(unplugged).speaker.deviceId).toBeNull();
    const back = deviceTransitions(choices, resolve(unplugged), resolve(plugged));
    expect(back.map((t) => [t.role, t.change])).toEqual([['speaker', 'back'], ['ringer', 'back']]);
    expect(resolve(plugged).speaker.deviceId).toBe('out-headset');
  });

  it('says nothing when another device comes or goes', () => {
    expect(deviceTransitions(choices, resolve(plugged), resolve([headsetOut]))).toEqual([]);
  });
});

describe('pickable', () => {
  it('offers the real devices of a kind, not the system aliases', () => {
    expect(pickable([systemOut, { ...laptopOut, deviceId: 'communications' }, laptopOut, headsetIn], 'audiooutput')).toEqual([laptopOut]);
  });
});
