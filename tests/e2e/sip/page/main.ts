// The test page: renderer/src/sip's Softphone, and nothing else, behind window.sip.
import { Softphone } from '../../../../renderer/src/sip/softphone.ts';
import type { CallSnapshot, RegistrationStatus } from '../../../../renderer/src/sip/types.ts';
import type { SipDriver } from '../driver.ts';

let phone: Softphone | null = null;
const snapshots = new Map<string, CallSnapshot>();
const tones: string[] = [];
const registrations: RegistrationStatus[] = [];
let lastIncoming: string | null = null;

function need(): Softphone {
  if (!phone) throw new Error('window.sip.start() first');
  return phone;
}

function call(id: string) {
  const c = need().call(id);
  if (!c) throw new Error(`no live call ${id}`);
  return c;
}

window.sip = {
  start(account, password) {
    phone = new Softphone({ account, password });
    phone.subscribe((e) => {
      if (e.type === 'incoming') lastIncoming = e.call.id;
      if (e.type === 'incoming' || e.type === 'call') snapshots.set(e.call.id, e.call);
      if (e.type === 'dtmf') tones.push(e.tone);
      if (e.type === 'registration') registrations.push(e.state.status);
    });
    phone.start();
  },
  registration: () => need().registration,
  registrationHistory: () => [...registrations],
  dial: (target, headers) => need().dial(target, headers).id,
  incoming: () => lastIncoming,
  snapshot: (id) => snapshots.get(id) ?? null,
  act(id, action) {
    const c = call(id);
    if (action === 'decline486') c.decline(486);
    else if (action === 'decline603') c.decline(603);
    else if (action === 'hold') c.hold();
    else c[action]();
  },
  dtmf: (id, t) => call(id).sendDtmf(t),
  dtmfReceived: () => [...tones],
  async inboundPackets(id) {
    const stats = await call(id).peerConnection?.getStats();
    let packets = 0;
    stats?.forEach((s: { type: string; kind?: string; packetsReceived?: number }) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') packets += s.packetsReceived ?? 0;
    });
    return packets;
  },
  direction: (id) => call(id).peerConnection?.getTransceivers()[0]?.currentDirection ?? null,
  refusals: () => { const r = need().refusals; return { recent: [...r.recent], total: r.total }; },
  liveCalls: () => need().activeCalls.map((c) => c.id),
  transfer: (id, target) => need().transfer(id, target),
  completeTransfer: (id, consultId) => need().completeTransfer(id, consultId),
  conference: (a, b) => need().conference(a, b),
  endConference: () => need().endConference(),
  async inboundEnergy(id) {
    const stats = await call(id).peerConnection?.getStats();
    let energy = 0;
    stats?.forEach((s: { type: string; kind?: string; totalAudioEnergy?: number }) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') energy += s.totalAudioEnergy ?? 0;
    });
    return energy;
  },
  stop: () => need().stop(),
} satisfies SipDriver;
