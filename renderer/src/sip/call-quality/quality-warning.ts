// When to tell the operator the line is bad, with hysteresis so the warning does not flicker.
//
// On below MOS 3.6 (R < 70: G.107 Annex B's "many users dissatisfied") for two samples in a row:
// one bad sample is a few seconds of a loss burst (a Wi-Fi hand-over, a download starting) that the
// jitter buffer and the talkers ride out; two in a row (4 s at the default 2 s) is trouble that
// lasts, worth saying to the operator, who can ask the customer to repeat or call back.
// Off again only at MOS 3.8 or better, also for two samples in a row: a line hovering around 3.6
// keeps the warning instead of blinking it on and off.

export const WARN_BELOW_MOS = 3.6;
export const CLEAR_AT_MOS = 3.8;
export const SAMPLES_IN_A_ROW = 2;

export class QualityWarning {
  private on = false;
  private streak = 0;

  get active(): boolean {
    return this.on;
  }

  /** Takes the next sample's MOS; says whether the warning is on. */
  update(mos: number): boolean {
    const towardsChange = this.on ? mos >= CLEAR_AT_MOS : mos < WARN_BELOW_MOS;
    this.streak = towardsChange ? this.streak + 1 : 0;
    if (this.streak >= SAMPLES_IN_A_ROW) {
      this.on = !this.on;
      this.streak = 0;
    }
    return this.on;
  }

  reset(): void {
    this.on = false;
    this.streak = 0;
  }
}
