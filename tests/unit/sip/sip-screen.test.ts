// The screen in front of JsSIP's parser: whole SIP messages pass untouched; oversized, binary
// garbage, non-SIP start lines, messages cut short and bodies of the wrong length are refused with
// the reason and a printable sample.
import { describe, expect, it } from 'vitest';
import { MAX_SIP_FRAME, screenSipFrame } from '../../../renderer/src/sip/sip-screen.ts';

const INVITE = [
  'INVITE sip:1002@pult.test SIP/2.0',
  'Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKnashds7',
  'From: <sip:+79161234567@pult.test>;tag=a73kszlfl',
  'To: <sip:1002@pult.test>',
  'Call-ID: 3848276298220188511@pult.test',
  'CSeq: 1 INVITE',
  'Content-Type: application/sdp',
].join('\r\n');
const SDP = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=Пульт\r\n';
const withBody = (body: string, length = new TextEncoder().encode(body).byteLength) => `${INVITE}\r\nContent-Length: ${length}\r\n\r\n${body}`;

describe('screenSipFrame', () => {
  it('passes requests, responses, unknown methods and the keep-alive pong', () => {
    expect(screenSipFrame(withBody(SDP))).toMatchObject({ ok: true });
    expect(screenSipFrame('SIP/2.0 200 OK\r\nCall-ID: x\r\nContent-Length: 0\r\n\r\n')).toMatchObject({ ok: true });
    // An unknown method is SIP all the same: JsSIP answers it 405.
    expect(screenSipFrame('FROBNICATE sip:1002@pult.test SIP/2.0\r\nCall-ID: y\r\nl: 0\r\n\r\n')).toMatchObject({ ok: true });
    expect(screenSipFrame('\r\n')).toMatchObject({ ok: true });
    expect(screenSipFrame(new TextEncoder().encode(withBody(SDP)))).toMatchObject({ ok: true, text: withBody(SDP) });
  });

  it.each([
    ['garbage', '\u0000\u0001\u0002 hello', 'malformed'],
    ['HTTP instead of SIP', 'HTTP/1.1 200 OK\r\n\r\n', 'malformed'],
    ['a start line without the version', 'INVITE sip:1002@pult.test\r\n\r\n', 'malformed'],
    ['headers cut off', INVITE, 'truncated'],
    ['a body shorter than it says', withBody(SDP, 500), 'truncated'],
    ['a body longer than it says', withBody(SDP, 3), 'truncated'],
    ['a megabyte header', `${INVITE}\r\nX-Pad: ${'a'.repeat(MAX_SIP_FRAME)}\r\n\r\n`, 'oversized'],
  ])('refuses %s', (_what, frame, reason) => {
    const r = screenSipFrame(frame);
    expect(r).toMatchObject({ ok: false, reason });
    // Printable: no control characters left in the sample.
    if (!r.ok) expect([...r.sample].every((c) => c.charCodeAt(0) >= 0x20)).toBe(true);
  });

  it('refuses binary frames that are not UTF-8, and non-frames', () => {
    expect(screenSipFrame(new Uint8Array([0xff, 0xfe, 0x00, 0x41]))).toMatchObject({ ok: false, reason: 'not_text' });
    expect(screenSipFrame(new Uint8Array(MAX_SIP_FRAME + 1))).toMatchObject({ ok: false, reason: 'oversized' });
    expect(screenSipFrame({ data: 'x' })).toMatchObject({ ok: false, reason: 'not_text' });
  });
});
