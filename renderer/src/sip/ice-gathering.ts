// Bounded ICE gathering. JsSIP sends the INVITE (or the 200 OK) only when gathering completes,
// which with an unreachable STUN/TURN server takes 10–40 s (versatica/JsSIP#432, #804, #940).
// JsSIP lets the app cut it short: the session's 'icecandidate' event carries ready(). We call it
// at the first candidate the far end can use, or after a short wait for one.
import type { RTCSession } from 'jssip/lib/RTCSession';

export interface CandidateInfo {
  /** 'host' | 'srflx' | 'prflx' | 'relay', as RTCIceCandidate.type. */
  type: string | null;
  address: string | null;
}

function isLoopbackOrLocalName(address: string): boolean {
  return /^127\./.test(address) || address === '::1' || address.endsWith('.local') || /^fe80:/i.test(address);
}

/**
 * 'ready' when this candidate is enough to send the offer or answer now; 'wait' otherwise.
 * With STUN/TURN configured only a server-reflexive or relay candidate is enough (a host address
 * alone would not reach a PBX behind NAT); without them a real host address is all there will be.
 */
export function iceDecision(c: CandidateInfo, hasIceServers: boolean): 'ready' | 'wait' {
  if (c.type === 'srflx' || c.type === 'relay') return 'ready';
  if (hasIceServers) return 'wait';
  if (c.type === 'host' && c.address && !isLoopbackOrLocalName(c.address)) return 'ready';
  return 'wait';
}

/** Attaches the bound to a session; after timeoutMs from the first candidate it goes with what it has. */
export function boundIceGathering(session: RTCSession, hasIceServers: boolean, timeoutMs: number): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stop = () => { if (timer) clearTimeout(timer); timer = null; };
  session.on('icecandidate', ({ candidate, ready }) => {
    if (iceDecision({ type: candidate.type, address: candidate.address }, hasIceServers) === 'ready') {
      stop();
      ready();
    } else if (!timer) {
      timer = setTimeout(() => { timer = null; ready(); }, timeoutMs);
    }
  });
  // Each offer/answer (the first, and re-INVITEs for hold) ends with 'sdp'; a new round re-arms.
  session.on('sdp', ({ originator }) => { if (originator === 'local') stop(); });
  session.on('ended', stop);
  session.on('failed', stop);
}
