// The E-model (renderer/src/sip/call-quality/e-model.ts) against G.107's reference points and the
// shape it must have: more loss or delay never rates a call better, and whatever getStats gives,
// the answer is a number within G.107's bounds.
import { describe, expect, it } from 'vitest';
import { codecImpairment, codecName, DEFAULT_IMPAIRMENT } from '../../../renderer/src/sip/call-quality/codec-impairment.ts';
import { eModel, mosFromR, R_DEFAULT } from '../../../renderer/src/sip/call-quality/e-model.ts';

const clean = { oneWayDelayMs: 10, jitterMs: 1, lossPct: 0 };

describe('R to MOS (G.107 Annex B)', () => {
  it('maps the reference points', () => {
    expect(mosFromR(93.2)).toBeCloseTo(4.41, 2);
    expect(mosFromR(80)).toBeCloseTo(4.02, 2);
    expect(mosFromR(70)).toBeCloseTo(3.6, 2);
    expect(mosFromR(50)).toBeCloseTo(2.58, 2);
    expect(mosFromR(100)).toBe(4.5);
    expect(mosFromR(0)).toBe(1);
  });

  it('stays within 1..4.5, also where the cubic dips below 1 and beyond the scale', () => {
    for (let r = -50; r <= 150; r += 0.5) {
      const mos = mosFromR(r);
      expect(mos).toBeGreaterThanOrEqual(1);
      expect(mos).toBeLessThanOrEqual(4.5);
    }
    expect(mosFromR(Number.NaN)).toBe(1);
  });
});

describe('eModel', () => {
  it('rates G.711 with no loss and low delay at about 4.4, just under the 93.2 ceiling', () => {
    for (const codec of ['PCMU', 'audio/PCMA']) {
      const { r, mos } = eModel({ ...clean, codec });
      expect(r).toBeLessThan(R_DEFAULT);
      expect(r).toBeGreaterThan(92);
      expect(mos).toBeCloseTo(4.4, 1);
    }
  });

  it('rates G.711 at 1 % random loss by its Bpl of 25.1 (Ie-eff ≈ 3.5)', () => {
    const lossless = eModel({ ...clean, codec: 'pcmu' }).r;
    expect(lossless - eModel({ ...clean, lossPct: 1, codec: 'pcmu' }).r).toBeCloseTo((95 * 1) / (1 + 25.1), 5);
  });

  it('follows the Cole–Rosenbluth delay curve: 0.024 per ms, and 0.11 more past 177.3 ms', () => {
    const at = (d: number) => eModel({ oneWayDelayMs: d, jitterMs: 0, lossPct: 0, codec: 'pcma' }).r;
    expect(at(100) - at(150)).toBeCloseTo(0.024 * 50, 5);
    expect(at(300) - at(400)).toBeCloseTo((0.024 + 0.11) * 100, 5);
  });

  it('counts the jitter buffer (twice the jitter) and the codec into the delay', () => {
    expect(eModel({ oneWayDelayMs: 40, jitterMs: 15, lossPct: 0, codec: 'opus' }).delayMs).toBeCloseTo(40 + 30 + 26.5, 5);
    expect(eModel({ oneWayDelayMs: 40, jitterMs: 0, lossPct: 0, codec: 'pcmu' }).delayMs).toBe(60);
  });

  it('never rates more loss or more delay better', () => {
    for (const codec of ['opus', 'pcmu', 'g722', 'unknown']) {
      let last = Infinity;
      for (let loss = 0; loss <= 100; loss += 0.5) {
        const { mos } = eModel({ ...clean, lossPct: loss, codec });
        expect(mos).toBeLessThanOrEqual(last);
        last = mos;
      }
      last = Infinity;
      for (let d = 0; d <= 1500; d += 5) {
        const { mos } = eModel({ oneWayDelayMs: d, jitterMs: 5, lossPct: 1, codec });
        expect(mos).toBeLessThanOrEqual(last);
        last = mos;
      }
      expect(eModel({ ...clean, lossPct: 20, codec }).mos).toBeLessThan(eModel({ ...clean, lossPct: 2, codec }).mos);
      expect(eModel({ ...clean, oneWayDelayMs: 400, codec }).mos).toBeLessThan(eModel({ ...clean, oneWayDelayMs: 50, codec }).mos);
    }
  });

  it('drops a call below "many users dissatisfied" (MOS 3.6) at 10 % loss, and to the floor when all is lost', () => {
    expect(eModel({ ...clean, lossPct: 10, codec: 'opus' }).mos).toBeLessThan(3.6);
    expect(eModel({ ...clean, lossPct: 100, codec: 'opus' }).mos).toBeLessThan(1.5);
  });

  it('rates an unknown codec no better than a known one', () => {
    expect(codecImpairment('audio/iLBC')).toBe(DEFAULT_IMPAIRMENT);
    expect(codecImpairment(null)).toBe(DEFAULT_IMPAIRMENT);
    for (const loss of [0, 1, 5, 20]) {
      const unknown = eModel({ ...clean, lossPct: loss, codec: 'audio/iLBC' }).mos;
      for (const known of ['opus', 'pcmu', 'pcma', 'g722']) expect(unknown).toBeLessThan(eModel({ ...clean, lossPct: loss, codec: known }).mos);
    }
  });

  it('reads codec names from SDP names and mimeTypes alike', () => {
    expect(codecName('audio/opus')).toBe('opus');
    expect(codecName('PCMU')).toBe('pcmu');
    expect(codecName(' audio/G722 ')).toBe('g722');
    expect(codecName(undefined)).toBe('');
  });

  it('never gives NaN and stays in bounds on bad input', () => {
    const bad = [Number.NaN, -1, -1e9, Infinity, -Infinity, 0, 1e9];
    for (const oneWayDelayMs of bad)
      for (const jitterMs of bad)
        for (const lossPct of bad) {
          const { r, mos, delayMs } = eModel({ oneWayDelayMs, jitterMs, lossPct, codec: 'opus' });
          for (const x of [r, mos]) expect(Number.isNaN(x)).toBe(false);
          expect(Number.isNaN(delayMs)).toBe(false);
          expect(r).toBeGreaterThanOrEqual(0);
          expect(r).toBeLessThanOrEqual(100);
          expect(mos).toBeGreaterThanOrEqual(1);
          expect(mos).toBeLessThanOrEqual(4.5);
        }
    // NaN and negative figures count as "nothing measured", not as a worse line.
    expect(eModel({ oneWayDelayMs: Number.NaN, jitterMs: -3, lossPct: Number.NaN, codec: 'pcmu' })).toEqual(eModel({ oneWayDelayMs: 0, jitterMs: 0, lossPct: 0, codec: 'pcmu' }));
  });
});
