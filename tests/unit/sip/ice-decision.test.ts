// When to stop ICE gathering and send the offer/answer (see renderer/src/sip/ice-gathering.ts).
import { describe, expect, it } from 'vitest';
import { iceDecision } from '../../../renderer/src/sip/ice-gathering.ts';

describe('iceDecision', () => {
  it('goes at once with a server-reflexive or relay candidate', () => {
    expect(iceDecision({ type: 'srflx', address: '203.0.113.7' }, true)).toBe('ready');
    expect(iceDecision({ type: 'relay', address: '198.51.100.4' }, true)).toBe('ready');
    expect(iceDecision({ type: 'srflx', address: '203.0.113.7' }, false)).toBe('ready');
  });

  it('without STUN/TURN, goes with a real host address', () => {
    expect(iceDecision({ type: 'host', address: '192.0.2.2' }, false)).toBe('ready');
    expect(iceDecision({ type: 'host', address: '2001:db8::5' }, false)).toBe('ready');
  });

  it('with STUN/TURN configured, a host address alone waits (a PBX behind NAT could not reach it)', () => {
    expect(iceDecision({ type: 'host', address: '192.0.2.2' }, true)).toBe('wait');
  });

  it('never goes with loopback, link-local or mDNS-hidden addresses alone', () => {
    expect(iceDecision({ type: 'host', address: '127.0.0.1' }, false)).toBe('wait');
    expect(iceDecision({ type: 'host', address: '::1' }, false)).toBe('wait');
    expect(iceDecision({ type: 'host', address: 'fe80::1' }, false)).toBe('wait');
    expect(iceDecision({ type: 'host', address: '4b1e6c2a-1f0e-4c1d-9d3e-3a7b6b0d9a11.local' }, false)).toBe('wait');
    expect(iceDecision({ type: null, address: null }, false)).toBe('wait');
  });
});
