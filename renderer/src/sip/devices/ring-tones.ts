// The ringtone and the auto-answer beep, generated (no sound files to license): notes scheduled on a
// Web Audio graph. The ring is a soft two-tone "ding-dong" twice, then a pause; each note has a quick
// attack and an exponential fade, like a chime, with a quiet octave above for warmth.
export interface Note {
  /** Seconds from the start of the pattern. */
  at: number;
  hz: number;
  /** Seconds until it has faded out. */
  length: number;
}

/** One ring cycle: E6–C#6, E6–C#6, then silence until `RING_CYCLE_SECONDS`. */
export const RING_PATTERN: readonly Note[] = [
  { at: 0, hz: 1318.5, length: 0.32 },
  { at: 0.22, hz: 1108.7, length: 0.5 },
  { at: 0.6, hz: 1318.5, length: 0.32 },
  { at: 0.82, hz: 1108.7, length: 0.6 },
];
export const RING_CYCLE_SECONDS = 3;

/** Two short high pips: "connecting you now". */
export const BEEP_PATTERN: readonly Note[] = [
  { at: 0, hz: 1760, length: 0.09 },
  { at: 0.14, hz: 1760, length: 0.09 },
];
export const BEEP_SECONDS = 0.3;

/** Schedules `notes` on `ctx` from `start` into `out`. */
export function scheduleNotes(ctx: BaseAudioContext, out: AudioNode, notes: readonly Note[], start: number): void {
  for (const n of notes) {
    const t0 = start + n.at;
    for (const [mult, level] of [[1, 0.5], [2, 0.08]] as const) {
      const osc = ctx.createOscillator();
      osc.type = 'sine';
      osc.frequency.value = n.hz * mult;
      const env = ctx.createGain();
      env.gain.setValueAtTime(0.0001, t0);
      env.gain.exponentialRampToValueAtTime(level, t0 + 0.012);
      env.gain.exponentialRampToValueAtTime(0.0001, t0 + n.length);
      osc.connect(env).connect(out);
      osc.start(t0);
      osc.stop(t0 + n.length + 0.02);
    }
  }
}
