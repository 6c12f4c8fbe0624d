// The call-setup baseline: plain JsSIP as its README shows it — new JsSIP.UA, ua.call() with the
// default options (no ICE bounding, JsSIP opens the microphone for each call), answer() on the other
// side. Audio only, like any softphone (JsSIP would otherwise open a camera too). It exposes the
// part of window.sip (tests/e2e/sip/driver.ts) the benchmark drives, so one bench drives both pages.
import { UA, WebSocketInterface } from 'jssip';
import type { BenchDriver, BenchSnapshot } from '../sip-bench-driver.ts';

type RTCSession = ReturnType<UA['call']>;

const MEDIA = { mediaConstraints: { audio: true, video: false } };
let ua: UA | null = null;
let domain = '';
let registered = false;
const sessions = new Map<string, RTCSession>();
const snapshots = new Map<string, BenchSnapshot>();
let lastIncoming: string | null = null;

function track(session: RTCSession, direction: BenchSnapshot['direction']): void {
  const update = (patch: Partial<BenchSnapshot>) => snapshots.set(session.id, { ...snapshots.get(session.id)!, ...patch });
  snapshots.set(session.id, { id: session.id, direction, status: direction === 'inbound' ? 'ringing' : 'dialing', startedAt: Date.now() });
  sessions.set(session.id, session);
  session.on('confirmed', () => update({ status: 'confirmed', confirmedAt: Date.now() }));
  const end = () => { update({ status: 'ended', endedAt: Date.now() }); sessions.delete(session.id); };
  session.on('ended', end);
  session.on('failed', end);
  // JsSIP leaves the far end's audio to the page. An outgoing session has its connection already.
  const play = (pc: RTCPeerConnection) => pc.addEventListener('track', (e) => {
    const audio = new Audio();
    audio.srcObject = e.streams[0] ?? null;
    void audio.play().catch(() => undefined);
  });
  if (session.connection) play(session.connection);
  else session.on('peerconnection', ({ peerconnection }: { peerconnection: RTCPeerConnection }) => play(peerconnection));
}

const driver: BenchDriver = {
  start(account) {
    domain = account.domain!;
    const socket = new WebSocketInterface(account.websocketUris[0]!);
    ua = new UA({ sockets: [socket], uri: `sip:${account.extension}@${account.domain}`, session_timers: false });
    ua.on('registered', () => { registered = true; });
    ua.on('newRTCSession', ({ session, originator }: { session: RTCSession; originator: string }) => {
      if (originator !== 'remote') return;
      track(session, 'inbound');
      lastIncoming = session.id;
    });
    ua.start();
  },
  registration: () => ({ status: registered ? 'registered' : 'connecting' }),
  dial(target) {
    const session = ua!.call(`sip:${target}@${domain}`, MEDIA);
    if (!snapshots.has(session.id)) track(session, 'outbound');
    return session.id;
  },
  incoming: () => lastIncoming,
  snapshot: (id) => snapshots.get(id) ?? null,
  act(id, action) {
    const session = sessions.get(id);
    if (action === 'answer') session?.answer(MEDIA);
    else if (action === 'hangup' && session && !session.isEnded()) session.terminate();
  },
  liveCalls: () => [...sessions.keys()],
  stop: () => { ua?.stop(); },
};
(window as unknown as { sip: BenchDriver }).sip = driver;
